/**
 * An InvoiceBox notification inside Medusa: verify the raw body's signature and the merchant, answer
 * the monitoring ping, apply a paid order (settle-paid-order) and answer with the code InvoiceBox
 * expects. The last notification of a payment is recorded on it for the admin widget.
 */
import type { ConfigModule, Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

import { notificationSuccess, verifyNotification } from "../invoicebox/notification"
import type { NotificationReply } from "../invoicebox/types"
import { sessionIdFromMerchantOrderId } from "../providers/invoicebox/session-data"
import { invoiceboxProviderEntry } from "./invoicebox-config"
import { lastNotificationOf, recordOnPayment } from "./payment-record"
import { settlePaidOrder } from "./settle-paid-order"

export async function handleInvoiceboxNotification(
  container: MedusaContainer,
  rawBody: Buffer | string,
  signature: string | undefined
): Promise<NotificationReply> {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const entry = invoiceboxProviderEntry(container.resolve<ConfigModule>(ContainerRegistrationKeys.CONFIG_MODULE))
  const verified = verifyNotification({
    rawBody,
    signature,
    notificationKey: entry.options.notificationKey,
    merchantId: entry.options.merchantId,
    algorithm: entry.options.signatureAlgorithm,
  })
  if (!verified.ok) {
    logger.warn(`InvoiceBox notification refused: ${verified.reason}`)
    return verified.reply
  }
  if (verified.monitoring) return notificationSuccess()
  const notification = verified.notification

  let reply: NotificationReply = notificationSuccess()
  let sessionId: string | null = sessionIdFromMerchantOrderId(notification.merchantOrderId)
  if (notification.status === "completed") {
    const settled = await settlePaidOrder(container, entry, notification)
    reply = settled.reply
    sessionId = settled.sessionId
  }
  if (sessionId) {
    await recordOnPayment(container, sessionId, { last_notification: lastNotificationOf(notification.status, reply) }).catch((error: unknown) => {
      logger.warn(`InvoiceBox order ${notification.id}: could not record the notification: ${error instanceof Error ? error.message : String(error)}`)
    })
  }
  return reply
}
