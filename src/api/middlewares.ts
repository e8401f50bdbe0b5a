import { defineMiddlewares, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"

import { AdminInvoiceboxInvoice } from "./admin/invoicebox/orders/[id]/invoice/validators"
import { AdminInvoiceboxRefundItems } from "./admin/invoicebox/payments/[id]/refund-items/validators"
import {
  AdminInvoiceboxActivate,
  AdminInvoiceboxConnect,
  AdminInvoiceboxInvite,
  AdminInvoiceboxNotificationKey,
} from "./admin/invoicebox/connections/validators"
import { attachServerBasket } from "./middlewares/attach-server-basket"
import { refreshConnectionsBeforeRequest } from "./middlewares/refresh-invoicebox-connections"
import { StoreInvoiceboxCompanyPayer } from "./store/carts/[id]/invoicebox-company-payer/validators"
import { StoreInvoiceboxCompaniesQuery } from "./store/invoicebox/companies/validators"

export default defineMiddlewares({
  routes: [
    // the InvoiceBox account in effect (stored from the admin) for whatever the request calls
    { matcher: "/admin/*", middlewares: [refreshConnectionsBeforeRequest] },
    { matcher: "/store/*", middlewares: [refreshConnectionsBeforeRequest] },
    { matcher: "/hooks/invoicebox*", middlewares: [refreshConnectionsBeforeRequest] },
    {
      // the notification's signature is computed over the raw bytes, which the route reads itself: a
      // body Medusa's JSON parser refuses must still get InvoiceBox's JSON reply, not an HTTP 400
      matcher: "/hooks/invoicebox",
      methods: ["POST"],
      bodyParser: false,
    },
    {
      matcher: "/hooks/invoicebox/:id",
      methods: ["POST"],
      bodyParser: false,
    },
    {
      // after Medusa's validation, before its handler: the basket comes from the cart, not the storefront
      matcher: "/store/payment-collections/:id/payment-sessions",
      methods: ["POST"],
      middlewares: [attachServerBasket],
    },
    {
      matcher: "/store/carts/:id/invoicebox-company-payer",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(StoreInvoiceboxCompanyPayer)],
    },
    {
      matcher: "/store/invoicebox/companies",
      methods: ["GET"],
      middlewares: [validateAndTransformQuery(StoreInvoiceboxCompaniesQuery, {})],
    },
    {
      matcher: "/admin/invoicebox/orders/:id/invoice",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(AdminInvoiceboxInvoice)],
    },
    {
      matcher: "/admin/invoicebox/payments/:id/refund-items",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(AdminInvoiceboxRefundItems)],
    },
    {
      matcher: "/admin/invoicebox/payments/:id/refund-items/preview",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(AdminInvoiceboxRefundItems)],
    },
    {
      matcher: "/admin/invoicebox/connections/:provider_id",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(AdminInvoiceboxConnect)],
    },
    {
      matcher: "/admin/invoicebox/connections/:provider_id/notification-key",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(AdminInvoiceboxNotificationKey)],
    },
    {
      matcher: "/admin/invoicebox/connections/:provider_id/invite",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(AdminInvoiceboxInvite)],
    },
    {
      matcher: "/admin/invoicebox/connections/:provider_id/activate",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(AdminInvoiceboxActivate)],
    },
  ],
})
