/**
 * Reads each InvoiceBox payment session's order at InvoiceBox and applies a payment Medusa missed (a
 * lost notification) exactly as a notification would: through the settle workflow, under its lock.
 * Every reading is kept in the notification log (source `sync`). Undoing is the settle workflow's own
 * compensation; a reading needs none.
 */
import type { Logger } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

import { describeInvoiceboxFailure } from "../../invoicebox/errors"
import { notificationSuccess } from "../../invoicebox/notification"
import type { NotificationReply, Order } from "../../invoicebox/types"
import { invoiceboxClient, resolveInvoiceboxProviders } from "../../providers/invoicebox/registry"
import { findSessionOrder, readSessionData } from "../../payment/session-data"
import { recordInvoiceboxNotificationWorkflow } from "../record-invoicebox-notification"
import { settleInvoiceboxPaymentWorkflow } from "../settle-invoicebox-payment"
import { invoiceboxNotificationEntry } from "./create-invoicebox-notification"

export const syncInvoiceboxSessionsStepId = "sync-invoicebox-sessions"

export interface SyncedSessionRow {
  id: string
  status: string
  provider_id: string
  data?: Record<string, unknown> | null
  payment?: { id: string; data?: Record<string, unknown> | null } | null
}

export interface InvoiceboxSyncOutcome {
  session_id: string
  /** what Sync did: applied a missed payment, found nothing to change, or could not tell */
  result: "applied" | "up_to_date" | "refused" | "failed"
  message: string
}

export const syncInvoiceboxSessionsStep = createStep(
  syncInvoiceboxSessionsStepId,
  async ({ sessions }: { sessions: SyncedSessionRow[] }, { container }) => {
    const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
    const providers = resolveInvoiceboxProviders(container)
    const outcomes: InvoiceboxSyncOutcome[] = []
    for (const session of sessions) {
      const provider = providers.find((entry) => entry.providerId === session.provider_id)
      if (!provider) continue
      const startedAt = new Date()
      const data = { ...(session.data ?? {}), ...(session.payment?.data ?? {}) }
      let order: Order | null
      try {
        order = await findSessionOrder(invoiceboxClient(provider.options, logger), {
          session_id: session.id,
          ...readSessionData(data),
        })
      } catch (error) {
        outcomes.push({ session_id: session.id, result: "failed", message: describeInvoiceboxFailure(error) })
        continue
      }
      if (!order) {
        outcomes.push({
          session_id: session.id,
          result: "failed",
          message: `InvoiceBox has no order for payment session ${session.id}`,
        })
        continue
      }
      let outcome: InvoiceboxSyncOutcome = {
        session_id: session.id,
        result: "up_to_date",
        message: `InvoiceBox order ${order.id} is ${order.status}; Medusa already agrees`,
      }
      let reply: NotificationReply = notificationSuccess()
      if (order.status === "completed" && session.status !== "authorized" && session.status !== "captured") {
        const { result } = await settleInvoiceboxPaymentWorkflow(container).run({
          input: { provider_id: provider.providerId, capture_mode: provider.options.captureMode, order },
        })
        reply = result.reply
        outcome =
          reply.status === "success"
            ? {
                session_id: session.id,
                result: "applied",
                message: `InvoiceBox order ${order.id} was paid; the payment is now recorded in Medusa`,
              }
            : {
                session_id: session.id,
                result: "refused",
                message: `InvoiceBox order ${order.id} is paid but was not applied: ${reply.code}${reply.message ? ` (${reply.message})` : ""}`,
              }
        logger.info(`InvoiceBox Sync of payment session ${session.id}: ${outcome.message}`)
      }
      await recordInvoiceboxNotificationWorkflow(container).run({
        input: invoiceboxNotificationEntry({
          source: "sync",
          provider_id: provider.providerId,
          order,
          payment_session_id: session.id,
          reply,
          received_at: startedAt,
        }),
      })
      outcomes.push(outcome)
    }
    return new StepResponse(outcomes)
  }
)
