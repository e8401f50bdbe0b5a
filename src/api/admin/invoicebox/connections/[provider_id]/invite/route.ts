/**
 * `POST /admin/invoicebox/connections/:provider_id/invite { email, phone?, inn?, company_name? }` —
 * partner onboarding, step 1: InvoiceBox invites the shop (e-mail); the owner then registers with
 * InvoiceBox and receives an activation code.
 */
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"

import { connectionViewOf } from "../../../../../../lib/invoicebox-connections"
import { sendPartnerInvite } from "../../../../../../lib/partner-onboarding"
import type { AdminInvoiceboxInviteType } from "../../validators"

export async function POST(
  req: AuthenticatedMedusaRequest<AdminInvoiceboxInviteType>,
  res: MedusaResponse
): Promise<void> {
  const providerId = String(req.params.provider_id)
  const invite = await sendPartnerInvite(req.scope, providerId, req.validatedBody)
  res.json({ invite, connection: await connectionViewOf(req.scope, providerId) })
}
