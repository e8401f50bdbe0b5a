/**
 * Gives back, at InvoiceBox, whatever is still refundable of a paid order the store cannot keep: its
 * cart could not become a Medusa order (`shipping_unavailable`), the cart was already paid with
 * another session (`order_already_paid`) or the amount paid is not the session's (`order_wrong_amount`).
 * Idempotent by the refund's merchantOrderId (`…:<reason>`); a refund cannot be undone, so there is
 * no compensation.
 */
import type { Logger } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

import { resolveInvoiceboxProvider } from "../../providers/invoicebox/registry"
import type { PaidInvoiceboxOrder } from "../types"

export const reverseInvoiceboxPaymentStepId = "reverse-invoicebox-payment"

export type ReversalReason = "shipping_unavailable" | "order_already_paid" | "order_wrong_amount"

/** Why the money goes back, for the log. */
const LOG_REASONS: Record<ReversalReason, string> = {
  shipping_unavailable: "the cart could not become an order",
  order_already_paid: "the cart was already paid",
  order_wrong_amount: "the amount paid is not the cart's",
}

const DESCRIPTIONS: Record<ReversalReason, string> = {
  shipping_unavailable: "Возврат: заказ не может быть выполнен",
  order_already_paid: "Возврат: заказ уже оплачен",
  order_wrong_amount: "Возврат: сумма оплаты не совпадает с суммой заказа",
}

export interface ReverseInvoiceboxPaymentInput {
  provider_id: string
  order: PaidInvoiceboxOrder
  reason: ReversalReason
}

export const reverseInvoiceboxPaymentStep = createStep(
  reverseInvoiceboxPaymentStepId,
  async ({ provider_id, order, reason }: ReverseInvoiceboxPaymentInput, { container }) => {
    const { client } = resolveInvoiceboxProvider(container, provider_id)
    // only money InvoiceBox really holds: the order as InvoiceBox has it now, not as a message said
    const current = await client.getOrder(order.id)
    if (!current || current.status !== "completed") return new StepResponse(null)
    const refund = await client.refundWithinBasket({
      parentId: order.id,
      merchantOrderId: `${order.merchantOrderId}:${reason}`.slice(0, 100),
      description: `${DESCRIPTIONS[reason]} ${order.merchantOrderId}`,
    })
    if (refund) {
      container
        .resolve<Logger>(ContainerRegistrationKeys.LOGGER)
        .warn(`InvoiceBox order ${order.id}: ${LOG_REASONS[reason]}; refund ${refund.id} of ${refund.amount}`)
    }
    return new StepResponse(refund ? { refund_id: refund.id, amount: refund.amount } : null)
  }
)
