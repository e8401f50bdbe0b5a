/**
 * Gives back, at InvoiceBox, whatever is still refundable of a paid order the store cannot keep: its
 * cart could not become an order (`shipping_unavailable`), the cart was already paid with another
 * session (`order_already_paid`) or the amount paid is not the session's (`order_wrong_amount`).
 * Idempotent by the refund's merchantOrderId (`…:<reason>`): a second call finds the first refund or
 * nothing left. Only money InvoiceBox really holds: the order as InvoiceBox has it now, not as a
 * notification said.
 */
import type { InvoiceboxClient } from "../invoicebox/client"
import type { RefundOrder } from "../invoicebox/types"

export const REVERSAL_REASONS = ["shipping_unavailable", "order_already_paid", "order_wrong_amount"] as const
export type ReversalReason = (typeof REVERSAL_REASONS)[number]

/** Why the money goes back, for the log. */
export const REVERSAL_LOG_REASONS: Record<ReversalReason, string> = {
  shipping_unavailable: "the cart could not become an order",
  order_already_paid: "the cart was already paid",
  order_wrong_amount: "the amount paid is not the cart's",
}

const DESCRIPTIONS: Record<ReversalReason, string> = {
  shipping_unavailable: "Возврат: заказ не может быть выполнен",
  order_already_paid: "Возврат: заказ уже оплачен",
  order_wrong_amount: "Возврат: сумма оплаты не совпадает с суммой заказа",
}

/** The refund made (or found) for the reversal; null when InvoiceBox holds nothing of the order any more. */
export async function reversePaidOrder(
  client: InvoiceboxClient,
  order: { id: string; merchantOrderId: string },
  reason: ReversalReason
): Promise<RefundOrder | null> {
  const current = await client.getOrder(order.id)
  if (!current || current.status !== "completed") return null
  return client.refundWithinBasket({
    parentId: order.id,
    merchantOrderId: reversalMerchantOrderId(order, reason),
    description: `${DESCRIPTIONS[reason]} ${order.merchantOrderId}`,
  })
}

/**
 * The merchantOrderId of the refund that gives an order's money back for `reason` — a reversal above,
 * or a canceled (`cancel`) or deleted (`delete`) payment in either adapter — at most 100 characters.
 * One refund per order and reason: a retry finds it.
 */
export function reversalMerchantOrderId(order: { merchantOrderId: string }, reason: string): string {
  return `${order.merchantOrderId}:${reason}`.slice(0, 100)
}
