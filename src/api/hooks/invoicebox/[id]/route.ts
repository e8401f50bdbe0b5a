/** POST /hooks/invoicebox/:id — the notification URL of one InvoiceBox provider (its medusa-config id). */
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"

import { answerInvoiceboxNotification } from "../answer-notification"

export const AUTHENTICATE = false

export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  await answerInvoiceboxNotification(req, res, String(req.params.id))
}
