/**
 * `GET /admin/invoicebox/connections` — every InvoiceBox provider's connection as Settings → InvoiceBox
 * shows it: status, shop, masked token, last check, last notification, the notification URL, partner
 * onboarding state. No secret is ever in the answer.
 */
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"

import { connectionViews } from "../../../../lib/invoicebox-connections"

export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse): Promise<void> {
  res.json({ connections: await connectionViews(req.scope) })
}
