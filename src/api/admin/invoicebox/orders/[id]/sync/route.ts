/**
 * POST /admin/invoicebox/orders/:id/sync — re-reads the order's InvoiceBox payments and brings Medusa
 * up to date (a payment whose notification never arrived is applied as the notification would have; the
 * status of its refund orders is read again).
 */
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"

import { viewOrderPayments } from "../../../../../../lib/order-payment-view"
import { syncInvoiceboxPaymentsWorkflow } from "../../../../../../workflows/sync-invoicebox-payments"

export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse): Promise<void> {
  const orderId = String(req.params.id)
  const { result } = await syncInvoiceboxPaymentsWorkflow(req.scope).run({ input: { order_id: orderId } })
  res.json({
    outcomes: result.outcomes,
    refunds: result.refunds,
    payments: await viewOrderPayments(req.scope, orderId),
  })
}
