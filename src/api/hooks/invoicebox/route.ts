/** POST /hooks/invoicebox — the notification URL; the provider is found by the body's merchantId. */
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"

import { answerInvoiceboxNotification } from "./answer-notification"

export const AUTHENTICATE = false

export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  await answerInvoiceboxNotification(req, res)
}
