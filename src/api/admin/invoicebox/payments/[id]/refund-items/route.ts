/**
 * POST /admin/invoicebox/payments/:id/refund-items — refunds exactly the chosen goods: Medusa's refund
 * of their worth, whose InvoiceBox refund order (and 54-FZ refund receipt) names them.
 */
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"

import { refundInvoiceboxItemsWorkflow } from "../../../../../../workflows/refund-invoicebox-items"
import type { AdminInvoiceboxRefundItemsType } from "./validators"

export async function POST(
  req: AuthenticatedMedusaRequest<AdminInvoiceboxRefundItemsType>,
  res: MedusaResponse
): Promise<void> {
  const { result } = await refundInvoiceboxItemsWorkflow(req.scope).run({
    input: { payment_id: String(req.params.id), ...req.validatedBody, created_by: req.auth_context?.actor_id },
  })
  res.json(result)
}
