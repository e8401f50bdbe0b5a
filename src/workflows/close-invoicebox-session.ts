/** A `canceled` / `expired` notification → the Medusa payment session of that unpaid order is canceled. */
import { createWorkflow, transform, WorkflowResponse, type WorkflowData } from "@medusajs/framework/workflows-sdk"
import { useQueryGraphStep } from "@medusajs/medusa/core-flows"

import type { Order } from "../invoicebox/types"
import { sessionIdFromMerchantOrderId } from "../payment/session-data"
import { cancelInvoiceboxSessionStep, type CancelInvoiceboxSessionInput } from "./steps/cancel-invoicebox-session"

export const closeInvoiceboxSessionWorkflowId = "close-invoicebox-session"

export interface CloseInvoiceboxSessionInput {
  provider_id: string
  /** the order as InvoiceBox reported it, in its final status */
  order: Order
}

export const closeInvoiceboxSessionWorkflow = createWorkflow(
  closeInvoiceboxSessionWorkflowId,
  (input: WorkflowData<CloseInvoiceboxSessionInput>) => {
    const filters = transform({ input }, ({ input }) => ({
      // an empty merchantOrderId must never match every session
      id: sessionIdFromMerchantOrderId(input.order.merchantOrderId) || "none",
      provider_id: input.provider_id,
    }))
    const { data: sessions } = useQueryGraphStep({
      entity: "payment_session",
      fields: ["id", "status", "amount", "currency_code", "data"],
      filters,
    })
    const toCancel = transform({ sessions, input }, ({ sessions, input }) => ({
      session: (sessions[0] as CancelInvoiceboxSessionInput["session"] | undefined) ?? null,
      order: input.order,
    }))
    return new WorkflowResponse(cancelInvoiceboxSessionStep(toCancel))
  }
)
