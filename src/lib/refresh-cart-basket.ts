/**
 * A cart changed without changing its total (Medusa then keeps the payment session): bring the unpaid
 * InvoiceBox order's basket up to date, so the 54-FZ receipt names what the buyer actually orders.
 * The change goes through the payment module (the provider's updatePayment with a freshly signed
 * server basket), so the session's data — the basket summary the storefront reads — changes with it.
 */
import type { ConfigModule, IPaymentModuleService, Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"

import { buildBasketForAmount } from "../invoicebox/basket"
import { toKopecks } from "../invoicebox/money"
import { cartBasketLines } from "../providers/invoicebox/cart-basket"
import { clientFor } from "../providers/invoicebox/client-factory"
import { loadCartForBasket } from "./cart-for-basket"
import { invoiceboxProviderEntry, invoiceboxProviderId } from "./invoicebox-config"
import { serverBasketData } from "./server-basket"

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
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const lines = cartBasketLines(cart, entry.options)
  let updated = 0
  for (const session of sessions) {
    const basket = buildBasketForAmount(lines, session.amount as number, {
      type: entry.options.defaultItemType,
      measure: entry.options.defaultMeasure,
      measureCode: entry.options.defaultMeasureCode,
      paymentType: entry.options.defaultPaymentType,
    })
    const order = await client.getOrder(session.data!.invoicebox_order_id as string)
    if (!order || order.status !== "created") continue
    // a changed total recreates the session (Medusa's own path); only an equal total with other lines is ours
    if (toKopecks(order.amount) !== basket.amount || JSON.stringify(order.basketItems) === JSON.stringify(basket.items)) continue
    await paymentModule.updatePaymentSession({
      id: session.id,
      amount: session.amount as number,
      currency_code: session.currency_code,
      data: { ...(session.data ?? {}), ...serverBasketData(cart, lines, entry.options.token) },
    })
    updated += 1
    logger.info(`InvoiceBox order ${order.id}: basket updated after cart ${cartId} changed`)
  }
  return updated
}
