/** The cart fields the server-side basket needs (lines, totals, tax lines, metadata, buyer), for Query. */
import type { Query } from "@medusajs/framework"

import type { CartLike } from "../payment/cart-basket"
import type { CartCustomerLike } from "./server-basket"

export type CartForBasket = CartLike &
  CartCustomerLike & {
    payment_collection?: {
      id: string
      payment_sessions?: Array<{
        id: string
        provider_id: string
        status: string
        amount: unknown
        currency_code: string
        data?: Record<string, unknown> | null
      }> | null
    } | null
  }

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
  "items.product_id",
  "items.quantity",
  "items.unit_price",
  "items.is_tax_inclusive",
  "items.total",
  "items.metadata",
  "items.tax_lines.rate",
  "items.variant.sku",
  "items.variant.metadata",
  "items.product.metadata",
  "shipping_methods.id",
  "shipping_methods.name",
  "shipping_methods.is_tax_inclusive",
  "shipping_methods.total",
  "shipping_methods.tax_lines.rate",
  "billing_address.first_name",
  "billing_address.last_name",
  "billing_address.phone",
  "shipping_address.phone",
  "customer.first_name",
  "customer.last_name",
  "customer.phone",
  "customer.metadata",
  "metadata",
]

export const CART_WITH_SESSIONS_FIELDS = [
  ...CART_BASKET_FIELDS,
  "payment_collection.id",
  "payment_collection.payment_sessions.id",
  "payment_collection.payment_sessions.provider_id",
  "payment_collection.payment_sessions.status",
  "payment_collection.payment_sessions.amount",
  "payment_collection.payment_sessions.currency_code",
  "payment_collection.payment_sessions.data",
]

/** The cart behind a payment collection, with the basket's fields; null when the collection pays no cart. */
export async function loadCartOfPaymentCollection(
  query: Query,
  paymentCollectionId: string
): Promise<CartForBasket | null> {
  const { data } = await query.graph({
    entity: "payment_collection",
    fields: CART_BASKET_FIELDS.map((field) => `cart.${field}`),
    filters: { id: paymentCollectionId },
  })
  return ((data[0] as { cart?: CartForBasket | null } | undefined)?.cart ?? null) as CartForBasket | null
}
