/** The integration tests' store (the demo's own seed) and a lookup of the order a cart became. */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"

export { seedStore, type SeededStore } from "../../demo/store-seed"

/** The order a cart became, with its payments; null when the cart has no order. */
export async function orderOfCart(
  container: MedusaContainer,
  cartId: string
): Promise<{ id: string; payments: Array<{ id: string; amount: unknown; captured_at: unknown }> } | null> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: links } = await query.graph({
    entity: "order_cart",
    fields: ["order_id"],
    filters: { cart_id: cartId },
  })
  const orderId = (links[0] as { order_id?: string } | undefined)?.order_id
  if (!orderId) return null
  const { data } = await query.graph({
    entity: "order",
    fields: [
      "id",
      "payment_collections.payments.id",
      "payment_collections.payments.amount",
      "payment_collections.payments.captured_at",
    ],
    filters: { id: orderId },
  })
  const order = data[0] as {
    id: string
    payment_collections?: Array<{ payments?: Array<{ id: string; amount: unknown; captured_at: unknown }> }>
  }
  return { id: order.id, payments: (order.payment_collections ?? []).flatMap((pc) => pc.payments ?? []) }
}

export { Modules }
