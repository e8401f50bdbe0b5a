/** The notification route reads the body as InvoiceBox sent it (its signature is over the raw bytes). */
import type { MiddlewaresConfig } from "@medusajs/medusa"

export const config: MiddlewaresConfig = {
  routes: [{ matcher: "/hooks/invoicebox", method: "POST", bodyParser: false }],
}
