/**
 * The body of the v1 admin route `GET /admin/invoicebox/orders/:id` (a Medusa v1 order's InvoiceBox payment),
 * shared by that route and the v1 admin widget. Types only and no import: the route's build and the widget's
 * bundle both read this file.
 */

/** An InvoiceBox order's status (API v3). */
export type InvoiceboxV1OrderStatus = "created" | "completed" | "canceled" | "expired"

export type InvoiceboxV1Refund = {
  id: string
  merchant_order_id: string
  /** rubles, e.g. 1234.5 */
  amount: number
  status: string
}

export type InvoiceboxV1Shipment = {
  id: number
  status: string
  /** rubles */
  amount: number
}

export type InvoiceboxV1Notification = {
  status: string
  reply: string
  /** ISO 8601 */
  received_at: string
}

export type InvoiceboxV1OrderView = {
  provider_id: "invoicebox"
  invoicebox_order_id: string
  merchant_order_id: string
  status: InvoiceboxV1OrderStatus
  /** rubles, e.g. 1234.5 */
  amount: number
  currency_code: string
  payment_url: string
  /** ISO 8601, null until paid */
  paid_at: string | null
  capture_mode: "auto" | "manual"
  refunds: InvoiceboxV1Refund[]
  shipments: InvoiceboxV1Shipment[]
  notifications: InvoiceboxV1Notification[]
}

/** `{ "invoicebox": null }` when the order has no InvoiceBox payment. */
export type InvoiceboxV1OrderResponse = {
  invoicebox: InvoiceboxV1OrderView | null
}
