/**
 * The company payer a storefront declared for a cart (`POST /store/carts/:id/invoicebox-company-payer`),
 * kept in the cart's metadata under `invoicebox_company_payer`. Read back through the core's
 * companyPayerSchema every time: the storefront can also write cart metadata directly, so a value
 * that is not a valid company payer is refused, never sent to InvoiceBox.
 */
import { MedusaError } from "@medusajs/framework/utils"

import { parseCompanyPayer, type CompanyPayer } from "../invoicebox/company-payer"

/** The cart metadata key of the company payer. */
export const COMPANY_PAYER_METADATA_KEY = "invoicebox_company_payer"

export interface CartWithMetadata {
  id: string
  metadata?: Record<string, unknown> | null
}

/** The cart's company payer; null when the buyer pays as a private person. */
export function cartCompanyPayer(cart: CartWithMetadata): CompanyPayer | null {
  const stored = cart.metadata?.[COMPANY_PAYER_METADATA_KEY]
  if (stored === undefined || stored === null || stored === "") return null
  const parsed = parseCompanyPayer(stored)
  if (parsed.success) return parsed.payer
  throw new MedusaError(
    MedusaError.Types.INVALID_DATA,
    `InvoiceBox: cart ${cart.id} has an invalid company payer in metadata.${COMPANY_PAYER_METADATA_KEY} ` +
      `(${parsed.errors.map((error) => error.message).join("; ")}); declare it again with ` +
      `POST /store/carts/${cart.id}/invoicebox-company-payer or remove it with DELETE`
  )
}
