/**
 * Medusa v1 (1.20) payment processor for InvoiceBox: the store's region lists the provider `invoicebox`.
 * Glue only, like the v2 provider: the basket, money, refunds and notification rules are the core's
 * (src/invoicebox) and the shared payment glue's (src/payment). Medusa v1 registers every class of a
 * plugin's `services/` that extends AbstractPaymentProcessor as the payment provider `identifier`.
 *
 * Errors are returned as v1's PaymentProcessorError (`{ error, code, detail }`), which Medusa v1 turns
 * into a MedusaError with that message; nothing here throws into Medusa except the constructor on bad
 * options (the store then fails to start, naming them).
 */
import { randomBytes } from "node:crypto"

import {
  AbstractPaymentProcessor,
  PaymentSessionStatus,
  type CartService,
  type Logger,
  type PaymentProcessorContext,
  type PaymentProcessorError,
  type PaymentProcessorSessionResponse,
} from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import type { InvoiceboxClient } from "../../invoicebox/client"
import { errorMessageOf, InvoiceboxApiError, InvoiceboxError } from "../../invoicebox/errors"
import { kopecksToMajor, toKopecks } from "../../invoicebox/money"
import type { Order, OrderStatus } from "../../invoicebox/types"
import { newInvoiceboxClient } from "../../payment/invoicebox-client"
import { parseProviderOptions, type InvoiceboxProviderOptions } from "../../payment/options"
import { buildOrderRequest, customerFrom, orderUpdateOf, type PreparedOrder } from "../../payment/order-request"
import { REVERSAL_REASONS, reversalMerchantOrderId } from "../../payment/reverse-payment"
import {
  attemptOfMerchantOrderId,
  findSessionOrder,
  merchantOrderIdFor,
  readSessionData,
  sessionDataOf,
  withOrderState,
  withRefundRecorded,
  type InvoiceboxSessionData,
  type ServerBasket,
} from "../../payment/session-data"
import { V1_CART_BASKET_RELATIONS, v1CartBasketLines } from "../cart-basket"

type SessionData = PaymentProcessorSessionResponse["session_data"]

/** Why the plugin gives a paid order's money back: a canceled or deleted payment, or a reversal. */
const GIVE_BACK_REASONS = ["cancel", "delete", ...REVERSAL_REASONS] as const

interface V1Container {
  logger?: Logger
  manager?: EntityManager
  cartService?: CartService
}

/** The provider id a v1 store's region lists (`payment_providers: ["invoicebox"]`). */
export const INVOICEBOX_V1_PROVIDER_ID = "invoicebox"

/**
 * InvoiceBox order status → v1 session status. An unpaid order is `pending` (the cart cannot become
 * an order); a paid one `authorized` (in auto mode the plugin captures it as soon as the order is
 * placed; in manual mode the admin's Capture registers the shipment).
 */
export function v1SessionStatusOf(status: OrderStatus): PaymentSessionStatus {
  switch (status) {
    case "completed":
      return PaymentSessionStatus.AUTHORIZED
    case "created":
      return PaymentSessionStatus.PENDING
    case "expired":
    case "canceled":
      return PaymentSessionStatus.CANCELED
  }
}

export class InvoiceboxPaymentProcessor extends AbstractPaymentProcessor {
  static override identifier = INVOICEBOX_V1_PROVIDER_ID

  readonly options: InvoiceboxProviderOptions
  private readonly logger: Logger | undefined
  private readonly cradle: V1Container
  private apiClient: InvoiceboxClient | undefined

  constructor(container: V1Container, options: Record<string, unknown> | undefined) {
    super(container as Record<string, unknown>, options)
    this.cradle = container
    // a bad option stops the store's start with every bad option named (the v2 provider's messages)
    this.options = parseProviderOptions(options ?? {})
    if (!this.options.token) {
      throw new InvoiceboxError(
        "invalid_options",
        "medusa-payment-invoicebox/v1: merchantId and token are required in the plugin's options"
      )
    }
    this.logger = container.logger
  }

  /** One client per processor (Medusa v1 keeps one processor per store process). */
  client(): InvoiceboxClient {
    this.apiClient ??= newInvoiceboxClient(this.options, this.logger)
    return this.apiClient
  }

  // ---- sessions ----

  async initiatePayment(
    context: PaymentProcessorContext
  ): Promise<PaymentProcessorError | PaymentProcessorSessionResponse> {
    // the session's own key: a v1 session has no id yet when it is initiated
    const sessionId = `${context.resource_id}.${randomBytes(4).toString("hex")}`
    try {
      return { session_data: await this.createOrder(sessionId, 1, context) }
    } catch (error) {
      return this.failure("creating the payment", error)
    }
  }

  /** The cart changed (Medusa v1 calls this with the new amount): the unpaid order follows it. */
  async updatePayment(
    context: PaymentProcessorContext
  ): Promise<PaymentProcessorError | PaymentProcessorSessionResponse | void> {
    const current = readSessionData(context.paymentSessionData)
    const sessionId = current.session_id
    if (!sessionId) return this.initiatePayment(context)
    try {
      if (!current.invoicebox_order_id) {
        // no order yet (the cart was being changed): make it now
        return { session_data: await this.createOrder(sessionId, nextAttemptOf(context.paymentSessionData), context) }
      }
      const existing = await this.readOrder(current)
      if (existing.status === "completed") {
        // money the plugin gave back (the cart could not become an order): the cart is paid anew
        if (await this.paymentReturned(existing)) {
          const attempt = attemptOfMerchantOrderId(existing.merchantOrderId) + 1
          return { session_data: await this.createOrder(sessionId, attempt, context) }
        }
        // Medusa v1 refreshes the sessions of a cart on customer and address events, also as it completes
        // the cart: the paid order stays as it is while the amount is the same
        if (toKopecks(existing.amount) === context.amount) {
          return { session_data: withOrderState(context.paymentSessionData, existing) }
        }
        return refusal(
          `InvoiceBox: order ${existing.id} is already paid (${existing.amount} ${existing.currencyId}); the cart cannot be changed`,
          "invoicebox_order_paid"
        )
      }
      const prepared = await this.prepareOrder(sessionId, existing.merchantOrderId, context)
      if (!prepared) {
        // the cart is being changed in a transaction of Medusa's this read cannot see: no payable order
        // for a basket that is not the cart's; the next session update (or refresh) makes the new one
        if (existing.status === "created") await this.client().cancelOrder(existing.id)
        return { session_data: awaitingCartData(sessionId, context, existing.merchantOrderId) }
      }
      if (existing.status === "created" && existing.currencyId === prepared.request.currencyId) {
        try {
          const updated = await this.client().updateOrder(existing.id, orderUpdateOf(prepared.request))
          return { session_data: sessionDataOf(sessionId, updated, context.resource_id) }
        } catch (error) {
          if (!(error instanceof InvoiceboxApiError) || error.httpStatus !== 422) throw error
          this.logger?.info(`InvoiceBox refused to update order ${existing.id} (${error.code}); replacing it`)
        }
      }
      // the API refused the change (or the order is no longer payable): cancel it and create another
      if (existing.status === "created") await this.client().cancelOrder(existing.id)
      const attempt = attemptOfMerchantOrderId(existing.merchantOrderId) + 1
      return { session_data: await this.createOrder(sessionId, attempt, context) }
    } catch (error) {
      return this.failure("updating the payment", error)
    }
  }

  /**
   * The storefront's `POST /store/carts/:id/payment-sessions/:provider_id` data: nothing it sends may
   * change the InvoiceBox order, its amount or its lines. Medusa v1 merges what this returns into the
   * stored data: nothing.
   */
  async updatePaymentData(): Promise<PaymentProcessorError | SessionData> {
    return {}
  }

  async authorizePayment(
    data: SessionData,
    context: Record<string, unknown>
  ): Promise<PaymentProcessorError | { status: PaymentSessionStatus; data: SessionData }> {
    const session = readSessionData(data)
    // no order yet: the storefront updates the session (POST /store/carts/:id/payment-sessions) first
    if (!session.invoicebox_order_id) return { status: PaymentSessionStatus.PENDING, data }
    try {
      const order = await this.readOrder(session)
      if (order.status !== "completed")
        return { status: v1SessionStatusOf(order.status), data: withOrderState(data, order) }
      // money already given back (the cart could not become an order) never authorizes a cart again
      if (await this.paymentReturned(order)) {
        return { status: PaymentSessionStatus.CANCELED, data: { ...withOrderState(data, order), returned: true } }
      }
      // the order Medusa makes is for the cart's total now: InvoiceBox must hold exactly that
      const cartId = typeof context.cart_id === "string" && context.cart_id !== "" ? context.cart_id : session.cart_id
      const total = cartId ? await this.cartTotal(cartId) : null
      if (total !== null && toKopecks(order.amount) !== total) {
        return refusal(
          `InvoiceBox: order ${order.id} was paid ${order.amount} ${order.currencyId} but the cart's total is now ` +
            `${kopecksToMajor(total)}; the payment is returned when InvoiceBox's notification arrives`,
          "order_wrong_amount"
        )
      }
      return { status: PaymentSessionStatus.AUTHORIZED, data: withOrderState(data, order) }
    } catch (error) {
      return this.failure("reading the order", error)
    }
  }

  /** The cart's total as Medusa charges it (with taxes), kopecks. */
  async cartTotal(cartId: string): Promise<number> {
    const cartService = this.cradle.cartService
    if (!cartService) throw new InvoiceboxError("invalid_basket", "Medusa's cart service is not available")
    return (await cartService.retrieveWithTotals(cartId, {}, { force_taxes: true })).total
  }

  /** Whether the plugin gave the paid order's money back (a canceled payment, a refused or unfulfillable cart). */
  async paymentReturned(order: { id: string; merchantOrderId: string }): Promise<boolean> {
    const keys = new Set(GIVE_BACK_REASONS.map((reason) => reversalMerchantOrderId(order, reason)))
    return (await this.client().refundOrdersOf(order.id)).some((refund) => keys.has(refund.merchantOrderId))
  }

  async getPaymentStatus(data: SessionData): Promise<PaymentSessionStatus> {
    const session = readSessionData(data)
    if (!session.invoicebox_order_id) return PaymentSessionStatus.PENDING
    try {
      const order = await this.readOrder(session)
      if (order.status === "completed" && (await this.paymentReturned(order))) return PaymentSessionStatus.CANCELED
      return v1SessionStatusOf(order.status)
    } catch (error) {
      this.logger?.warn(`InvoiceBox: reading the order failed: ${errorMessageOf(error)}`)
      return PaymentSessionStatus.ERROR
    }
  }

  async retrievePayment(data: SessionData): Promise<PaymentProcessorError | SessionData> {
    try {
      return withOrderState(data, await this.readOrder(readSessionData(data)))
    } catch (error) {
      return this.failure("reading the order", error)
    }
  }

  /**
   * Auto mode: InvoiceBox already has the money, nothing to do. Manual mode: register the shipment
   * («отгрузка», the 54-FZ full-settlement receipt) once, then the payment is captured.
   */
  async capturePayment(data: SessionData): Promise<PaymentProcessorError | SessionData> {
    try {
      const order = await this.readOrder(readSessionData(data))
      if (order.status !== "completed") {
        return refusal(
          `InvoiceBox: order ${order.id} is ${order.status}, not paid; nothing to capture`,
          "invoicebox_order_not_paid"
        )
      }
      if (this.options.captureMode === "auto") return { ...withOrderState(data, order), captured: true }
      const { shipments } = await this.client().ensureShipment({ orderId: order.id, basketItems: order.basketItems })
      return {
        ...withOrderState(data, order),
        captured: true,
        shipment_ids: shipments.map((shipment) => shipment.id),
      }
    } catch (error) {
      return this.failure("registering the shipment", error)
    }
  }

  /**
   * An itemized refund order within the refundable lines, exact to the kopeck. Medusa v1 passes no
   * refund id, so the refund's merchantOrderId is the order's with the number of the payment's
   * refunds: a retry of a refund whose Medusa transaction failed finds the refund InvoiceBox already
   * made instead of refunding twice.
   */
  async refundPayment(data: SessionData, refundAmount: number): Promise<PaymentProcessorError | SessionData> {
    try {
      const session = readSessionData(data)
      const order = await this.readOrder(session)
      const number = (session.refunds?.length ?? 0) + 1
      const amount = kopecksToMajor(refundAmount)
      const refund = await this.client().refundWithinBasket({
        parentId: order.id,
        merchantOrderId: `${order.merchantOrderId}:refund:${number}`.slice(0, 100),
        description: `Возврат по заказу ${order.merchantOrderId}`,
        amount,
      })
      if (!refund) return refusal(`InvoiceBox: nothing is left to refund of order ${order.id}`, "invoicebox")
      if (toKopecks(refund.amount) !== refundAmount) {
        return refusal(
          `InvoiceBox: refund ${refund.id} of ${refund.amount} ${refund.currencyId} was already made for this ` +
            `payment by an interrupted attempt; record it by refunding exactly ${refund.amount}`,
          "invoicebox_refund_exists"
        )
      }
      this.logger?.info(`InvoiceBox refund ${refund.id} of ${refund.amount} ${refund.currencyId} for order ${order.id}`)
      return withRefundRecorded(withOrderState(data, order), refund)
    } catch (error) {
      return this.failure("refunding", error)
    }
  }

  async cancelPayment(data: SessionData): Promise<PaymentProcessorError | SessionData> {
    return this.release(data, "cancel")
  }

  async deletePayment(data: SessionData): Promise<PaymentProcessorError | SessionData> {
    return this.release(data, "delete")
  }

  /**
   * An unpaid order is canceled. A paid one:
   * - `cancel` (Medusa v1 cancels the payment of a cart that could not become an order, e.g. out of
   *   stock, or of a canceled order): refunded in full at InvoiceBox, never silently kept — unless the
   *   payment was captured, which is refunded with Refund first (Medusa v1 records nothing of a refund
   *   made by a cancel);
   * - `delete` (the session is dropped: another provider chosen, the session refreshed, the cart's
   *   total down to 0): refused, the money stays and the cart keeps its session — a paid cart becomes
   *   an order (the notification completes it), it is not emptied of its payment.
   */
  async release(data: SessionData, reason: "cancel" | "delete"): Promise<PaymentProcessorError | SessionData> {
    const session = readSessionData(data)
    if (!session.invoicebox_order_id && !session.merchant_order_id) return data
    try {
      const order = await findSessionOrder(this.client(), session)
      if (!order) return data
      if (order.status === "created") return withOrderState(data, await this.client().cancelOrder(order.id))
      if (order.status !== "completed") return withOrderState(data, order)
      if (reason === "delete" && !(await this.paymentReturned(order))) {
        return refusal(
          `InvoiceBox: order ${order.id} is paid; its payment session cannot be dropped — complete the cart ` +
            `(POST /store/carts/:id/complete) or refund the order`,
          "invoicebox_order_paid"
        )
      }
      if (data.captured === true) {
        return refusal(
          `InvoiceBox: the payment of order ${order.id} is captured; refund it (Refund) before canceling`,
          "invoicebox_payment_captured"
        )
      }
      const refund = await this.client().refundWithinBasket({
        parentId: order.id,
        merchantOrderId: reversalMerchantOrderId(order, reason),
        description: `Отмена оплаты заказа ${order.merchantOrderId}`,
      })
      if (refund) this.logger?.info(`InvoiceBox refund ${refund.id} of ${refund.amount}: payment ${reason}ed`)
      return refund ? withRefundRecorded(withOrderState(data, order), refund) : withOrderState(data, order)
    } catch (error) {
      return this.failure(reason === "cancel" ? "canceling the payment" : "deleting the payment", error)
    }
  }

  // ---- internals ----

  /**
   * The create request for the cart as Medusa has it, or null when the committed cart is not the one
   * Medusa is charging (`context.amount`): v1 updates sessions inside the transaction that changes the
   * cart (a shipping method, a discount code, an address), which a read from here cannot see.
   */
  private async prepareOrder(
    sessionId: string,
    merchantOrderId: string,
    context: PaymentProcessorContext
  ): Promise<PreparedOrder | null> {
    const cartService = this.cradle.cartService
    if (!cartService) throw new InvoiceboxError("invalid_basket", "Medusa's cart service is not available")
    const cart = await cartService.retrieveWithTotals(
      context.resource_id,
      { relations: V1_CART_BASKET_RELATIONS },
      { force_taxes: true }
    )
    if (cart.type === "swap") {
      // a swap's cart carries the returned goods as negative lines: not a receipt InvoiceBox can print
      throw new InvoiceboxError("invalid_basket", `cart ${cart.id} is an exchange (swap); pay it another way`)
    }
    if (cart.total !== context.amount) return null
    const basket: ServerBasket = {
      lines: v1CartBasketLines(cart, this.options),
      reference: { cart_id: cart.id },
    }
    const buyer = context.customer
    const phone = buyer?.phone ?? context.billing_address?.phone ?? null
    return buildOrderRequest(
      {
        sessionId,
        merchantOrderId,
        amount: kopecksToMajor(context.amount),
        currencyCode: context.currency_code,
        basket,
        customer: customerFrom(
          {
            customer: {
              email: context.email || buyer?.email || null,
              phone,
              first_name: buyer?.first_name ?? context.billing_address?.first_name ?? null,
              last_name: buyer?.last_name ?? context.billing_address?.last_name ?? null,
            },
          },
          undefined
        ),
      },
      this.options
    )
  }

  /** The session's InvoiceBox order for the cart, or — while the cart is being changed — none yet. */
  private async createOrder(
    sessionId: string,
    attempt: number,
    context: PaymentProcessorContext
  ): Promise<SessionData> {
    const merchantOrderId = merchantOrderIdFor(sessionId, attempt)
    const prepared = await this.prepareOrder(sessionId, merchantOrderId, context)
    if (!prepared)
      return awaitingCartData(sessionId, context, attempt > 1 ? merchantOrderIdFor(sessionId, attempt - 1) : null)
    const { order } = await this.client().ensureOrder(prepared.request)
    return sessionDataOf(sessionId, order, context.resource_id)
  }

  private async readOrder(data: Partial<InvoiceboxSessionData>): Promise<Order> {
    const order = await findSessionOrder(this.client(), data)
    if (!order) {
      throw new InvoiceboxError("order_not_found", `no InvoiceBox order for payment ${data.session_id ?? "(unknown)"}`)
    }
    return order
  }

  private failure(action: string, error: unknown): PaymentProcessorError {
    const code = error instanceof InvoiceboxError ? error.code : "invoicebox_error"
    const message = `InvoiceBox: ${action} failed [${code}]: ${errorMessageOf(error)}`
    this.logger?.warn(message)
    return refusal(message, code, error instanceof InvoiceboxApiError ? error.requestId : undefined)
  }
}

/**
 * A PaymentProcessorError Medusa v1 recognizes everywhere: its `isPaymentProcessorError` wants all of
 * error, code and detail (the detail is the InvoiceBox X-Request-Id when there is one, else the code).
 */
function refusal(message: string, code: string, detail?: string): PaymentProcessorError {
  return { error: message, code, detail: detail ?? code }
}

/**
 * A session without a payable order yet: the cart was being changed when Medusa updated the session.
 * `replaced_merchant_order_id` is the order it replaces (the next one is its attempt + 1).
 */
function awaitingCartData(
  sessionId: string,
  context: PaymentProcessorContext,
  replacedMerchantOrderId: string | null
): SessionData {
  return {
    session_id: sessionId,
    cart_id: context.resource_id,
    invoicebox_order_id: null,
    payment_url: null,
    status: "awaiting_cart",
    amount: kopecksToMajor(context.amount),
    currency_code: context.currency_code.toLowerCase(),
    replaced_merchant_order_id: replacedMerchantOrderId,
  }
}

/** The attempt of the next order of a session that has none now. */
function nextAttemptOf(data: SessionData): number {
  const replaced = data.replaced_merchant_order_id
  return typeof replaced === "string" ? attemptOfMerchantOrderId(replaced) + 1 : 1
}

export default InvoiceboxPaymentProcessor
