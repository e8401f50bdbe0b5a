/** Loads a cart with exactly what the server-side basket needs (lines, totals, tax lines, metadata, buyer). */
import type { CartLike } from "../providers/invoicebox/cart-basket"
import type { CartCustomerLike } from "./server-basket"

type Query = { graph: (config: Record<string, unknown>) => Promise<{ data: unknown[] }> }

export type CartForBasket = CartLike &
  CartCustomerLike & {
    payment_collection?: {
      id: string
      payment_sessions?: Array<{ id: string; provider_id: string; status: string; amount: unknown; currency_code: string; data?: Record<string, unknown> | null }> | null
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

export async function loadCartForBasket(query: Query, cartId: string, withSessions = false): Promise<CartForBasket | null> {
  const fields = withSessions
    ? [
        ...CART_BASKET_FIELDS,
        "payment_collection.id",
        "payment_collection.payment_sessions.id",
        "payment_collection.payment_sessions.provider_id",
        "payment_collection.payment_sessions.status",
        "payment_collection.payment_sessions.amount",
        "payment_collection.payment_sessions.currency_code",
        "payment_collection.payment_sessions.data",
      ]
    : CART_BASKET_FIELDS
  const { data } = await query.graph({ entity: "cart", fields, filters: { id: cartId } })
  return (data[0] as CartForBasket | undefined) ?? null
}
