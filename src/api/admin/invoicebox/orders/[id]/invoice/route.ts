/**
 * POST /admin/invoicebox/orders/:id/invoice — an InvoiceBox invoice for what the order still owes
 * (issue-invoicebox-invoice workflow): the payment link, the amount and the basket; the invoice
 * already open for that amount when there is one. An order owing nothing is a 400 that creates nothing.
 */
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"

import { issueInvoiceboxInvoiceWorkflow } from "../../../../../../workflows/issue-invoicebox-invoice"
import type { AdminInvoiceboxInvoiceType } from "./validators"

export async function POST(
  req: AuthenticatedMedusaRequest<AdminInvoiceboxInvoiceType>,
  res: MedusaResponse
): Promise<void> {
  const { result } = await issueInvoiceboxInvoiceWorkflow(req.scope).run({
    input: { order_id: String(req.params.id), ...req.validatedBody },
  })
  res.json(result)
}
