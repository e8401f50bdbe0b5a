/** GET /admin/invoicebox/orders/:id — the order's InvoiceBox payments as InvoiceBox sees them now (admin widget). */
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"

import { viewOrderPayments } from "../../../../../lib/order-payment-view"

export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse): Promise<void> {
  res.json({ payments: await viewOrderPayments(req.scope, String(req.params.id)) })
}
