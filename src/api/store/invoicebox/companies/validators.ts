/**
 * The query of `GET /store/invoicebox/companies`: `inn` checked to the letter by the core (10 or 12
 * digits with their check digits) before anything is asked of InvoiceBox; `provider_id` picks the
 * InvoiceBox account (default: the store's first InvoiceBox provider). Made with Medusa's zod.
 */
import { z } from "@medusajs/framework/zod"

import { validateInn } from "../../../../invoicebox/russian-tax-ids"

export const StoreInvoiceboxCompaniesQuery = z.object({
  inn: z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      const check = validateInn(value)
      if (!check.valid) ctx.addIssue({ code: "custom", message: `inn: ${check.message}` })
    }),
  provider_id: z.string().min(1).optional(),
})

export type StoreInvoiceboxCompaniesQueryType = z.output<typeof StoreInvoiceboxCompaniesQuery>
