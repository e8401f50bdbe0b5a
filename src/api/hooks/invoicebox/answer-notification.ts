/**
 * The notification URL's handler (`/hooks/invoicebox` and `/hooks/invoicebox/:id`): verify the raw
 * body against the right provider, run the workflow the order's status calls for (a paid order is
 * settled, a canceled or expired one closes its session), keep the notification in the log, and
 * answer HTTP 200 with the JSON InvoiceBox expects — whatever happens, within its 20 s limit
 * (out_of_service past 18 s or on any unexpected failure, so InvoiceBox retries).
 */
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { ConfigModule, Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

import { errorMessageOf } from "../../../invoicebox/errors"
import { notificationError, notificationSuccess } from "../../../invoicebox/notification"
import type { NotificationReply, OrderNotification } from "../../../invoicebox/types"
import { routeNotification } from "../../../providers/invoicebox/notification-routing"
import type { InvoiceboxProviderEntry } from "../../../providers/invoicebox/registry"
import { sessionIdFromMerchantOrderId } from "../../../providers/invoicebox/session-data"
import { closeInvoiceboxSessionWorkflow } from "../../../workflows/close-invoicebox-session"
import { recordInvoiceboxNotificationWorkflow } from "../../../workflows/record-invoicebox-notification"
import { settleInvoiceboxPaymentWorkflow } from "../../../workflows/settle-invoicebox-payment"
import { invoiceboxNotificationEntry } from "../../../workflows/steps/create-invoicebox-notification"

const REPLY_WITHIN_MS = 18_000
/** An order notification is a few kilobytes; a 1 000-line basket stays well below this. */
const MAX_BODY_BYTES = 2 * 1024 * 1024

export async function answerInvoiceboxNotification(
  req: MedusaRequest,
  res: MedusaResponse,
  registrationId?: string
): Promise<void> {
  const logger = req.scope.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  let reply: NotificationReply
  try {
    reply = await replyTo(req, logger, registrationId)
  } catch (error) {
    logger.error(`InvoiceBox notification: ${errorMessageOf(error)}`)
    reply = notificationError("out_of_service", "temporary failure, please retry")
  }
  res.status(200).json(reply)
}

async function replyTo(
  req: MedusaRequest,
  logger: Logger,
  registrationId: string | undefined
): Promise<NotificationReply> {
  const receivedAt = new Date()
  const header = req.headers["x-signature"]
  const routed = routeNotification(
    req.scope.resolve<ConfigModule>(ContainerRegistrationKeys.CONFIG_MODULE),
    await rawBodyOf(req),
    Array.isArray(header) ? header[0] : header,
    registrationId
  )
  if (!routed.ok) {
    logger.warn(`InvoiceBox notification refused: ${routed.reason}`)
    return routed.reply
  }
  // InvoiceBox monitoring's test: signature and merchant checked, nothing touched
  if (routed.monitoring) return notificationSuccess()

  const { provider, notification } = routed
  const { reply, sessionId } = await withinDeadline(apply(req.scope, provider, notification), logger, notification)
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
async function withinDeadline(
  work: Promise<Applied>,
  logger: Logger,
  notification: OrderNotification
): Promise<Applied> {
  const sessionId = sessionIdFromMerchantOrderId(notification.merchantOrderId) || null
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), REPLY_WITHIN_MS)))
  try {
    const applied = await Promise.race([work, late])
    return (
      applied ?? {
        reply: notificationError("out_of_service", "processing took too long, please retry"),
        sessionId: null,
      }
    )
  } catch (error) {
    logger.error(`InvoiceBox order ${notification.id}: applying the notification failed: ${errorMessageOf(error)}`)
    return { reply: notificationError("out_of_service", "temporary failure, please retry"), sessionId }
  } finally {
    clearTimeout(timer)
  }
}

/** The request's bytes as sent (the route has no body parser). */
async function rawBodyOf(req: MedusaRequest): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer | string>) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : chunk
    size += buffer.length
    if (size > MAX_BODY_BYTES) throw new Error(`notification body over ${MAX_BODY_BYTES} bytes`)
    chunks.push(buffer)
  }
  return Buffer.concat(chunks)
}
