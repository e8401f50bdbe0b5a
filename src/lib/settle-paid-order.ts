/**
 * A paid InvoiceBox order applied to Medusa, from a notification or from the admin's Sync: find the
 * payment session, compare the money, then let Medusa's own processPaymentWorkflow turn the cart into
 * an order — exactly once across processes (a PostgreSQL advisory lock) — and say what InvoiceBox
 * should be told. A cart that cannot become an order gets its money back.
 */
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { IPaymentModuleService, Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules, PaymentActions } from "@medusajs/framework/utils"
import { processPaymentWorkflow } from "@medusajs/medusa/core-flows"

import { toKopecks } from "../invoicebox/money"
import { notificationError, notificationSuccess } from "../invoicebox/notification"
import type { NotificationReply, Order } from "../invoicebox/types"
import { clientFor } from "../providers/invoicebox/client-factory"
import { sessionIdFromMerchantOrderId } from "../providers/invoicebox/session-data"
import { invoiceboxProviderId, type InvoiceboxProviderEntry } from "./invoicebox-config"
import { LockTimeoutError, withDatabaseLock } from "./notification-lock"

/** What of a paid InvoiceBox order is needed to apply it. */
export type PaidOrder = Pick<Order, "id" | "merchantOrderId" | "amount" | "currencyId">

export interface SettleResult {
  reply: NotificationReply
  /** the Medusa payment session the order belongs to, when found */
  sessionId: string | null
}

interface SessionRow {
  id: string
  amount: unknown
  currency_code: string
  status: string
  provider_id: string
  payment_collection_id: string
  payment?: { id: string } | null
  payment_collection?: { payment_sessions?: Array<{ id: string; status: string }> | null } | null
}

type Query = { graph: (config: Record<string, unknown>) => Promise<{ data: unknown[] }> }

const LOCK_TIMEOUT_MS = 15_000

export async function settlePaidOrder(
  container: MedusaContainer,
  entry: InvoiceboxProviderEntry,
  paid: PaidOrder
): Promise<SettleResult> {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const query = container.resolve<Query>(ContainerRegistrationKeys.QUERY)
  const sessionId = sessionIdFromMerchantOrderId(paid.merchantOrderId)
  const session = await findSession(query, sessionId)
  if (!session || session.provider_id !== invoiceboxProviderId(entry)) {
    return { reply: notificationError("order_not_found", `no InvoiceBox payment session ${sessionId}`), sessionId: null }
  }
  const found = (reply: NotificationReply): SettleResult => ({ reply, sessionId: session.id })
  if (toKopecks(paid.amount) !== toKopecks(session.amount as number) || paid.currencyId.toLowerCase() !== session.currency_code.toLowerCase()) {
    return found(
      notificationError("order_wrong_amount", `paid ${paid.amount} ${paid.currencyId}, the session is for ${String(session.amount)} ${session.currency_code}`)
    )
  }
  const paidElsewhere = (session.payment_collection?.payment_sessions ?? []).some(
    (other) => other.id !== session.id && (other.status === "authorized" || other.status === "captured")
  )
  if (paidElsewhere) return found(notificationError("order_already_paid", "the cart was paid with another payment session"))

  // a repeat of a processed notification is answered at once, without taking the lock
  if (await alreadyProcessed(query, session)) return found(notificationSuccess())

  const pg = container.resolve<Knex>(ContainerRegistrationKeys.PG_CONNECTION)
  try {
    return found(
      await withDatabaseLock(pg, `invoicebox:${session.id}`, LOCK_TIMEOUT_MS, () => processPaidSession(container, query, entry, session, paid, logger))
    )
  } catch (error) {
    const message = error instanceof LockTimeoutError ? "busy with the same notification" : error instanceof Error ? error.message : String(error)
    logger.error(`InvoiceBox order ${paid.id}: applying the payment failed: ${message}`)
    return found(notificationError("out_of_service", "temporary failure, please retry"))
  }
}

async function findSession(query: Query, sessionId: string): Promise<SessionRow | null> {
  if (!sessionId) return null
  const { data } = await query.graph({
    entity: "payment_session",
    fields: [
      "id",
      "amount",
      "currency_code",
      "status",
      "provider_id",
      "payment_collection_id",
      "payment.id",
      "payment_collection.payment_sessions.id",
      "payment_collection.payment_sessions.status",
    ],
    filters: { id: sessionId },
  })
  return (data[0] as SessionRow | undefined) ?? null
}

async function cartOf(query: Query, paymentCollectionId: string): Promise<string | null> {
  const { data } = await query.graph({
    entity: "cart_payment_collection",
    fields: ["cart_id"],
    filters: { payment_collection_id: paymentCollectionId },
  })
  return (data[0] as { cart_id?: string } | undefined)?.cart_id ?? null
}

async function orderOfCart(query: Query, cartId: string): Promise<string | null> {
  const { data } = await query.graph({ entity: "order_cart", fields: ["order_id"], filters: { cart_id: cartId } })
  return (data[0] as { order_id?: string } | undefined)?.order_id ?? null
}

/** The session has its payment and, for a cart, the cart is an order. */
async function alreadyProcessed(query: Query, session: SessionRow): Promise<boolean> {
  const current = await findSession(query, session.id)
  if (!current?.payment) return false
  const cartId = await cartOf(query, session.payment_collection_id)
  return !cartId || (await orderOfCart(query, cartId)) !== null
}

async function processPaidSession(
  container: MedusaContainer,
  query: Query,
  entry: InvoiceboxProviderEntry,
  session: SessionRow,
  paid: PaidOrder,
  logger: Logger
): Promise<NotificationReply> {
  if (await alreadyProcessed(query, session)) return notificationSuccess() // processed while we waited
  const cartId = await cartOf(query, session.payment_collection_id)

  await processPaymentWorkflow(container).run({
    input: {
      action: entry.options.captureMode === "auto" ? PaymentActions.SUCCESSFUL : PaymentActions.AUTHORIZED,
      data: { session_id: session.id, amount: paid.amount },
    },
  })

  if (!cartId || (await orderOfCart(query, cartId))) {
    logger.info(`InvoiceBox order ${paid.id} paid: payment session ${session.id}${cartId ? `, cart ${cartId}` : ""}`)
    return notificationSuccess()
  }
  // The cart could not become an order (out of stock, no shipping...): give the buyer the money back,
  // through Medusa when it recorded the payment (so its books show the refund), else directly.
  // Medusa's own compensation may already have refunded or canceled it; only what is left is returned.
  const paymentId = (await findSession(query, session.id))?.payment?.id
  if (paymentId) {
    const { data } = await query.graph({ entity: "payment", fields: ["id", "captured_at", "canceled_at", "refunds.id"], filters: { id: paymentId } })
    const payment = data[0] as { captured_at?: unknown; canceled_at?: unknown; refunds?: unknown[] } | undefined
    if (payment?.captured_at && !payment.canceled_at && (payment.refunds ?? []).length === 0) {
      const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
      await paymentModule.refundPayment({ payment_id: paymentId, amount: session.amount as number, note: "InvoiceBox: the cart could not become an order" })
    }
  }
  await reversePayment(entry, paid, logger)
  return notificationError("shipping_unavailable", "the order cannot be fulfilled; the payment is being returned")
}

/** Refunds whatever is still refundable of a paid InvoiceBox order (nothing twice: only what is left). */
async function reversePayment(entry: InvoiceboxProviderEntry, paid: PaidOrder, logger: Logger): Promise<void> {
  const refund = await clientFor(entry.options, logger).refundWithinBasket({
    parentId: paid.id,
    merchantOrderId: `${paid.merchantOrderId}:shipping_unavailable`.slice(0, 100),
    description: `Возврат: заказ не может быть выполнен ${paid.merchantOrderId}`,
  })
  if (refund) logger.warn(`InvoiceBox order ${paid.id}: cart could not be completed, refund ${refund.id} of ${refund.amount}`)
}
