/** The admin's Sync: an order's InvoiceBox payments re-read at InvoiceBox; a missed payment applied once. */
import { createWorkflow, transform, WorkflowResponse, type WorkflowData } from "@medusajs/framework/workflows-sdk"
import { useQueryGraphStep } from "@medusajs/medusa/core-flows"

import { syncInvoiceboxSessionsStep, type SyncedSessionRow } from "./steps/sync-invoicebox-sessions"

export const syncInvoiceboxPaymentsWorkflowId = "sync-invoicebox-payments"

interface OrderSessionsRow {
  payment_collections?: Array<{ payment_sessions?: SyncedSessionRow[] | null }> | null
}

export const syncInvoiceboxPaymentsWorkflow = createWorkflow(
  syncInvoiceboxPaymentsWorkflowId,
  (input: WorkflowData<{ order_id: string }>) => {
    const { data: orders } = useQueryGraphStep({
      entity: "order",
      fields: [
        "id",
        "payment_collections.payment_sessions.id",
        "payment_collections.payment_sessions.status",
        "payment_collections.payment_sessions.provider_id",
        "payment_collections.payment_sessions.data",
        "payment_collections.payment_sessions.payment.id",
        "payment_collections.payment_sessions.payment.data",
      ],
      filters: { id: input.order_id },
      options: { throwIfKeyNotFound: true },
    })
    const sessions = transform({ orders }, ({ orders }) => ({
      sessions: ((orders[0] as OrderSessionsRow | undefined)?.payment_collections ?? []).flatMap(
        (collection) => collection.payment_sessions ?? []
      ),
    }))
    return new WorkflowResponse(syncInvoiceboxSessionsStep(sessions))
  }
)
