/**
 * The notification route reads the body as InvoiceBox sent it (its signature is over the raw bytes);
 * a cart's completion by the buyer takes its InvoiceBox order's lock (serialize-cart-completion.ts).
 */
import type { MiddlewaresConfig } from "@medusajs/medusa"

import { serializeCartCompletion } from "./serialize-cart-completion"

export const config: MiddlewaresConfig = {
  routes: [
    { matcher: "/hooks/invoicebox", method: "POST", bodyParser: false },
    { matcher: "/store/carts/:id/complete", method: "POST", middlewares: [serializeCartCompletion] },
  ],
}
