/**
 * A company payer for a cart («оплата от юрлица»):
 * - `POST /store/carts/:id/invoicebox-company-payer` — body `{ name, inn, kpp?, legal_address, email,
 *   phone? }` (validators.ts); stored in the cart's metadata (`invoicebox_company_payer`) through
 *   Medusa's updateCartWorkflow, so `cart.updated` fires as for any cart change. The InvoiceBox order
 *   of a payment session created afterwards carries the legal customer.
 * - `DELETE` — the buyer pays as a private person: stores `false`, which also overrides a company
 *   saved on the buyer's customer account (cart-company-payer.ts).
 * Answers `{ cart_id, company_payer }`; 404 for an unknown cart, 400 for a completed one or a bad body.
 */
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { updateCartWorkflow } from "@medusajs/medusa/core-flows"

import { COMPANY_PAYER_METADATA_KEY } from "../../../../../lib/cart-company-payer"
import type { StoreInvoiceboxCompanyPayerType } from "./validators"

export async function POST(req: MedusaRequest<StoreInvoiceboxCompanyPayerType>, res: MedusaResponse): Promise<void> {
  const cartId = String(req.params.id)
  const payer = req.validatedBody
  await updateCartWorkflow(req.scope).run({
    input: { id: cartId, metadata: { [COMPANY_PAYER_METADATA_KEY]: payer } },
  })
  res.json({ cart_id: cartId, company_payer: payer })
}

export async function DELETE(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const cartId = String(req.params.id)
  await updateCartWorkflow(req.scope).run({ input: { id: cartId, metadata: { [COMPANY_PAYER_METADATA_KEY]: false } } })
  res.json({ cart_id: cartId, company_payer: null })
}
