/**
 * An InvoiceBox order notification, verified, applied to a Medusa v1 store — exactly once across every
 * server of the store: a PostgreSQL advisory lock on the InvoiceBox order, taken in a transaction, is
 * held while the payment session is read and its cart completed, so a duplicate (a retry, the same
 * notification on another server) waits, then finds the order made and changes nothing.
 *
 * A paid order completes its cart through Medusa v1's own cart completion strategy (the buyer may never
 * come back from the payment page), with an idempotency key of the InvoiceBox order. Money the store
 * cannot keep goes back at InvoiceBox (src/payment/reverse-payment.ts): the cart cannot become an order
 * (`shipping_unavailable`), it was paid already (`order_already_paid`), the amount is not the
 * session's (`order_wrong_amount`). The reply is the one InvoiceBox expects, within its 20 s limit.
 */
import type {
  CartService,
  ICartCompletionStrategy,
  IdempotencyKey,
  IdempotencyKeyService,
  Logger,
  MedusaContainer,
} from "@medusajs/medusa"
import type { PaymentSessionRepository } from "@medusajs/medusa/dist/repositories/payment-session"
import type { EntityManager } from "typeorm"

import { errorMessageOf } from "../../invoicebox/errors"
import { toKopecks } from "../../invoicebox/money"
import { notificationError, notificationSuccess } from "../../invoicebox/notification"
import type { NotificationReply, OrderNotification } from "../../invoicebox/types"
import { withinReplyDeadline } from "../../payment/notification-request"
import { REVERSAL_LOG_REASONS, reversePaidOrder, type ReversalReason } from "../../payment/reverse-payment"
import { ORDER_LOCK_WAIT, orderLockKey } from "../order-lock"
import { INVOICEBOX_V1_PROVIDER_ID, type InvoiceboxPaymentProcessor } from "../services/invoicebox"
import { recordNotification } from "./notification-log"

interface SessionRow {
  id: string
  cart_id: string
  amount: number | null
  is_selected: boolean | null
  data: Record<string, unknown>
  completed_at: Date | null
}

interface Applied {
  reply: NotificationReply
  sessionId: string | null
  cartId: string | null
}

export async function applyV1Notification(
  scope: MedusaContainer,
  processor: InvoiceboxPaymentProcessor,
  notification: OrderNotification,
  receivedAt = new Date()
): Promise<NotificationReply> {
  const logger = scope.resolve<Logger>("logger")
  const manager = scope.resolve<EntityManager>("manager")
  const applied = await withinDeadline(apply(scope, processor, notification), logger, notification)
  await recordNotification(manager, {
    notification,
    receivedAt,
    ...applied,
    paymentSessionId: applied.sessionId,
  }).catch((error: unknown) =>
    logger.warn(`InvoiceBox order ${notification.id}: could not record the notification: ${errorMessageOf(error)}`)
  )
  return applied.reply
}

async function apply(
  scope: MedusaContainer,
  processor: InvoiceboxPaymentProcessor,
  notification: OrderNotification
): Promise<Applied> {
  if (notification.status === "completed") return inSettlingSlot(() => settlePaid(scope, processor, notification))
  if (notification.status === "canceled" || notification.status === "expired") {
    // the storefront then sees that the payment page is closed (and creates a new session)
    const sessions = scope
      .resolve<EntityManager>("manager")
      .withRepository(scope.resolve<typeof PaymentSessionRepository>("paymentSessionRepository"))
    const closed = await sessions
      .createQueryBuilder("session")
      .where("session.provider_id = :provider", { provider: INVOICEBOX_V1_PROVIDER_ID })
      .andWhere("session.data->>'invoicebox_order_id' = :order", { order: notification.id })
      .andWhere("session.status = :pending", { pending: "pending" })
      .getMany()
    for (const session of closed) session.data = { ...session.data, status: notification.status }
    if (closed.length > 0) await sessions.save(closed)
  }
  return { reply: notificationSuccess(), sessionId: null, cartId: null }
}

/**
 * At most this many paid orders are settled at once in one process: each holds a pooled database
 * connection (its lock) while the cart's completion takes others, and the pool is small (10 by default).
 */
const SETTLING_AT_ONCE = 3
let settling = 0
const waiting: Array<() => void> = []

async function inSettlingSlot<T>(work: () => Promise<T>): Promise<T> {
  if (settling < SETTLING_AT_ONCE) settling += 1
  else await new Promise<void>((resolve) => waiting.push(resolve)) // the slot is handed over as it is
  try {
    return await work()
  } finally {
    const next = waiting.shift()
    if (next) next()
    else settling -= 1
  }
}

async function settlePaid(
  scope: MedusaContainer,
  processor: InvoiceboxPaymentProcessor,
  order: OrderNotification
): Promise<Applied> {
  const manager = scope.resolve<EntityManager>("manager")
  const logger = scope.resolve<Logger>("logger")
  return manager.transaction(async (locked) => {
    await locked.query(`SET LOCAL lock_timeout = '${ORDER_LOCK_WAIT}'`)
    await locked.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [orderLockKey(order.id)])
    const rows = (await locked.query(
      `SELECT ps.id, ps.cart_id, ps.amount, ps.is_selected, ps.data, c.completed_at
         FROM payment_session ps JOIN cart c ON c.id = ps.cart_id
        WHERE ps.provider_id = $1 AND ps.data->>'invoicebox_order_id' = $2
        ORDER BY ps.created_at DESC LIMIT 1`,
      [INVOICEBOX_V1_PROVIDER_ID, order.id]
    )) as SessionRow[]
    const session = rows[0]
    if (!session) {
      logger.warn(`InvoiceBox notification: no payment session of InvoiceBox order ${order.id} (paid ${order.amount})`)
      return {
        reply: notificationError("order_not_found", `no payment session of InvoiceBox order ${order.id}`),
        sessionId: null,
        cartId: null,
      }
    }
    const found = (reply: NotificationReply): Applied => ({ reply, sessionId: session.id, cartId: session.cart_id })
    const giveBack = async (reason: ReversalReason, reply: NotificationReply): Promise<Applied> => {
      const refund = await reversePaidOrder(processor.client(), order, reason)
      if (refund) {
        logger.warn(
          `InvoiceBox order ${order.id}: ${REVERSAL_LOG_REASONS[reason]}; refund ${refund.id} of ${refund.amount}`
        )
      }
      return found(reply)
    }

    // the cart is an order already: with this payment (a repeat), or with another one (give it back)
    if (session.completed_at) {
      const reply = await alreadyCompleted(locked, session.cart_id, order)
      return reply.status === "success" ? found(reply) : giveBack("order_already_paid", reply)
    }
    // a repeat after the money went back (the cart could not become an order): the same answer, no order
    if (await processor.paymentReturned(order)) {
      return found(notificationError("shipping_unavailable", "the order cannot be fulfilled; the payment was returned"))
    }
    // the amount of the session, and of the cart now (it may have changed since): the order would be for it
    const cartTotal = await processor.cartTotal(session.cart_id)
    if (!sameMoney(order, session) || toKopecks(order.amount) !== cartTotal) {
      return giveBack(
        "order_wrong_amount",
        notificationError(
          "order_wrong_amount",
          `paid ${order.amount} ${order.currencyId}, the cart is for ${(cartTotal / 100).toFixed(2)} (the session ` +
            `for ${sessionAmountText(session)})`
        )
      )
    }
    const outcome = await completeCart(scope, session, order, logger)
    if (outcome === "order") return found(notificationSuccess())
    if (outcome === "paid_elsewhere")
      return giveBack("order_already_paid", notificationError("order_already_paid", "the cart was paid otherwise"))
    return giveBack(
      "shipping_unavailable",
      notificationError("shipping_unavailable", "the order cannot be fulfilled; the payment is being returned")
    )
  })
}

/** The cart is an order already: this payment's (a repeat: nothing to do) or another's (give it back). */
async function alreadyCompleted(
  manager: EntityManager,
  cartId: string,
  order: OrderNotification
): Promise<NotificationReply> {
  const payments = (await manager.query(
    `SELECT provider_id, data->>'invoicebox_order_id' AS invoicebox_order_id FROM payment WHERE cart_id = $1`,
    [cartId]
  )) as Array<{ provider_id: string; invoicebox_order_id: string | null }>
  if (payments.some((payment) => payment.invoicebox_order_id === order.id)) return notificationSuccess()
  return notificationError("order_already_paid", "the cart was paid with another payment")
}

type CompletionOutcome = "order" | "paid_elsewhere" | "not_fulfillable"

/**
 * The cart completed by Medusa v1's cart completion strategy, as `POST /store/carts/:id/complete`
 * would (tax lines, payment authorization through the processor, inventory, the order).
 */
async function completeCart(
  scope: MedusaContainer,
  session: SessionRow,
  order: OrderNotification,
  logger: Logger
): Promise<CompletionOutcome> {
  const manager = scope.resolve<EntityManager>("manager")
  const cartService = scope.resolve<CartService>("cartService")
  if (!session.is_selected) await cartService.setPaymentSession(session.cart_id, INVOICEBOX_V1_PROVIDER_ID)
  const idempotencyKey = await completionKey(scope, session.cart_id, order.id)
  try {
    const { response_code, response_body } = await scope
      .resolve<ICartCompletionStrategy>("cartCompletionStrategy")
      .complete(session.cart_id, idempotencyKey, { ip: "" })
    if (response_code === 200 && response_body.type === "order") return "order"
    if (response_code === 409) {
      logger.warn(
        `InvoiceBox order ${order.id}: cart ${session.cart_id} cannot become an order (${JSON.stringify(response_body)})`
      )
      return "not_fulfillable"
    }
    throw new Error(`cart ${session.cart_id} was not completed (${response_code} ${JSON.stringify(response_body)})`)
  } catch (error) {
    // the buyer's own completion may have made the order meanwhile (v1 allows one order per cart)
    const reply = await alreadyCompletedIfSo(manager, session.cart_id, order)
    if (reply === "order") return "order"
    if (reply === "paid_elsewhere") return "paid_elsewhere"
    // InvoiceBox retries a failed notification; a cart that still cannot become an order long after the
    // payment gets its money back instead of waiting for ever
    if (paidLongAgo(order)) {
      logger.warn(`InvoiceBox order ${order.id}: cart ${session.cart_id} still fails: ${errorMessageOf(error)}`)
      return "not_fulfillable"
    }
    throw error
  }
}

/** After this long a paid order whose cart keeps failing to complete is given back. */
const GIVE_UP_AFTER_MS = 30 * 60_000

function paidLongAgo(order: OrderNotification, now = Date.now()): boolean {
  const paidAt = Date.parse(order.paidAt ?? "")
  return Number.isFinite(paidAt) && now - paidAt > GIVE_UP_AFTER_MS
}

/**
 * Medusa v1's idempotency key of the cart's completion by this InvoiceBox order, so an attempt that
 * failed midway is resumed where it stopped (v1's own `initializeRequest` would make a new key each time).
 * A key that finished without an order (the payment was not yet authorized) starts over.
 */
async function completionKey(scope: MedusaContainer, cartId: string, orderId: string): Promise<IdempotencyKey> {
  const keys = scope.resolve<IdempotencyKeyService>("idempotencyKeyService")
  const name = `invoicebox-${orderId}`
  const existing = await keys.retrieve(name).catch(() => undefined)
  if (!existing) {
    return keys.create({
      idempotency_key: name,
      request_method: "POST",
      request_params: { id: cartId },
      request_path: `/store/carts/${cartId}/complete`,
    })
  }
  const body = existing.response_body as { type?: unknown } | null
  if (existing.recovery_point === "finished" && body?.type !== "order") {
    return keys.update(name, { recovery_point: "started" })
  }
  return existing
}

async function alreadyCompletedIfSo(
  manager: EntityManager,
  cartId: string,
  order: OrderNotification
): Promise<"order" | "paid_elsewhere" | null> {
  const rows = (await manager.query(`SELECT completed_at FROM cart WHERE id = $1`, [cartId])) as Array<{
    completed_at: Date | null
  }>
  if (!rows[0]?.completed_at) return null
  return (await alreadyCompleted(manager, cartId, order)).status === "success" ? "order" : "paid_elsewhere"
}

function sameMoney(order: OrderNotification, session: SessionRow): boolean {
  const currency = typeof session.data.currency_code === "string" ? session.data.currency_code : ""
  if (order.currencyId.toLowerCase() !== currency.toLowerCase()) return false
  const expected =
    session.amount !== null
      ? session.amount
      : toKopecks(typeof session.data.amount === "number" ? session.data.amount : -1)
  return toKopecks(order.amount) === expected
}

function sessionAmountText(session: SessionRow): string {
  const currency = String(session.data.currency_code ?? "")
  return session.amount !== null
    ? `${(session.amount / 100).toFixed(2)} ${currency}`
    : `${String(session.data.amount)} ${currency}`
}

/** The answer, or out_of_service when applying fails or is late (InvoiceBox then retries). */
function withinDeadline(work: Promise<Applied>, logger: Logger, order: OrderNotification): Promise<Applied> {
  return withinReplyDeadline(work, (reply, error) => {
    if (error !== undefined) {
      logger.error(`InvoiceBox order ${order.id}: applying the notification failed: ${errorMessageOf(error)}`)
    }
    return { reply, sessionId: null, cartId: null }
  })
}
