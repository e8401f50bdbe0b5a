/**
 * On `POST /store/payment-collections/:id/payment-sessions` for the InvoiceBox provider: load the cart
 * behind the payment collection and replace the session's `data` with the server-made, signed basket.
 * Whatever the storefront sent in `data` (lines, prices, VAT, merchant, URLs) is dropped.
 */
import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { ConfigModule } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

import { cartBasketLines, type CartLike } from "../../providers/invoicebox/cart-basket"
import { serverBasketData, type CartCustomerLike } from "../../lib/server-basket"
import { invoiceboxProviderEntry, invoiceboxProviderId } from "../../lib/invoicebox-config"

type Query = { graph: (config: Record<string, unknown>) => Promise<{ data: unknown[] }> }

export const CART_BASKET_FIELDS = [
  "id",
  "email",
  "currency_code",
  "total",
  "items.id",
  "items.title",
  "items.product_title",
  "items.variant_title",
  "items.variant_sku",
  "items.variant_id",
  "items.quantity",
  "items.unit_price",
  "items.total",
  "items.metadata",
  "items.tax_lines.rate",
  "items.variant.sku",
  "items.variant.metadata",
  "items.product.metadata",
  "shipping_methods.id",
  "shipping_methods.name",
  "shipping_methods.total",
  "shipping_methods.tax_lines.rate",
  "billing_address.first_name",
  "billing_address.last_name",
  "billing_address.company",
  "billing_address.phone",
  "shipping_address.phone",
  "customer.first_name",
  "customer.last_name",
  "customer.phone",
  "customer.company_name",
  "metadata",
]

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
      const { data: carts } = await query.graph({ entity: "cart", fields: CART_BASKET_FIELDS, filters: { id: cartId } })
      const cart = carts[0] as (CartLike & CartCustomerLike) | undefined
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
