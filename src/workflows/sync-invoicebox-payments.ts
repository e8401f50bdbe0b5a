/**
 * The admin's Sync: an order's InvoiceBox payments re-read at InvoiceBox (a missed payment applied
 * once) and the refund orders of its refunds brought up to date.
 */
import { createWorkflow, transform, WorkflowResponse, type WorkflowData } from "@medusajs/framework/workflows-sdk"
import { useQueryGraphStep } from "@medusajs/medusa/core-flows"

import { refreshInvoiceboxRefundsWorkflow } from "./refresh-invoicebox-refunds"
import type { InvoiceboxRefundChange } from "./steps/refresh-invoicebox-refunds"
import {
  syncInvoiceboxSessionsStep,
  type InvoiceboxSyncOutcome,
  type SyncedSessionRow,
} from "./steps/sync-invoicebox-sessions"

export const syncInvoiceboxPaymentsWorkflowId = "sync-invoicebox-payments"

export interface SyncInvoiceboxPaymentsResult {
  /** what Sync did, payment session by payment session */
  outcomes: InvoiceboxSyncOutcome[]
  /** the refund orders whose InvoiceBox status changed (a canceled one: the buyer did not get the money) */
  refunds: InvoiceboxRefundChange[]
}

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
    const outcomes = syncInvoiceboxSessionsStep(sessions)
    const paymentIds = transform({ sessions }, ({ sessions }) =>
      sessions.sessions.flatMap((session) => (session.payment ? [session.payment.id] : []))
    )
    const refreshed = refreshInvoiceboxRefundsWorkflow.runAsStep({ input: { payment_ids: paymentIds } })
    return new WorkflowResponse(
      transform({ outcomes, refreshed }, ({ outcomes, refreshed }): SyncInvoiceboxPaymentsResult => ({
        outcomes,
        refunds: refreshed.changes,
      }))
    )
  }
)
