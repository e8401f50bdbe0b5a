/**
 * The InvoiceBox refund orders of Medusa refunds brought up to date (see the step): those of given
 * payments (the admin's Sync of an order) or those made since a date (reconciliation).
 */
import { createWorkflow, transform, WorkflowResponse, type WorkflowData } from "@medusajs/framework/workflows-sdk"
import { useQueryGraphStep } from "@medusajs/medusa/core-flows"

import { readSessionData } from "../payment/session-data"
import { refreshInvoiceboxRefundsStep, type RefundCandidate } from "./steps/refresh-invoicebox-refunds"

export const refreshInvoiceboxRefundsWorkflowId = "refresh-invoicebox-refunds"

export interface RefreshInvoiceboxRefundsInput {
  /** the payments whose refunds to check */
  payment_ids?: string[]
  /** or the refunds Medusa made after this date (a Date, or its ISO text) */
  created_after?: Date | string
}

interface RefundRow {
  payment?: { id: string; provider_id: string; currency_code?: string | null; data?: Record<string, unknown> | null }
}

/** The refund orders the provider recorded in each payment's data (one entry per InvoiceBox refund). */
export function refundCandidates(rows: RefundRow[]): RefundCandidate[] {
  const seen = new Set<string>()
  const candidates: RefundCandidate[] = []
  for (const { payment } of rows) {
    if (!payment) continue
    for (const refund of readSessionData(payment.data ?? {}).refunds ?? []) {
      if (seen.has(refund.id)) continue
      seen.add(refund.id)
      candidates.push({
        payment_id: payment.id,
        provider_id: payment.provider_id,
        currency_code: payment.currency_code ?? null,
        invoicebox_refund_id: refund.id,
        merchant_order_id: refund.merchant_order_id ?? null,
        amount: refund.amount,
      })
    }
  }
  return candidates
}

export const refreshInvoiceboxRefundsWorkflow = createWorkflow(
  refreshInvoiceboxRefundsWorkflowId,
  (input: WorkflowData<RefreshInvoiceboxRefundsInput>) => {
    const filters = transform({ input }, ({ input }) =>
      input.payment_ids
        ? { payment_id: input.payment_ids.length > 0 ? input.payment_ids : ["none"] }
        : { created_at: { $gt: new Date(input.created_after ?? 0) } }
    )
    const { data: refunds } = useQueryGraphStep({
      entity: "refund",
      fields: ["id", "payment.id", "payment.provider_id", "payment.currency_code", "payment.data"],
      filters,
    })
    const candidates = transform({ refunds }, ({ refunds }) => ({
      refunds: refundCandidates(refunds as RefundRow[]),
    }))
    return new WorkflowResponse(refreshInvoiceboxRefundsStep(candidates))
  }
)
