import type { AdminOrder } from "@medusajs/framework/types"

const stamp = (value: string | Date | null | undefined): string => (value ? String(value) : "")

/**
 * Changes whenever the order page hands the widget an order whose payments changed — a refund, a capture,
 * a new payment collection or session — so that the widget reads InvoiceBox again.
 */
export function orderVersion(order: AdminOrder): string {
  const collections = (order.payment_collections ?? []).map((collection) =>
    [
      collection.id,
      collection.status,
      collection.captured_amount ?? "",
      collection.refunded_amount ?? "",
      ...(collection.payment_sessions ?? []).map((session) => `${session.id}/${session.status}`),
      ...(collection.payments ?? []).map((payment) =>
        [payment.id, stamp(payment.captured_at), stamp(payment.canceled_at), payment.refunds?.length ?? 0].join("/")
      ),
    ].join(":")
  )
  return [stamp(order.updated_at), ...collections].join("|")
}
