/**
 * A cart changed without changing its total (Medusa then keeps the payment session): each unpaid
 * InvoiceBox order of the cart gets the cart's current basket and payer, so the 54-FZ receipt names
 * what the buyer actually orders, and a company payer declared (or withdrawn) after the session reaches
 * InvoiceBox. The change goes through the payment module (the provider's updatePayment
 * with a freshly signed server basket), so the session's basket summary changes with it. An order
 * whose lines already match is left alone. The update is the step's only write: nothing to undo.
 */
import type { IPaymentModuleService, Logger } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

import { buildBasketForAmount } from "../../invoicebox/basket"
import { toKopecks } from "../../invoicebox/money"
import { cartBasketLines } from "../../payment/cart-basket"
import { withMedusaDataErrors } from "../../providers/invoicebox/errors"
import { invoiceboxClient, resolveInvoiceboxProviders } from "../../providers/invoicebox/registry"
import type { CartForBasket } from "../../lib/cart-for-basket"
import { cartCustomer, serverBasketData } from "../../lib/server-basket"
import type { Customer } from "../../invoicebox/types"

export const refreshInvoiceboxBasketsStepId = "refresh-invoicebox-baskets"

export const refreshInvoiceboxBasketsStep = createStep(
  refreshInvoiceboxBasketsStepId,
  async ({ cart }: { cart: CartForBasket | null }, { container }) => {
    const updated: string[] = []
    if (!cart || (cart.items ?? []).length === 0) return new StepResponse(updated)
    const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
    const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
    const providers = resolveInvoiceboxProviders(container)
    for (const session of cart.payment_collection?.payment_sessions ?? []) {
      const provider = providers.find((entry) => entry.providerId === session.provider_id)
      const orderId = session.data?.invoicebox_order_id
      if (!provider || session.status !== "pending" || typeof orderId !== "string") continue
      const { options } = provider
      const lines = withMedusaDataErrors(() => cartBasketLines(cart, options))
      const basket = buildBasketForAmount(lines, session.amount as number, {
        type: options.defaultItemType,
        measure: options.defaultMeasure,
        measureCode: options.defaultMeasureCode,
        paymentType: options.defaultPaymentType,
      })
      const order = await invoiceboxClient(options, logger).getOrder(orderId)
      if (!order || order.status !== "created") continue
      // a changed total recreates the session (Medusa's own path); an equal total with other lines or
      // another payer is ours
      const sameLines = JSON.stringify(order.basketItems) === JSON.stringify(basket.items)
      if (toKopecks(order.amount) !== basket.amount || (sameLines && samePayer(order.customer, cartCustomer(cart))))
        continue
      await paymentModule.updatePaymentSession({
        id: session.id,
        amount: session.amount as number,
        currency_code: session.currency_code,
        data: { ...(session.data ?? {}), ...serverBasketData(cart, lines, options.token) },
      })
      updated.push(order.id)
      logger.info(`InvoiceBox order ${order.id}: basket updated after cart ${cart.id} changed`)
    }
    return new StepResponse(updated)
  }
)

/** The same payer: a private buyer either way, or the same company (ИНН). */
function samePayer(current: Customer | undefined, wanted: Customer): boolean {
  const kind = (customer: Customer | undefined) => (customer?.type === "legal" ? "legal" : "private")
  if (kind(current) !== kind(wanted)) return false
  return kind(wanted) === "private" || current?.vatNumber === wanted.vatNumber
}
