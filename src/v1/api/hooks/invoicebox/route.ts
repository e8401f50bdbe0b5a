/**
 * POST /hooks/invoicebox — the v1 store's notification URL. The raw body is verified with the shop's
 * notification key (X-Signature), the merchant checked, the order applied (notifications/
 * apply-notification.ts), and InvoiceBox answered HTTP 200 with the JSON it expects, whatever happens
 * (out_of_service on any unexpected failure, so InvoiceBox retries). The same replies as the v2 route.
 */
import type { Logger, MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { errorMessageOf } from "../../../../invoicebox/errors"
import { notificationError, notificationSuccess, verifyNotification } from "../../../../invoicebox/notification"
import type { NotificationReply } from "../../../../invoicebox/types"
import { applyV1Notification } from "../../../notifications/apply-notification"
import { INVOICEBOX_V1_PROVIDER_ID, type InvoiceboxPaymentProcessor } from "../../../services/invoicebox"
import { readRawBody } from "../../../../payment/notification-request"

export const AUTHENTICATE = false
export const CORS = false

export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const logger = req.scope.resolve<Logger>("logger")
  let reply: NotificationReply
  try {
    reply = await replyTo(req, logger)
  } catch (error) {
    logger.error(`InvoiceBox notification: ${errorMessageOf(error)}`)
    reply = notificationError("out_of_service", "temporary failure, please retry")
  }
  res.status(200).json(reply)
}

async function replyTo(req: MedusaRequest, logger: Logger): Promise<NotificationReply> {
  const receivedAt = new Date()
  const processor = req.scope.resolve<InvoiceboxPaymentProcessor>(`pp_${INVOICEBOX_V1_PROVIDER_ID}`)
  const { options } = processor
  const header = req.headers["x-signature"]
  if (!options.notificationKey) {
    logger.warn("InvoiceBox notification refused: the plugin has no notificationKey")
    return notificationError("signature_error", "the shop has no notification key")
  }
  const verified = verifyNotification({
    rawBody: await readRawBody(req as AsyncIterable<Buffer | string>),
    signature: Array.isArray(header) ? header[0] : header,
    notificationKey: options.notificationKey,
    merchantId: options.merchantId,
    algorithm: options.signatureAlgorithm,
  })
  if (!verified.ok) {
    logger.warn(`InvoiceBox notification refused: ${verified.reason}`)
    return verified.reply
  }
  // InvoiceBox monitoring's test: signature and merchant checked, nothing touched
  if (verified.monitoring) return notificationSuccess()
  return applyV1Notification(req.scope, processor, verified.notification, receivedAt)
}
