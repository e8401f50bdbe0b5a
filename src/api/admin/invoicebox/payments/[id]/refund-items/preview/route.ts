/** POST /admin/invoicebox/payments/:id/refund-items/preview — the refund receipt a choice of goods would print. */
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"

import { invoiceboxOrderOfPayment, previewRefundItems } from "../../../../../../../lib/refund-items-preview"
import type { AdminInvoiceboxRefundItemsType } from "../validators"

export async function POST(
  req: AuthenticatedMedusaRequest<AdminInvoiceboxRefundItemsType>,
  res: MedusaResponse
): Promise<void> {
  const { client, orderId } = await invoiceboxOrderOfPayment(req.scope, String(req.params.id))
  res.json(previewRefundItems(await client.refundableLines(orderId), req.validatedBody))
}
