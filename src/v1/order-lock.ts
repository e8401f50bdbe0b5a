/**
 * The PostgreSQL advisory lock of an InvoiceBox order: the notification route holds it, on every
 * server of the store, while it turns the order's cart into an order, so a repeat waits and then finds
 * the order made.
 */
export function orderLockKey(invoiceboxOrderId: string): string {
  return `invoicebox:order:${invoiceboxOrderId}`
}

/** How long a repeat waits for the lock (InvoiceBox needs its reply within 20 s). */
export const ORDER_LOCK_WAIT = "15s"
