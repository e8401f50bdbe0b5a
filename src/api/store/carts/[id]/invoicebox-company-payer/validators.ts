/**
 * The body of `POST /store/carts/:id/invoicebox-company-payer`, checked by the core's
 * companyPayerSchema (parseCompanyPayer). Its problems become one issue listing every bad field in the
 * schema's own words (`inn: INN check digit ...; kpp: ...`), so Medusa's validateAndTransformBody
 * answers 400 with all of them, not only the first three and not in a generic "too small" form.
 * Made with Medusa's zod (the core's own zod is a separate copy).
 */
import { z } from "@medusajs/framework/zod"

import { parseCompanyPayer, type CompanyPayer } from "../../../../../invoicebox/company-payer"

export const StoreInvoiceboxCompanyPayer = z.unknown().transform((body, ctx): CompanyPayer => {
  const parsed = parseCompanyPayer(body)
  if (parsed.success) return parsed.payer
  ctx.addIssue({ code: "custom", message: parsed.errors.map((error) => error.message).join("; ") })
  return z.NEVER
})

export type StoreInvoiceboxCompanyPayerType = z.output<typeof StoreInvoiceboxCompanyPayer>
