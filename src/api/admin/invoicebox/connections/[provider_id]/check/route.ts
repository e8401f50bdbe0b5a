/** `POST /admin/invoicebox/connections/:provider_id/check` — asks InvoiceBox whether the token in effect works. */
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"

import { checkConnection, connectionViewOf } from "../../../../../../lib/invoicebox-connections"

export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse): Promise<void> {
  const providerId = String(req.params.provider_id)
  const error = await checkConnection(req.scope, providerId)
  res.json({ ok: error === null, error, connection: await connectionViewOf(req.scope, providerId) })
}
