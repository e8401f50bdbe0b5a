/**
 * A cart changed without changing its total (Medusa then keeps the payment session): bring the unpaid
 * InvoiceBox order's basket up to date, so the 54-FZ receipt names what the buyer actually orders.
 */
import type { ConfigModule, Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

import { basketOrderAmounts, buildBasketForAmount } from "../invoicebox/basket"
import { toKopecks } from "../invoicebox/money"
import { cartBasketLines } from "../providers/invoicebox/cart-basket"
import { clientFor } from "../providers/invoicebox/client-factory"
import { loadCartForBasket } from "./cart-for-basket"
import { invoiceboxProviderEntry, invoiceboxProviderId } from "./invoicebox-config"

type Query = { graph: (config: Record<string, unknown>) => Promise<{ data: unknown[] }> }

/** Returns the number of InvoiceBox orders updated. */
export async function refreshCartBasket(container: MedusaContainer, cartId: string): Promise<number> {
  const entry = invoiceboxProviderEntry(container.resolve<ConfigModule>(ContainerRegistrationKeys.CONFIG_MODULE))
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const cart = await loadCartForBasket(container.resolve<Query>(ContainerRegistrationKeys.QUERY), cartId, true)
  const sessions = (cart?.payment_collection?.payment_sessions ?? []).filter(
    (session) => session.provider_id === invoiceboxProviderId(entry) && session.status === "pending" && typeof session.data?.invoicebox_order_id === "string"
  )
  if (!cart || sessions.length === 0 || (cart.items ?? []).length === 0) return 0
  const client = clientFor(entry.options, logger)
  let updated = 0
  for (const session of sessions) {
    const orderId = session.data!.invoicebox_order_id as string
    const basket = buildBasketForAmount(cartBasketLines(cart, entry.options), session.amount as number, {
      type: entry.options.defaultItemType,
      measure: entry.options.defaultMeasure,
      measureCode: entry.options.defaultMeasureCode,
      paymentType: entry.options.defaultPaymentType,
    })
    const order = await client.getOrder(orderId)
    if (!order || order.status !== "created") continue
    if (toKopecks(order.amount) !== basket.amount || JSON.stringify(order.basketItems) === JSON.stringify(basket.items)) continue
    await client.updateOrder(order.id, { basketItems: basket.items, ...basketOrderAmounts(basket) })
    updated += 1
    logger.info(`InvoiceBox order ${order.id}: basket updated after cart ${cartId} changed`)
  }
  return updated
}
