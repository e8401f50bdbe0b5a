/**
 * Gives back, at InvoiceBox, whatever is still refundable of a paid order whose cart could not become
 * a Medusa order. Idempotent by the refund's merchantOrderId (`…:shipping_unavailable`); a refund
 * cannot be undone, so there is no compensation.
 */
import type { Logger } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

import { resolveInvoiceboxProvider } from "../../providers/invoicebox/registry"
import type { PaidInvoiceboxOrder } from "../types"

export const reverseInvoiceboxPaymentStepId = "reverse-invoicebox-payment"

export interface ReverseInvoiceboxPaymentInput {
  provider_id: string
  order: PaidInvoiceboxOrder
}

export const reverseInvoiceboxPaymentStep = createStep(
  reverseInvoiceboxPaymentStepId,
  async ({ provider_id, order }: ReverseInvoiceboxPaymentInput, { container }) => {
    const { client } = resolveInvoiceboxProvider(container, provider_id)
    const refund = await client.refundWithinBasket({
      parentId: order.id,
      merchantOrderId: `${order.merchantOrderId}:shipping_unavailable`.slice(0, 100),
      description: `Возврат: заказ не может быть выполнен ${order.merchantOrderId}`,
    })
    if (refund) {
      container
        .resolve<Logger>(ContainerRegistrationKeys.LOGGER)
        .warn(
          `InvoiceBox order ${order.id}: the cart could not become an order; refund ${refund.id} of ${refund.amount}`
        )
    }
    return new StepResponse(refund ? { refund_id: refund.id, amount: refund.amount } : null)
  }
)
