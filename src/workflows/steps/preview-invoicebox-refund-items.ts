/** The worth and goods of a refund of chosen goods, read from the payment's InvoiceBox order. Reads only. */
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

import {
  goodsOfChoice,
  invoiceboxOrderOfPayment,
  previewRefundItems,
  type ChosenRefundItems,
  type RefundItemsPreview,
} from "../../lib/refund-items-preview"

export const previewInvoiceboxRefundItemsStepId = "preview-invoicebox-refund-items"

export interface PreviewInvoiceboxRefundItemsInput extends ChosenRefundItems {
  payment_id: string
}

export const previewInvoiceboxRefundItemsStep = createStep(
  previewInvoiceboxRefundItemsStepId,
  async ({ payment_id, items, include_shipping }: PreviewInvoiceboxRefundItemsInput, { container }) => {
    const { client, orderId } = await invoiceboxOrderOfPayment(container, payment_id)
    const refundable = await client.refundableLines(orderId)
    const choice = { items, include_shipping }
    const preview: RefundItemsPreview = previewRefundItems(refundable, choice)
    const goods = goodsOfChoice(refundable, choice).map((entry) => ({
      sku: entry.sku,
      quantity: Number(entry.quantity),
    }))
    return new StepResponse({ preview, goods })
  }
)
