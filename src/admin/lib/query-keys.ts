/** react-query keys: the widget's and the settings page's reads, and the dashboard's order a Sync refreshes. */

export const invoiceboxOrderKey = (orderId: string) => ["invoicebox", "order", orderId] as const

/** One read per version of the order the page shows (see orderVersion). */
export const invoiceboxOrderVersionKey = (orderId: string, version: string) =>
  [...invoiceboxOrderKey(orderId), version] as const

/** The dashboard's own order detail query (ordersQueryKeys.detail(id) in @medusajs/dashboard). */
export const medusaOrderDetailKey = (orderId: string) => ["orders", "detail", orderId] as const

/** Settings → InvoiceBox: every InvoiceBox provider's connection (GET /admin/invoicebox/connections). */
export const invoiceboxConnectionsKey = ["invoicebox", "connections"] as const
