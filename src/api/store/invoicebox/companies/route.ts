/**
 * `GET /store/invoicebox/companies?inn=7707083893[&provider_id=pp_invoicebox_invoicebox]` — the
 * companies InvoiceBox knows under an ИНН, as prefills of the company payer form:
 * `{ companies: [{ name, inn, kpp, legal_address }] }` (empty when none). A bad ИНН is a 400 naming
 * it, sent nowhere; too many lookups reaching InvoiceBox is a 429 (lib/company-lookup.ts).
 */
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"

import { InvoiceboxRateLimitError } from "../../../../invoicebox/errors"
import { lookupCompanies } from "../../../../lib/company-lookup"
import { toMedusaError } from "../../../../providers/invoicebox/errors"
import { resolveInvoiceboxProvider, resolveInvoiceboxProviders } from "../../../../providers/invoicebox/registry"
import type { StoreInvoiceboxCompaniesQueryType } from "./validators"

export async function GET(
  req: MedusaRequest<unknown, StoreInvoiceboxCompaniesQueryType>,
  res: MedusaResponse
): Promise<void> {
  const { inn, provider_id } = req.validatedQuery
  const providerId = provider_id ?? resolveInvoiceboxProviders(req.scope)[0]?.providerId
  if (!providerId) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      "medusa-payment-invoicebox: no InvoiceBox provider is configured"
    )
  }
  const provider = resolveInvoiceboxProvider(req.scope, providerId)
  try {
    res.json({ companies: await lookupCompanies(req.scope, provider, inn) })
  } catch (error) {
    if (error instanceof InvoiceboxRateLimitError) {
      const { intervalMs } = provider.options.companyLookupRateLimit
      res
        .status(429)
        .set("Retry-After", String(Math.ceil(intervalMs / 1000)))
        .json({ type: "not_allowed", code: "rate_limited", message: "Too many company lookups; try again later" })
      return
    }
    throw toMedusaError(error, "looking up the company")
  }
}
