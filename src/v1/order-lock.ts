/**
 * The PostgreSQL advisory lock of an InvoiceBox order: whoever turns its cart into an order — the
 * notification route, the buyer's own `POST /store/carts/:id/complete` — holds it, on every server of
 * the store, so the two never race (Medusa v1 would refuse the second with a duplicate-key error).
 */
export function orderLockKey(invoiceboxOrderId: string): string {
  return `invoicebox:order:${invoiceboxOrderId}`
}

/** How long the second one waits for the lock (InvoiceBox needs its reply within 20 s). */
export const ORDER_LOCK_WAIT = "15s"
