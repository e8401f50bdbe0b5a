/**
 * `POST /admin/invoicebox/connections/:provider_id/activate { activation_code }` — partner onboarding,
 * step 2: the code activates the shop and its merchant id and token become the provider's connection.
 * A wrong or spent code answers 400 with InvoiceBox's error and changes nothing.
 */
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"

import { connectionViewOf } from "../../../../../../lib/invoicebox-connections"
import { activateWithCode } from "../../../../../../lib/partner-onboarding"
import type { AdminInvoiceboxActivateType } from "../../validators"

export async function POST(
  req: AuthenticatedMedusaRequest<AdminInvoiceboxActivateType>,
  res: MedusaResponse
): Promise<void> {
  const providerId = String(req.params.provider_id)
  await activateWithCode(req.scope, providerId, req.validatedBody.activation_code)
  res.json({ connection: await connectionViewOf(req.scope, providerId) })
}
