/**
 * POST /hooks/invoicebox — InvoiceBox's notification URL. Always HTTP 200 with the JSON reply
 * InvoiceBox expects, within its 20 s limit (out_of_service past 18 s, so InvoiceBox retries).
 */
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { Logger } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

import { notificationError } from "../../../invoicebox/notification"
import type { NotificationReply } from "../../../invoicebox/types"
import { handleInvoiceboxNotification } from "../../../lib/notification-handler"

const REPLY_WITHIN_MS = 18_000

export const AUTHENTICATE = false

export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const raw = (req as MedusaRequest & { rawBody?: Buffer }).rawBody ?? Buffer.from(JSON.stringify(req.body ?? {}))
  const header = req.headers["x-signature"]
  const signature = Array.isArray(header) ? header[0] : header
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<NotificationReply>((resolve) => {
    timer = setTimeout(() => resolve(notificationError("out_of_service", "processing took too long, please retry")), REPLY_WITHIN_MS)
  })
  let reply: NotificationReply
  try {
    reply = await Promise.race([handleInvoiceboxNotification(req.scope, raw, signature), timeout])
  } catch (error) {
    req.scope.resolve<Logger>(ContainerRegistrationKeys.LOGGER).error(`InvoiceBox notification: ${error instanceof Error ? error.message : String(error)}`)
    reply = notificationError("out_of_service", "temporary failure, please retry")
  } finally {
    clearTimeout(timer)
  }
  res.status(200).json(reply)
}
