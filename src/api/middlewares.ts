import { defineMiddlewares } from "@medusajs/framework/http"

import { attachServerBasket } from "./middlewares/attach-server-basket"

export default defineMiddlewares({
  routes: [
    {
      // the notification's signature is computed over the raw bytes
      matcher: "/hooks/invoicebox",
      methods: ["POST"],
      bodyParser: { preserveRawBody: true },
    },
    {
      matcher: "/hooks/invoicebox/:id",
      methods: ["POST"],
      bodyParser: { preserveRawBody: true },
    },
    {
      // after Medusa's validation, before its handler: the basket comes from the cart, not the storefront
      matcher: "/store/payment-collections/:id/payment-sessions",
      methods: ["POST"],
      middlewares: [attachServerBasket],
    },
  ],
})
