/**
 * On `POST /store/payment-collections/:id/payment-sessions` for the InvoiceBox provider: load the cart
 * behind the payment collection and replace the session's `data` with the server-made, signed basket.
 * Whatever the storefront sent in `data` (lines, prices, VAT, merchant, URLs) is dropped.
 */
import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { ConfigModule } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

import { cartBasketLines } from "../../providers/invoicebox/cart-basket"
import { loadCartForBasket } from "../../lib/cart-for-basket"
import { serverBasketData } from "../../lib/server-basket"
import { invoiceboxProviderEntry, invoiceboxProviderId } from "../../lib/invoicebox-config"

type Query = { graph: (config: Record<string, unknown>) => Promise<{ data: unknown[] }> }


export async function attachServerBasket(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction): Promise<void> {
  try {
    const entry = invoiceboxProviderEntry(req.scope.resolve<ConfigModule>(ContainerRegistrationKeys.CONFIG_MODULE))
    const body = req.body as { provider_id?: string; data?: Record<string, unknown> } | undefined
    if (!body || body.provider_id !== invoiceboxProviderId(entry)) return next()
    const query = req.scope.resolve<Query>(ContainerRegistrationKeys.QUERY)
    const { data: links } = await query.graph({
      entity: "cart_payment_collection",
      fields: ["cart_id"],
      filters: { payment_collection_id: req.params.id },
    })
    const cartId = (links[0] as { cart_id?: string } | undefined)?.cart_id
    let data: Record<string, unknown> = {}
    if (cartId) {
      const cart = await loadCartForBasket(query, cartId)
      if (cart) data = serverBasketData(cart, cartBasketLines(cart, entry.options), entry.options.token)
    }
    body.data = data
    const validated = (req as MedusaRequest & { validatedBody?: { data?: Record<string, unknown> } }).validatedBody
    if (validated) validated.data = data
    next()
  } catch (error) {
    next(error)
  }
}
