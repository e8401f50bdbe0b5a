/**
 * One provider's InvoiceBox connection:
 * - `GET` — its view (as in the list).
 * - `POST { merchant_id, token, notification_key?, api_prefix? }` — connect with pasted credentials:
 *   InvoiceBox checks the token first; a refused token answers 400 with InvoiceBox's error and saves
 *   nothing. Stored sealed; in effect at once, no restart.
 * - `DELETE` — disconnect: the stored connection is removed (medusa-config's account, if any, applies).
 */
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"

import { connectionViewOf, connectWithCredentials, disconnect } from "../../../../../lib/invoicebox-connections"
import type { AdminInvoiceboxConnectType } from "../validators"

export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse): Promise<void> {
  res.json({ connection: await connectionViewOf(req.scope, String(req.params.provider_id)) })
}

export async function POST(
  req: AuthenticatedMedusaRequest<AdminInvoiceboxConnectType>,
  res: MedusaResponse
): Promise<void> {
  const providerId = String(req.params.provider_id)
  await connectWithCredentials(req.scope, providerId, req.validatedBody)
  res.json({ connection: await connectionViewOf(req.scope, providerId) })
}

export async function DELETE(req: AuthenticatedMedusaRequest, res: MedusaResponse): Promise<void> {
  const providerId = String(req.params.provider_id)
  const removed = await disconnect(req.scope, providerId)
  res.json({ removed, connection: await connectionViewOf(req.scope, providerId) })
}
