/**
 * The admin's Refund items: a refund of exactly the chosen goods — their worth (read from InvoiceBox's
 * refundable lines) refunded with Medusa's own refundPaymentWorkflow, so Medusa's payment shows the
 * refund, and the goods kept on the payment so its InvoiceBox refund order names them.
 */
import { createWorkflow, transform, WorkflowResponse, type WorkflowData } from "@medusajs/framework/workflows-sdk"
import { refundPaymentWorkflow, useQueryGraphStep } from "@medusajs/medusa/core-flows"

import type { RefundItemsPreview } from "../lib/refund-items-preview"
import { previewInvoiceboxRefundItemsStep } from "./steps/preview-invoicebox-refund-items"
import { recordInvoiceboxReturnedGoodsStep } from "./steps/record-invoicebox-returned-goods"

export const refundInvoiceboxItemsWorkflowId = "refund-invoicebox-items"

export interface RefundInvoiceboxItemsInput {
  payment_id: string
  items: Array<{ sku: string; quantity: number }>
  include_shipping: boolean
  created_by?: string
}

export const refundInvoiceboxItemsWorkflow = createWorkflow(
  refundInvoiceboxItemsWorkflowId,
  (input: WorkflowData<RefundInvoiceboxItemsInput>) => {
    const { preview, goods } = previewInvoiceboxRefundItemsStep(input)
    const { data: payments } = useQueryGraphStep({
      entity: "payment",
      fields: ["id", "data"],
      filters: { id: input.payment_id },
    })
    recordInvoiceboxReturnedGoodsStep(
      transform({ payments, goods }, ({ payments, goods }) => ({
        payment: (payments[0] as { id: string; data?: Record<string, unknown> | null } | undefined) ?? null,
        source: "admin",
        goods,
        replace: true,
      }))
    )
    refundPaymentWorkflow.runAsStep({
      input: transform({ input, preview }, ({ input, preview }) => ({
        payment_id: input.payment_id,
        amount: preview.amount,
        created_by: input.created_by,
      })),
    })
    return new WorkflowResponse(transform({ preview }, ({ preview }): RefundItemsPreview => preview))
  }
)
