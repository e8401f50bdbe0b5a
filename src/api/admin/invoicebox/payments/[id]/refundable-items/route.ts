/** GET /admin/invoicebox/payments/:id/refundable-items — what is still refundable of the payment's InvoiceBox order. */
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"

import { invoiceboxOrderOfPayment, refundableLineViews } from "../../../../../../lib/refund-items-preview"

export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse): Promise<void> {
  const { client, orderId, currencyCode } = await invoiceboxOrderOfPayment(req.scope, String(req.params.id))
  res.json({ currency_code: currencyCode, lines: refundableLineViews(await client.refundableLines(orderId)) })
}
