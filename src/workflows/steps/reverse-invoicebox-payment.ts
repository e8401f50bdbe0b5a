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

import { REVERSAL_LOG_REASONS, reversePaidOrder, type ReversalReason } from "../../payment/reverse-payment"
import { resolveInvoiceboxProvider } from "../../providers/invoicebox/registry"
import type { PaidInvoiceboxOrder } from "../types"

export const reverseInvoiceboxPaymentStepId = "reverse-invoicebox-payment"

export type { ReversalReason }

export interface ReverseInvoiceboxPaymentInput {
  provider_id: string
  order: PaidInvoiceboxOrder
  reason: ReversalReason
}

export const reverseInvoiceboxPaymentStep = createStep(
  reverseInvoiceboxPaymentStepId,
  async ({ provider_id, order, reason }: ReverseInvoiceboxPaymentInput, { container }) => {
    const { client } = resolveInvoiceboxProvider(container, provider_id)
    const refund = await reversePaidOrder(client, order, reason)
    if (refund) {
      container
        .resolve<Logger>(ContainerRegistrationKeys.LOGGER)
        .warn(`InvoiceBox order ${order.id}: ${REVERSAL_LOG_REASONS[reason]}; refund ${refund.id} of ${refund.amount}`)
    }
    return new StepResponse(refund ? { refund_id: refund.id, amount: refund.amount } : null)
  }
)
