/**
 * Medusa v2 payment module provider for InvoiceBox (identifier `invoicebox`; stores register it with
 * `id: "invoicebox"`, so its provider id is `pp_invoicebox_invoicebox`). Glue only: the money, basket,
 * refund and notification rules are the core's (src/invoicebox).
 */
import type { ConfigModule, Logger } from "@medusajs/framework/types"
import type {
  AuthorizePaymentInput,
  AuthorizePaymentOutput,
  CancelPaymentInput,
  CancelPaymentOutput,
  CapturePaymentInput,
  CapturePaymentOutput,
  DeletePaymentInput,
  DeletePaymentOutput,
  GetPaymentStatusInput,
  GetPaymentStatusOutput,
  InitiatePaymentInput,
  InitiatePaymentOutput,
  ProviderWebhookPayload,
  RefundPaymentInput,
  RefundPaymentOutput,
  RetrievePaymentInput,
  RetrievePaymentOutput,
  UpdatePaymentInput,
  UpdatePaymentOutput,
  WebhookActionResult,
} from "@medusajs/framework/types"
import { AbstractPaymentProvider, MedusaError, PaymentActions } from "@medusajs/framework/utils"

import type { InvoiceboxClient } from "../../invoicebox/client"
import { InvoiceboxApiError } from "../../invoicebox/errors"
import { verifyNotification, type VerifiedNotification } from "../../invoicebox/notification"
import type { Order, RefundOrder } from "../../invoicebox/types"
import { invoiceboxClient, registryEntryOf, type InvoiceboxProviderEntry } from "./registry"
import { recentFinalOrder } from "./verified-orders"
import { toMedusaError, withMedusaDataErrors } from "./errors"
import {
  parseProviderOptions,
  type InvoiceboxProviderOptions,
  type InvoiceboxProviderOptionsInput,
} from "../../payment/options"
import { buildOrderRequest, customerFrom, orderUpdateOf } from "../../payment/order-request"
import { reversalMerchantOrderId } from "../../payment/reverse-payment"
import {
  SERVER_BASKET_KEY,
  SERVER_BASKET_SIGNATURE_KEY,
  attemptOfMerchantOrderId,
  merchantOrderIdFor,
  readServerBasket,
  findSessionOrder,
  pendingRefundGoodsOf,
  readSessionData,
  sessionIdFromMerchantOrderId,
  sessionDataOf,
  withOrderState,
  withRefundRecorded,
  type InvoiceboxSessionData,
  type PendingRefundGoods,
} from "../../payment/session-data"
import { sessionStatusOf } from "./status"

type Container = { logger?: Logger; configModule?: ConfigModule }

export class InvoiceboxProviderService extends AbstractPaymentProvider<InvoiceboxProviderOptionsInput> {
  static override identifier = "invoicebox"

  /** this provider's entry in the store's registry: its options follow the stored connection */
  private readonly entry: InvoiceboxProviderEntry | null
  private readonly configured: InvoiceboxProviderOptions
  private readonly logger: Logger | undefined

  static override validateOptions(options: Record<string, unknown>): void {
    withMedusaDataErrors(() => parseProviderOptions(options))
  }

  constructor(container: Container, options: InvoiceboxProviderOptionsInput) {
    super(container, options)
    this.configured = withMedusaDataErrors(() => parseProviderOptions(options))
    this.logger = container.logger
    this.entry = container.configModule ? registryEntryOf(container.configModule, options) : null
  }

  /** The options in effect now: a connection stored from the admin wins over medusa-config's account. */
  get options(): InvoiceboxProviderOptions {
    return this.entry?.options ?? this.configured
  }

  /**
   * The client of the account in effect now (one per account in the process); a clear error when no
   * account is connected. A method, not a getter: Medusa's loaders read a provider's properties.
   */
  client(): InvoiceboxClient {
    return invoiceboxClient(this.options, this.logger)
  }

  // ---- sessions ----

  async initiatePayment(input: InitiatePaymentInput): Promise<InitiatePaymentOutput> {
    const sessionId = stringOf(input.data?.session_id) ?? input.context?.idempotency_key
    if (!sessionId) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "InvoiceBox: the payment session id is missing")
    }
    const order = await this.createOrder(sessionId, 1, input)
    return {
      id: order.order.id,
      status: sessionStatusOf(order.order.status, this.options.captureMode),
      data: order.data,
    }
  }

  async updatePayment(input: UpdatePaymentInput): Promise<UpdatePaymentOutput> {
    const current = readSessionData(input.data)
    const sessionId = current.session_id ?? stringOf(input.data?.session_id)
    if (!sessionId)
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "InvoiceBox: the payment session id is missing")
    if (!current.invoicebox_order_id) {
      const created = await this.createOrder(sessionId, 1, input)
      return { status: sessionStatusOf(created.order.status, this.options.captureMode), data: created.data }
    }
    const existing = await this.readOrder(current)
    // the plugin closing a session whose order InvoiceBox canceled or expired (a notification): nothing to create
    const closed = existing.status === "canceled" || existing.status === "expired"
    if (closed && current.status === existing.status) {
      return {
        status: sessionStatusOf(existing.status, this.options.captureMode),
        data: withOrderState(input.data, existing),
      }
    }
    if (existing.status === "completed") {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `InvoiceBox: order ${existing.id} is already paid; it cannot be changed`
      )
    }
    const basket = readServerBasket(input.data, this.options.token)
    const prepared = buildOrderRequest(
      {
        sessionId,
        merchantOrderId: existing.merchantOrderId,
        amount: input.amount,
        currencyCode: input.currency_code,
        basket,
        customer: customerFrom(input.context, basket?.customer),
      },
      this.options
    )
    const sameCurrency = existing.currencyId === prepared.request.currencyId
    if (existing.status === "created" && sameCurrency) {
      try {
        const updated = await this.client().updateOrder(existing.id, orderUpdateOf(prepared.request))
        return {
          status: sessionStatusOf(updated.status, this.options.captureMode),
          data: this.sessionData(sessionId, updated, basket?.reference?.cart_id),
        }
      } catch (error) {
        if (!(error instanceof InvoiceboxApiError) || error.httpStatus !== 422)
          throw toMedusaError(error, "updating the order")
        this.logger?.info(`InvoiceBox refused to update order ${existing.id} (${error.code}); replacing it`)
      }
    }
    // The API refused the change (or the order is no longer payable): cancel it and create another.
    if (existing.status === "created")
      await this.client()
        .cancelOrder(existing.id)
        .catch((error: unknown) => {
          throw toMedusaError(error, "canceling the replaced order")
        })
    const replaced = await this.createOrder(sessionId, attemptOfMerchantOrderId(existing.merchantOrderId) + 1, input)
    return { status: sessionStatusOf(replaced.order.status, this.options.captureMode), data: replaced.data }
  }

  async deletePayment(input: DeletePaymentInput): Promise<DeletePaymentOutput> {
    return { data: await this.release(input.data, "delete") }
  }

  async cancelPayment(input: CancelPaymentInput): Promise<CancelPaymentOutput> {
    return { data: await this.release(input.data, "cancel") }
  }

  async authorizePayment(input: AuthorizePaymentInput): Promise<AuthorizePaymentOutput> {
    const order = await this.readOrder(readSessionData(input.data))
    return { status: sessionStatusOf(order.status, this.options.captureMode), data: withOrderState(input.data, order) }
  }

  async getPaymentStatus(input: GetPaymentStatusInput): Promise<GetPaymentStatusOutput> {
    const order = await this.readOrder(readSessionData(input.data))
    return { status: sessionStatusOf(order.status, this.options.captureMode), data: withOrderState(input.data, order) }
  }

  async retrievePayment(input: RetrievePaymentInput): Promise<RetrievePaymentOutput> {
    const order = await this.readOrder(readSessionData(input.data))
    return { data: withOrderState(input.data, order) }
  }

  /**
   * Auto mode: InvoiceBox already has the money, nothing to do. Manual mode: register the shipment
   * («отгрузка», the 54-FZ full-settlement receipt) once, then the payment is captured.
   */
  async capturePayment(input: CapturePaymentInput): Promise<CapturePaymentOutput> {
    const data = readSessionData(input.data)
    const order = await this.readOrder(data)
    if (order.status !== "completed") {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `InvoiceBox: order ${order.id} is ${order.status}, not paid; nothing to capture`
      )
    }
    if (this.options.captureMode === "auto") return { data: withOrderState(input.data, order) }
    const shipmentIds = await this.registerShipment(order)
    return { data: { ...withOrderState(input.data, order), shipment_ids: shipmentIds } }
  }

  /** Registers the order's shipment unless one exists; returns the order's shipment ids. */
  async registerShipment(order: Order): Promise<number[]> {
    try {
      const { shipments } = await this.client().ensureShipment({ orderId: order.id, basketItems: order.basketItems })
      return shipments.map((shipment) => shipment.id)
    } catch (error) {
      throw toMedusaError(error, "registering the shipment")
    }
  }

  /**
   * An itemized refund order within the refundable lines, exact to the kopeck. Medusa passes its
   * refund id as the idempotency key: the refund's merchantOrderId, so a retry never refunds twice.
   */
  async refundPayment(input: RefundPaymentInput): Promise<RefundPaymentOutput> {
    const data = readSessionData(input.data)
    const refundId = input.context?.idempotency_key
    if (!refundId)
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "InvoiceBox: a refund needs Medusa's refund id (idempotency key)"
      )
    const order = await this.readOrder(data)
    // goods a received return brought back: the refund receipt names them (refund-by-goods.ts)
    const returned = pendingRefundGoodsOf(input.data)
    const refund = await this.refundOrder(
      order,
      `${order.merchantOrderId}:refund:${refundId}`.slice(0, 100),
      input.amount,
      returned ? "Возврат товара по заказу" : "Возврат по заказу",
      returned?.goods
    )
    return { data: { ...withRefundRecorded(withOrderState(input.data, order), refund), pending_refund_goods: null } }
  }

  // ---- notifications ----

  /** Signature, merchant and shape check of a notification (for the plugin's webhook route). */
  verifyNotification(rawBody: Buffer | string, signature: string | undefined): VerifiedNotification {
    return verifyNotification({
      rawBody,
      signature,
      notificationKey: this.options.notificationKey,
      merchantId: this.options.merchantId,
      algorithm: this.options.signatureAlgorithm,
    })
  }

  async getWebhookActionAndData(payload: ProviderWebhookPayload["payload"]): Promise<WebhookActionResult> {
    const raw = payload.rawData ?? JSON.stringify(payload.data)
    const header = payload.headers["x-signature"]
    const verified = this.verifyNotification(raw, Array.isArray(header) ? header[0] : header)
    if (!verified.ok || verified.monitoring) return { action: PaymentActions.NOT_SUPPORTED }
    const notification = verified.notification
    const session_id = sessionIdFromMerchantOrderId(notification.merchantOrderId)
    switch (notification.status) {
      case "completed":
        return {
          action: this.options.captureMode === "auto" ? PaymentActions.SUCCESSFUL : PaymentActions.AUTHORIZED,
          data: { session_id, amount: notification.amount },
        }
      case "canceled":
      case "expired":
        return { action: PaymentActions.CANCELED, data: { session_id, amount: notification.amount } }
      default:
        return { action: PaymentActions.PENDING, data: { session_id, amount: notification.amount } }
    }
  }

  // ---- internals ----

  private async createOrder(
    sessionId: string,
    attempt: number,
    input: {
      amount: InitiatePaymentInput["amount"]
      currency_code: string
      data?: Record<string, unknown>
      context?: InitiatePaymentInput["context"]
    }
  ): Promise<{ order: Order; data: InvoiceboxSessionData }> {
    const basket = readServerBasket(input.data, this.options.token)
    if (!basket && input.data?.[SERVER_BASKET_KEY] !== undefined) {
      this.logger?.warn(
        `InvoiceBox: session ${sessionId} carries a basket without a valid server signature; it is ignored`
      )
    }
    try {
      const prepared = buildOrderRequest(
        {
          sessionId,
          merchantOrderId: merchantOrderIdFor(sessionId, attempt),
          amount: input.amount,
          currencyCode: input.currency_code,
          basket,
          customer: customerFrom(input.context, basket?.customer),
        },
        this.options
      )
      const { order } = await this.client().ensureOrder(prepared.request)
      return { order, data: this.sessionData(sessionId, order, basket?.reference?.cart_id) }
    } catch (error) {
      throw toMedusaError(error, "creating the payment")
    }
  }

  private sessionData(sessionId: string, order: Order, cartId: string | undefined): InvoiceboxSessionData {
    return {
      ...sessionDataOf(sessionId, order, cartId),
      // the signed server basket is consumed here and not kept on the session
      ...({ [SERVER_BASKET_KEY]: null, [SERVER_BASKET_SIGNATURE_KEY]: null } as Record<string, null>),
    }
  }

  /** The session's InvoiceBox order, by id or else by merchantOrderId. */
  private async readOrder(data: Partial<InvoiceboxSessionData>): Promise<Order> {
    const known = recentFinalOrder(data.invoicebox_order_id)
    if (known) return known
    try {
      const order = await findSessionOrder(this.client(), data)
      if (!order) {
        throw new MedusaError(
          MedusaError.Types.NOT_FOUND,
          `InvoiceBox: no order for payment session ${data.session_id ?? "(unknown)"}`
        )
      }
      return order
    } catch (error) {
      throw toMedusaError(error, "reading the order")
    }
  }

  /**
   * Refunds `amount` of a paid order, idempotently by merchantOrderId. With no amount, all that is still
   * refundable — none (null) when everything was refunded already.
   */
  private async refundOrder(
    order: Order,
    merchantOrderId: string,
    amount: undefined,
    description: string
  ): Promise<RefundOrder | null>
  private async refundOrder(
    order: Order,
    merchantOrderId: string,
    amount: RefundPaymentInput["amount"],
    description: string,
    goods?: PendingRefundGoods["goods"]
  ): Promise<RefundOrder>
  private async refundOrder(
    order: Order,
    merchantOrderId: string,
    amount: RefundPaymentInput["amount"] | undefined,
    description: string,
    goods?: PendingRefundGoods["goods"]
  ): Promise<RefundOrder | null> {
    try {
      const refund = await this.client().refundWithinBasket({
        parentId: order.id,
        merchantOrderId,
        description: `${description} ${order.merchantOrderId}`,
        amount,
        goods,
      })
      if (!refund) return null
      this.logger?.info(`InvoiceBox refund ${refund.id} of ${refund.amount} ${refund.currencyId} for order ${order.id}`)
      return refund
    } catch (error) {
      throw toMedusaError(error, "refunding")
    }
  }

  /** Cancel an unpaid order; a paid one is refunded in full (never silently dropped). */
  private async release(
    data: Record<string, unknown> | undefined,
    reason: "cancel" | "delete"
  ): Promise<Record<string, unknown>> {
    const session = readSessionData(data)
    if (!session.invoicebox_order_id && !session.session_id) return data ?? {}
    let order: Order
    try {
      order = await this.readOrder(session)
    } catch (error) {
      if (error instanceof MedusaError && error.type === MedusaError.Types.NOT_FOUND) return data ?? {}
      throw error
    }
    if (order.status === "created") {
      const canceled = await this.client()
        .cancelOrder(order.id)
        .catch((error: unknown) => {
          throw toMedusaError(error, "canceling the order")
        })
      return withOrderState(data, canceled)
    }
    if (order.status === "completed") {
      const refund = await this.refundOrder(
        order,
        reversalMerchantOrderId(order, reason),
        undefined,
        "Отмена оплаты заказа"
      )
      return refund ? withRefundRecorded(withOrderState(data, order), refund) : withOrderState(data, order)
    }
    return withOrderState(data, order)
  }
}

function stringOf(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined
}
