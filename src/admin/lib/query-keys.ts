/** react-query keys of the widget's reads, and of the dashboard's order it refreshes after a Sync. */

export const invoiceboxOrderKey = (orderId: string) => ["invoicebox", "order", orderId] as const

/** One read per version of the order the page shows (see orderVersion). */
export const invoiceboxOrderVersionKey = (orderId: string, version: string) =>
  [...invoiceboxOrderKey(orderId), version] as const

/** The dashboard's own order detail query (ordersQueryKeys.detail(id) in @medusajs/dashboard). */
export const medusaOrderDetailKey = (orderId: string) => ["orders", "detail", orderId] as const
