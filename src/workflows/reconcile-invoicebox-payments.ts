/**
 * The reconciliation job's work for one InvoiceBox provider: the pending payment sessions older than
 * the grace period, oldest first, one batch per run, brought up to date with InvoiceBox (a lost
 * notification is recovered without anyone pressing Sync). Returns a summary for the log line.
 */
import { PaymentSessionStatus } from "@medusajs/framework/utils"
import { createWorkflow, transform, WorkflowResponse, type WorkflowData } from "@medusajs/framework/workflows-sdk"
import { useQueryGraphStep } from "@medusajs/medusa/core-flows"

import { reconcileInvoiceboxSessionsStep, type ReconciledSessionRow } from "./steps/reconcile-invoicebox-sessions"

export const reconcileInvoiceboxPaymentsWorkflowId = "reconcile-invoicebox-payments"

export interface ReconcileInvoiceboxPaymentsInput {
  provider_id: string
  now: Date
  /** sessions younger than this are left to their notification, seconds */
  after_seconds: number
  batch_size: number
}

export const reconcileInvoiceboxPaymentsWorkflow = createWorkflow(
  reconcileInvoiceboxPaymentsWorkflowId,
  (input: WorkflowData<ReconcileInvoiceboxPaymentsInput>) => {
    const query = transform({ input }, ({ input }) => ({
      filters: {
        provider_id: input.provider_id,
        status: PaymentSessionStatus.PENDING,
        created_at: { $lt: new Date(new Date(input.now).getTime() - input.after_seconds * 1000) },
      },
      pagination: { take: input.batch_size, order: { created_at: "ASC" as const } },
    }))
    const { data: sessions } = useQueryGraphStep({
      entity: "payment_session",
      fields: ["id", "created_at", "data"],
      filters: query.filters,
      pagination: query.pagination,
    })
    const batch = transform({ input, sessions }, ({ input, sessions }) => ({
      provider_id: input.provider_id,
      sessions: sessions as ReconciledSessionRow[],
      now: new Date(input.now),
    }))
    return new WorkflowResponse(reconcileInvoiceboxSessionsStep(batch))
  }
)
