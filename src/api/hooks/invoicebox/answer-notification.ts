/**
 * The notification URL's handler (`/hooks/invoicebox` and `/hooks/invoicebox/:id`): verify the raw
 * body against the right provider, apply a paid order with the settle workflow, keep the notification
 * in the log, and answer HTTP 200 with the JSON InvoiceBox expects — within its 20 s limit
 * (out_of_service past 18 s, so InvoiceBox retries).
 */
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { ConfigModule, Logger } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

import { errorMessageOf } from "../../../invoicebox/errors"
import { notificationError, notificationSuccess } from "../../../invoicebox/notification"
import type { NotificationReply } from "../../../invoicebox/types"
import { routeNotification } from "../../../providers/invoicebox/notification-routing"
import { sessionIdFromMerchantOrderId } from "../../../providers/invoicebox/session-data"
import { recordInvoiceboxNotificationWorkflow } from "../../../workflows/record-invoicebox-notification"
import { settleInvoiceboxPaymentWorkflow } from "../../../workflows/settle-invoicebox-payment"
import { invoiceboxNotificationEntry } from "../../../workflows/steps/create-invoicebox-notification"

const REPLY_WITHIN_MS = 18_000

export async function answerInvoiceboxNotification(
  req: MedusaRequest,
  res: MedusaResponse,
  registrationId?: string
): Promise<void> {
  const receivedAt = new Date()
  const logger = req.scope.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const raw = (req as MedusaRequest & { rawBody?: Buffer }).rawBody ?? Buffer.from(JSON.stringify(req.body ?? {}))
  const header = req.headers["x-signature"]
  const routed = routeNotification(
    req.scope.resolve<ConfigModule>(ContainerRegistrationKeys.CONFIG_MODULE),
    raw,
    Array.isArray(header) ? header[0] : header,
    registrationId
  )
  if (!routed.ok) {
    logger.warn(`InvoiceBox notification refused: ${routed.reason}`)
    res.status(200).json(routed.reply)
    return
  }
  // InvoiceBox monitoring's test: signature and merchant checked, nothing touched
  if (routed.monitoring) {
    res.status(200).json(notificationSuccess())
    return
  }
  const { provider, notification } = routed
  let reply: NotificationReply = notificationSuccess()
  let sessionId: string | null = sessionIdFromMerchantOrderId(notification.merchantOrderId) || null
  if (notification.status === "completed") {
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), REPLY_WITHIN_MS)))
    try {
      const settled = settleInvoiceboxPaymentWorkflow(req.scope).run({
        input: { provider_id: provider.providerId, capture_mode: provider.options.captureMode, order: notification },
      })
      const outcome = await Promise.race([settled, late])
      if (outcome) {
        reply = outcome.result.reply
        sessionId = outcome.result.session_id
      } else {
        reply = notificationError("out_of_service", "processing took too long, please retry")
      }
    } catch (error) {
      logger.error(`InvoiceBox order ${notification.id}: applying the payment failed: ${errorMessageOf(error)}`)
      reply = notificationError("out_of_service", "temporary failure, please retry")
    } finally {
      clearTimeout(timer)
    }
  }
  // recorded before the reply, so whoever reads the log after InvoiceBox got its answer finds it
  await recordInvoiceboxNotificationWorkflow(req.scope)
    .run({
      input: invoiceboxNotificationEntry({
        source: "http",
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
  res.status(200).json(reply)
}
