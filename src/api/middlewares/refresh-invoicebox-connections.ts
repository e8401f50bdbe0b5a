/**
 * Before every admin, store and hook request: this process's snapshot of the InvoiceBox connections
 * stored from the admin is brought up to date (re-read at most every few seconds), so the provider,
 * called by Medusa's own routes too, uses the account in effect — another server's change included.
 */
import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"

import { refreshInvoiceboxConnections } from "../../lib/invoicebox-connections"

export async function refreshConnectionsBeforeRequest(
  req: MedusaRequest,
  _res: MedusaResponse,
  next: MedusaNextFunction
): Promise<void> {
  await refreshInvoiceboxConnections(req.scope)
  next()
}
