/**
 * POST /admin/invoicebox/orders/:id/sync — re-reads the order's InvoiceBox payments and brings Medusa
 * up to date (a payment whose notification never arrived is applied as the notification would have).
 */
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"

import { syncOrderPayments } from "../../../../../../lib/order-payments"

export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse): Promise<void> {
  res.json(await syncOrderPayments(req.scope, String(req.params.id)))
}
