/**
 * What the settlement reads about a payment session (one Query graph: the session, its payment, the
 * collection's other sessions, the cart and the order made from it).
 */
export const INVOICEBOX_SESSION_FIELDS = [
  "id",
  "amount",
  "currency_code",
  "status",
  "provider_id",
  "payment_collection_id",
  "payment.id",
  "payment.data",
  "payment.captured_at",
  "payment.canceled_at",
  "payment.refunds.id",
  "payment_collection.payment_sessions.id",
  "payment_collection.payment_sessions.status",
  "payment_collection.cart.id",
  "payment_collection.cart.order.id",
]

export interface InvoiceboxSessionRow {
  id: string
  amount: unknown
  currency_code: string
  status: string
  provider_id: string
  payment_collection_id: string
  payment?: {
    id: string
    data?: Record<string, unknown> | null
    captured_at?: unknown
    canceled_at?: unknown
    refunds?: Array<{ id: string }> | null
  } | null
  payment_collection?: {
    payment_sessions?: Array<{ id: string; status: string }> | null
    cart?: { id: string; order?: { id: string } | null } | null
  } | null
}

/** The session has its payment and, when it pays a cart, the cart is an order: nothing left to apply. */
export function isSessionSettled(session: InvoiceboxSessionRow | undefined): boolean {
  if (!session?.payment) return false
  const cart = session.payment_collection?.cart
  return !cart || Boolean(cart.order?.id)
}

/** The InvoiceBox order whose payment Medusa recorded for the session (null before there is one). */
export function settledInvoiceboxOrderId(session: InvoiceboxSessionRow | undefined): string | null {
  const id = session?.payment?.data?.invoicebox_order_id
  return typeof id === "string" ? id : null
}
