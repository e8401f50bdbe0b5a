/**
 * InvoiceBox orders in a final status (paid, canceled, expired) this process has just learnt from a
 * verified notification or a fresh read, kept for a minute. While Medusa applies the change it asks
 * the provider for the order (authorizePayment, updatePayment); the provider answers from here instead
 * of calling InvoiceBox again, so a paid checkout costs one API request (the order's creation) when the
 * notification arrives first. Only final statuses are kept: such an order never changes status again.
 */
import type { Order } from "../../invoicebox/types"

const KEEP_MS = 60_000
const MAX_ORDERS = 1_000

const orders = new Map<string, { order: Order; until: number }>()

const FINAL_STATUSES = new Set<Order["status"]>(["completed", "canceled", "expired"])

export function rememberFinalOrder(order: Order, now = Date.now()): void {
  if (!FINAL_STATUSES.has(order.status)) return
  orders.delete(order.id)
  orders.set(order.id, { order, until: now + KEEP_MS })
  // the oldest go first when a burst fills the map
  for (const [id] of orders) {
    if (orders.size <= MAX_ORDERS) break
    orders.delete(id)
  }
}

export function recentFinalOrder(id: string | undefined, now = Date.now()): Order | null {
  if (!id) return null
  const entry = orders.get(id)
  if (!entry) return null
  if (entry.until < now) {
    orders.delete(id)
    return null
  }
  return entry.order
}
