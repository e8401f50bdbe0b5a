/**
 * The notification URL's handler (`/hooks/invoicebox` and `/hooks/invoicebox/:id`): verify the raw
 * body against the right provider, apply it (notifications/apply-invoicebox-notification.ts: the workflow the
 * order's status calls for, the log) and answer HTTP 200 with the JSON InvoiceBox expects — whatever
 * happens, within its 20 s limit (out_of_service on any unexpected failure, so InvoiceBox retries).
 */
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { ConfigModule, Logger } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

import { errorMessageOf } from "../../../invoicebox/errors"
import { notificationError, notificationSuccess } from "../../../invoicebox/notification"
import type { NotificationReply } from "../../../invoicebox/types"
import { applyInvoiceboxNotification } from "../../../notifications/apply-invoicebox-notification"
import { routeNotification } from "../../../providers/invoicebox/notification-routing"
import { readRawBody } from "../../../payment/notification-request"

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
    await readRawBody(req as AsyncIterable<Buffer | string>),
    Array.isArray(header) ? header[0] : header,
    registrationId
  )
  if (!routed.ok) {
    logger.warn(`InvoiceBox notification refused: ${routed.reason}`)
    return routed.reply
  }
  // InvoiceBox monitoring's test: signature and merchant checked, nothing touched
  if (routed.monitoring) return notificationSuccess()

  return applyInvoiceboxNotification(req.scope, routed.provider, routed.notification, "http", receivedAt)
}
