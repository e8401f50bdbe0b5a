/**
 * Handling of an InvoiceBox notification inside Medusa: verify, find the payment session, compare
 * the money, then let Medusa's own processPaymentWorkflow turn the cart into an order — exactly once
 * across processes — and answer with the code InvoiceBox expects.
 */
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { ConfigModule, IPaymentModuleService, Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules, PaymentActions } from "@medusajs/framework/utils"
import { processPaymentWorkflow } from "@medusajs/medusa/core-flows"

import { kopecksToMajor, toKopecks } from "../invoicebox/money"
import { notificationError, notificationSuccess, verifyNotification } from "../invoicebox/notification"
import { allocateRefund } from "../invoicebox/refund-allocation"
import type { NotificationReply, OrderNotification } from "../invoicebox/types"
import { clientFor } from "../providers/invoicebox/client-factory"
import { sessionIdFromMerchantOrderId } from "../providers/invoicebox/session-data"
import { invoiceboxProviderEntry, invoiceboxProviderId, type InvoiceboxProviderEntry } from "./invoicebox-config"
import { LockTimeoutError, withDatabaseLock } from "./notification-lock"

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

export async function handleInvoiceboxNotification(
  container: MedusaContainer,
  rawBody: Buffer | string,
  signature: string | undefined
): Promise<NotificationReply> {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const entry = invoiceboxProviderEntry(container.resolve<ConfigModule>(ContainerRegistrationKeys.CONFIG_MODULE))
  const verified = verifyNotification({
    rawBody,
    signature,
    notificationKey: entry.options.notificationKey,
    merchantId: entry.options.merchantId,
    algorithm: entry.options.signatureAlgorithm,
  })
  if (!verified.ok) {
    logger.warn(`InvoiceBox notification refused: ${verified.reason}`)
    return verified.reply
  }
  if (verified.monitoring) return notificationSuccess()
  const notification = verified.notification
  if (notification.status !== "completed") return notificationSuccess()

  const query = container.resolve<Query>(ContainerRegistrationKeys.QUERY)
  const sessionId = sessionIdFromMerchantOrderId(notification.merchantOrderId)
  const session = await findSession(query, sessionId)
  if (!session || session.provider_id !== invoiceboxProviderId(entry)) {
    return notificationError("order_not_found", `no InvoiceBox payment session ${sessionId}`)
  }
  if (toKopecks(notification.amount) !== toKopecks(session.amount as number) || notification.currencyId.toLowerCase() !== session.currency_code.toLowerCase()) {
    return notificationError(
      "order_wrong_amount",
      `paid ${notification.amount} ${notification.currencyId}, the session is for ${String(session.amount)} ${session.currency_code}`
    )
  }
  const paidElsewhere = (session.payment_collection?.payment_sessions ?? []).some(
    (other) => other.id !== session.id && (other.status === "authorized" || other.status === "captured")
  )
  if (paidElsewhere) return notificationError("order_already_paid", "the cart was paid with another payment session")

  // a repeat of a processed notification is answered at once, without taking the lock
  if (await alreadyProcessed(query, session)) return notificationSuccess()

  const pg = container.resolve<Knex>(ContainerRegistrationKeys.PG_CONNECTION)
  try {
    return await withDatabaseLock(pg, `invoicebox:${session.id}`, LOCK_TIMEOUT_MS, () =>
      processPaidSession(container, query, entry, session, notification, logger)
    )
  } catch (error) {
    const message = error instanceof LockTimeoutError ? "busy with the same notification" : error instanceof Error ? error.message : String(error)
    logger.error(`InvoiceBox notification for order ${notification.id} failed: ${message}`)
    return notificationError("out_of_service", "temporary failure, please retry")
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
  notification: OrderNotification,
  logger: Logger
): Promise<NotificationReply> {
  if (await alreadyProcessed(query, session)) return notificationSuccess() // processed while we waited
  const cartId = await cartOf(query, session.payment_collection_id)

  await processPaymentWorkflow(container).run({
    input: {
      action: entry.options.captureMode === "auto" ? PaymentActions.SUCCESSFUL : PaymentActions.AUTHORIZED,
      data: { session_id: session.id, amount: notification.amount },
    },
  })

  if (!cartId || (await orderOfCart(query, cartId))) {
    logger.info(`InvoiceBox order ${notification.id} paid: payment session ${session.id}${cartId ? `, cart ${cartId}` : ""}`)
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
  await reversePayment(entry, notification, logger)
  return notificationError("shipping_unavailable", "the order cannot be fulfilled; the payment is being returned")
}

/** Refunds whatever is still refundable of a paid InvoiceBox order (nothing twice: only what is left). */
async function reversePayment(entry: InvoiceboxProviderEntry, notification: OrderNotification, logger: Logger): Promise<void> {
  const client = clientFor(entry.options, logger)
  const refundable = await client.getRefundableBasketItems(notification.id)
  const total = refundable.reduce((sum, item) => sum + toKopecks(item.totalAmount), 0)
  if (total === 0) return
  const allocation = allocateRefund(refundable, kopecksToMajor(total))
  const { refund } = await client.ensureRefundOrder({
    parentId: notification.id,
    merchantOrderId: `${notification.merchantOrderId}:shipping_unavailable`.slice(0, 100),
    description: `Возврат: заказ не может быть выполнен ${notification.merchantOrderId}`.slice(0, 1000),
    amount: kopecksToMajor(allocation.amount),
    vatAmount: kopecksToMajor(allocation.vatAmount),
    basketItems: allocation.items,
  })
  logger.warn(`InvoiceBox order ${notification.id}: cart could not be completed, refund ${refund.id} of ${refund.amount}`)
}
