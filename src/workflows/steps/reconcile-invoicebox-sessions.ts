/**
 * Reconciliation: the InvoiceBox orders of unsettled payment sessions, read in one list request per
 * batch, brought into Medusa the way a notification would — a paid one is settled (the settle
 * workflow, under its lock), a canceled or expired one closes its session, and an unpaid one past its
 * lifetime (an abandoned cart) is canceled at InvoiceBox and its session closed. Each change is kept in
 * the notification log (source `reconciliation`). A bounded number of cancellations per run keeps the
 * job's share of the account's rate limit small. Nothing to undo here: each workflow it runs has its
 * own compensation, and a canceled InvoiceBox order cannot be reopened.
 */
import type { Logger } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

import { describeInvoiceboxFailure } from "../../invoicebox/errors"
import { notificationSuccess } from "../../invoicebox/notification"
import type { NotificationReply, Order } from "../../invoicebox/types"
import { resolveInvoiceboxProvider } from "../../providers/invoicebox/registry"
import { closeInvoiceboxSessionWorkflow } from "../close-invoicebox-session"
import { recordInvoiceboxNotificationWorkflow } from "../record-invoicebox-notification"
import { settleInvoiceboxPaymentWorkflow } from "../settle-invoicebox-payment"
import { invoiceboxNotificationEntry } from "./create-invoicebox-notification"

export const reconcileInvoiceboxSessionsStepId = "reconcile-invoicebox-sessions"

/** At most this many abandoned orders are canceled per run (one request each). */
const MAX_CANCELS_PER_RUN = 10

export interface ReconciledSessionRow {
  id: string
  created_at: string | Date
  data?: Record<string, unknown> | null
}

export interface ReconcileInvoiceboxSessionsInput {
  provider_id: string
  sessions: ReconciledSessionRow[]
  /** a Date, or its ISO text once the workflow engine has stored it */
  now: Date | string
}

export interface ReconciliationSummary {
  provider_id: string
  read: number
  requests: number
  settled: number
  refused: number
  closed: number
  abandoned: number
  pending: number
  failed: number
}

export const reconcileInvoiceboxSessionsStep = createStep(
  reconcileInvoiceboxSessionsStepId,
  async ({ provider_id, sessions, now }: ReconcileInvoiceboxSessionsInput, { container }) => {
    const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
    const { client, options, providerId } = resolveInvoiceboxProvider(container, provider_id)
    const summary: ReconciliationSummary = {
      provider_id,
      read: 0,
      requests: 0,
      settled: 0,
      refused: 0,
      closed: 0,
      abandoned: 0,
      pending: 0,
      failed: 0,
    }
    const ids = sessions
      .map((session) => session.data?.invoicebox_order_id)
      .filter((id): id is string => typeof id === "string")
    if (ids.length === 0) return new StepResponse(summary)

    const page = await client.listOrders({ filter: { id: ids }, pageSize: ids.length })
    summary.requests += 1
    const orders = new Map(page.items.map((order) => [order.id, order]))
    const record = (order: Order, sessionId: string, reply: NotificationReply, receivedAt: Date) =>
      recordInvoiceboxNotificationWorkflow(container).run({
        input: invoiceboxNotificationEntry({
          source: "reconciliation",
          provider_id: providerId,
          order,
          payment_session_id: sessionId,
          reply,
          received_at: receivedAt,
        }),
      })
    const lifetimeMs = options.orderLifetimeMinutes * 60_000

    for (const session of sessions) {
      const order = orders.get(String(session.data?.invoicebox_order_id))
      if (!order) continue
      summary.read += 1
      const startedAt = new Date()
      try {
        if (order.status === "completed") {
          const { result } = await settleInvoiceboxPaymentWorkflow(container).run({
            input: { provider_id: providerId, capture_mode: options.captureMode, order },
          })
          if (result.reply.status === "success") summary.settled += 1
          else summary.refused += 1
          await record(order, session.id, result.reply, startedAt)
        } else if (order.status === "canceled" || order.status === "expired") {
          await closeInvoiceboxSessionWorkflow(container).run({ input: { provider_id: providerId, order } })
          summary.closed += 1
          await record(order, session.id, notificationSuccess(), startedAt)
        } else if (
          new Date(now).getTime() - new Date(session.created_at).getTime() > lifetimeMs &&
          summary.abandoned < MAX_CANCELS_PER_RUN
        ) {
          // an abandoned cart: its order must not stay payable
          const canceled = await client.cancelOrder(order.id)
          summary.requests += 1
          await closeInvoiceboxSessionWorkflow(container).run({ input: { provider_id: providerId, order: canceled } })
          summary.abandoned += 1
          await record(canceled, session.id, notificationSuccess(), startedAt)
        } else {
          summary.pending += 1
        }
      } catch (error) {
        summary.failed += 1
        logger.warn(`InvoiceBox reconciliation of session ${session.id}: ${describeInvoiceboxFailure(error)}`)
      }
    }
    return new StepResponse(summary)
  }
)
