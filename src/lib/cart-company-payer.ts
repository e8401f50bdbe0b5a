/**
 * The company payer a storefront declared for a cart (`POST /store/carts/:id/invoicebox-company-payer`),
 * kept in the cart's metadata under `invoicebox_company_payer`. Read back through the core's
 * companyPayerSchema every time: the storefront can also write cart metadata directly, so a value
 * that is not a valid company payer is refused, never sent to InvoiceBox.
 *
 * A customer account can keep its company under the same key in the customer's metadata (a B2B
 * buyer: the demo seed's «Ромашка»): their carts are paid by that company unless the cart declares
 * another one, or `false` — the buyer chose to pay as a private person (what DELETE stores).
 */
import { MedusaError } from "@medusajs/framework/utils"

import { parseCompanyPayer, type CompanyPayer } from "../invoicebox/company-payer"

/** The cart metadata key of the company payer. */
export const COMPANY_PAYER_METADATA_KEY = "invoicebox_company_payer"

export interface CartWithMetadata {
  id: string
  metadata?: Record<string, unknown> | null
  customer?: { id?: string; metadata?: Record<string, unknown> | null } | null
}

const absent = (value: unknown): boolean => value === undefined || value === null || value === ""

/** The cart's company payer; null when the buyer pays as a private person. */
export function cartCompanyPayer(cart: CartWithMetadata): CompanyPayer | null {
  const declared = cart.metadata?.[COMPANY_PAYER_METADATA_KEY]
  if (declared === false) return null
  if (!absent(declared)) {
    return parsedPayer(
      declared,
      `cart ${cart.id} has an invalid company payer in metadata.${COMPANY_PAYER_METADATA_KEY}`,
      `declare it again with POST /store/carts/${cart.id}/invoicebox-company-payer or remove it with DELETE`
    )
  }
  const saved = cart.customer?.metadata?.[COMPANY_PAYER_METADATA_KEY]
  if (absent(saved) || saved === false) return null
  return parsedPayer(
    saved,
    `customer ${cart.customer?.id ?? ""} of cart ${cart.id} has an invalid company payer in metadata.${COMPANY_PAYER_METADATA_KEY}`,
    `fix the customer's metadata, or pay as a private person with DELETE /store/carts/${cart.id}/invoicebox-company-payer`
  )
}

function parsedPayer(value: unknown, what: string, remedy: string): CompanyPayer {
  const parsed = parseCompanyPayer(value)
  if (parsed.success) return parsed.payer
  throw new MedusaError(
    MedusaError.Types.INVALID_DATA,
    `InvoiceBox: ${what} (${parsed.errors.map((error) => error.message).join("; ")}); ${remedy}`
  )
}
