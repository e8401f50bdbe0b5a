/**
 * An InvoiceBox order notification, verified, applied — whichever way it came (the notification URL,
 * the WebSocket gate): the workflow the order's status calls for (a paid order is settled, a canceled
 * or expired one closes its session), the notification kept in the log, and the reply InvoiceBox
 * expects, within its 20 s limit (out_of_service past 18 s or on any failure, so InvoiceBox retries).
 * The settle workflow's lock makes one payment of one notification however many times and ways it
 * arrives.
 */
import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

import { errorMessageOf } from "../invoicebox/errors"
import { notificationSuccess } from "../invoicebox/notification"
import type { NotificationReply, OrderNotification } from "../invoicebox/types"
import type { NotificationSource } from "../modules/invoicebox/models/invoicebox-notification"
import { withinReplyDeadline } from "../payment/notification-request"
import type { InvoiceboxProviderEntry } from "../providers/invoicebox/registry"
import { sessionIdFromMerchantOrderId } from "../payment/session-data"
import { closeInvoiceboxSessionWorkflow } from "../workflows/close-invoicebox-session"
import { recordInvoiceboxNotificationWorkflow } from "../workflows/record-invoicebox-notification"
import { settleInvoiceboxPaymentWorkflow } from "../workflows/settle-invoicebox-payment"
import { invoiceboxNotificationEntry } from "../workflows/steps/create-invoicebox-notification"

export async function applyInvoiceboxNotification(
  container: MedusaContainer,
  provider: InvoiceboxProviderEntry,
  notification: OrderNotification,
  source: Extract<NotificationSource, "http" | "websocket">,
  receivedAt = new Date()
): Promise<NotificationReply> {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const { reply, sessionId } = await withinDeadline(apply(container, provider, notification), logger, notification)
  // recorded before the reply, so whoever reads the log after InvoiceBox got its answer finds it
  await recordInvoiceboxNotificationWorkflow(container)
    .run({
      input: invoiceboxNotificationEntry({
        source,
        provider_id: provider.providerId,
        order: notification,
        payment_session_id: sessionId,
        reply,
        received_at: receivedAt,
      }),
    })
    .catch((error: unknown) => {
      logger.warn(`InvoiceBox order ${notification.id}: could not record the notification: ${errorMessageOf(error)}`)
    })
  return reply
}

type Applied = { reply: NotificationReply; sessionId: string | null }

/** The workflow the order's status calls for. */
async function apply(
  container: MedusaContainer,
  provider: InvoiceboxProviderEntry,
  notification: OrderNotification
): Promise<Applied> {
  const sessionId = sessionIdFromMerchantOrderId(notification.merchantOrderId) || null
  switch (notification.status) {
    case "completed": {
      const { result } = await settleInvoiceboxPaymentWorkflow(container).run({
        input: { provider_id: provider.providerId, capture_mode: provider.options.captureMode, order: notification },
      })
      return { reply: result.reply, sessionId: result.session_id }
    }
    case "canceled":
    case "expired":
      await closeInvoiceboxSessionWorkflow(container).run({
        input: { provider_id: provider.providerId, order: notification },
      })
      return { reply: notificationSuccess(), sessionId }
    default:
      return { reply: notificationSuccess(), sessionId }
  }
}

/** The workflow's answer, or out_of_service when it fails or is late (InvoiceBox then retries). */
function withinDeadline(work: Promise<Applied>, logger: Logger, notification: OrderNotification): Promise<Applied> {
  const sessionId = sessionIdFromMerchantOrderId(notification.merchantOrderId) || null
  return withinReplyDeadline(work, (reply, error) => {
    if (error === undefined) return { reply, sessionId: null }
    logger.error(`InvoiceBox order ${notification.id}: applying the notification failed: ${errorMessageOf(error)}`)
    return { reply, sessionId }
  })
}
