/**
 * `POST /admin/invoicebox/connections/:provider_id/notification-key { notification_key }` — sets or
 * rotates the key InvoiceBox signs notifications with (the one set in the InvoiceBox personal account):
 * from the answer on, only the new key verifies.
 */
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"

import { connectionViewOf, setNotificationKey } from "../../../../../../lib/invoicebox-connections"
import type { AdminInvoiceboxNotificationKeyType } from "../../validators"

export async function POST(
  req: AuthenticatedMedusaRequest<AdminInvoiceboxNotificationKeyType>,
  res: MedusaResponse
): Promise<void> {
  const providerId = String(req.params.provider_id)
  await setNotificationKey(req.scope, providerId, req.validatedBody.notification_key)
  res.json({ connection: await connectionViewOf(req.scope, providerId) })
}
