/**
 * The sandbox's state and the API's business rules: orders (created → completed | expired |
 * canceled), refund orders within the refundable lines, shipments on paid orders.
 */
import { randomUUID } from "node:crypto"

import type {
  BasketItem,
  CreateOrderRequest,
  CreateRefundOrderRequest,
  CreateShipmentRequest,
  Order,
  OrderStatus,
  RefundOrder,
  Shipment,
  UpdateOrderRequest,
} from "../invoicebox/types"
import { ACCEPTED_CURRENCIES, ACCEPTED_LANGUAGES } from "./currencies"
import { SandboxApiError } from "./envelope"
import { SANDBOX_VAT_RATES, checkOrderArithmetic, toScaledInteger } from "./order-validation"

/** How much of one paid order line is still refundable, in kopecks and thousandths. */
interface LineBalance {
  quantity: bigint
  total: bigint
  vat: bigint
}

interface StoredOrder {
  order: Order
  balances: LineBalance[]
}

/** A create request as received: the language is checked here (`language_not_found`). */
export type IncomingOrder = Omit<CreateOrderRequest, "languageId" | "invoiceSetting" | "orderSetting"> & {
  languageId?: string
  invoiceSetting?: Record<string, unknown>
  orderSetting?: Record<string, unknown>
}

export interface OrderView extends Order {
  refunds: RefundOrder[]
  shipments: Shipment[]
}

/** ATOM datetime in UTC, as the API prints it: 2022-02-16T17:23:48+00:00 */
export function atom(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "+00:00")
}

function kopecks(value: number): bigint {
  return toScaledInteger(value, 2) ?? 0n
}

function milli(value: number): bigint {
  return toScaledInteger(value, 3) ?? 0n
}

function major(k: bigint): number {
  return Number(k) / 100
}

function halfUpDiv(n: bigint, d: bigint): bigint {
  return (2n * n + d) / (2n * d)
}

function sameGoods(a: BasketItem, b: BasketItem): boolean {
  return a.sku === b.sku && a.name === b.name && a.vatCode === b.vatCode
}

/** Everything the store holds, as JSON-safe data (bigints as decimal strings). */
export interface SandboxState {
  version: 1
  orders: Array<{ order: Order; balances: Array<{ quantity: string; total: string; vat: string }> }>
  refunds: RefundOrder[]
  shipments: Shipment[]
  nextShipmentId: number
}

export class SandboxStore {
  private readonly orders = new Map<string, StoredOrder>()
  private readonly refunds: RefundOrder[] = []
  private readonly shipments: Shipment[] = []
  private nextShipmentId = 1

  constructor(
    private readonly merchantId: string,
    private readonly paymentUrlFor: (containerId: string) => string
  ) {}

  reset(): void {
    this.orders.clear()
    this.refunds.length = 0
    this.shipments.length = 0
    this.nextShipmentId = 1
  }

  /** The whole state, e.g. to keep it in a file between runs. */
  snapshot(): SandboxState {
    return {
      version: 1,
      orders: [...this.orders.values()].map(({ order, balances }) => ({
        order,
        balances: balances.map((b) => ({ quantity: String(b.quantity), total: String(b.total), vat: String(b.vat) })),
      })),
      refunds: [...this.refunds],
      shipments: [...this.shipments],
      nextShipmentId: this.nextShipmentId,
    }
  }

  /** Replaces the state with a snapshot's. */
  restore(state: SandboxState): void {
    if (state.version !== 1) throw new Error(`unknown sandbox state version ${String(state.version)}`)
    this.reset()
    for (const { order, balances } of state.orders) {
      this.orders.set(order.id, {
        order,
        balances: balances.map((b) => ({ quantity: BigInt(b.quantity), total: BigInt(b.total), vat: BigInt(b.vat) })),
      })
    }
    this.refunds.push(...state.refunds)
    this.shipments.push(...state.shipments)
    this.nextShipmentId = state.nextShipmentId
  }

  // ---- orders ----

  createOrder(request: IncomingOrder): Order {
    this.assertMerchant(request.merchantId)
    if (!ACCEPTED_CURRENCIES.has(request.currencyId)) {
      throw new SandboxApiError(422, "wrong_currency", `Unknown currency ${request.currencyId}`, [
        { name: "currencyId", code: "wrong_value", message: "not an accepted ISO 4217 code" },
      ])
    }
    if (request.languageId !== undefined && !ACCEPTED_LANGUAGES.has(request.languageId)) {
      throw new SandboxApiError(422, "language_not_found", `Unknown language ${request.languageId}`, [
        { name: "languageId", code: "wrong_value", message: "ru or en" },
      ])
    }
    const expiration = this.parseExpiration(request.expirationDate)
    this.assertArithmetic(request)
    if (this.findOrderByMerchantOrderId(request.merchantOrderId)) {
      throw new SandboxApiError(422, "merchant_order_id_duplicate", "Merchant order id duplicate", [
        { name: "merchantOrderId", code: "duplicate", message: "already used" },
      ])
    }
    const id = randomUUID()
    const orderContainerId = request.orderContainerId ?? randomUUID()
    const order: Order = {
      id,
      description: request.description,
      currencyId: request.currencyId,
      amount: request.amount,
      vatAmount: request.vatAmount,
      basketItems: request.basketItems,
      orderContainerId,
      merchantId: this.merchantId,
      status: "created",
      subtype: "order",
      processingStatus: "",
      createdAt: atom(new Date()),
      merchantOrderId: request.merchantOrderId,
      ...(request.merchantOrderIdVisible !== undefined
        ? { merchantOrderIdVisible: request.merchantOrderIdVisible }
        : {}),
      expirationDate: atom(expiration),
      fileIds: [],
      ...(request.notificationUrl !== undefined ? { notificationUrl: request.notificationUrl } : {}),
      ...(request.successUrl !== undefined ? { successUrl: request.successUrl } : {}),
      ...(request.failUrl !== undefined ? { failUrl: request.failUrl } : {}),
      ...(request.returnUrl !== undefined ? { returnUrl: request.returnUrl } : {}),
      paymentUrl: this.paymentUrlFor(orderContainerId),
      customer: request.customer,
      languageId: request.languageId === "en" ? "en" : "ru",
      processable: request.processable ?? true,
      ...(request.metaData !== undefined ? { metaData: request.metaData } : {}),
      ...(request.invoiceSetting !== undefined
        ? { invoiceSetting: request.invoiceSetting as Order["invoiceSetting"] }
        : {}),
      ...(request.orderSetting !== undefined ? { orderSetting: request.orderSetting as Order["orderSetting"] } : {}),
    }
    this.orders.set(id, { order, balances: [] })
    return order
  }

  /** Every order, newest state (lazy expiry applied). */
  allOrders(): Order[] {
    return [...this.orders.values()].map((stored) => this.refresh(stored).order)
  }

  getOrder(id: string): Order {
    return this.refresh(this.stored(id)).order
  }

  findOrderByContainer(containerId: string): Order | undefined {
    for (const stored of this.orders.values()) {
      if (stored.order.orderContainerId === containerId) return this.refresh(stored).order
    }
    return undefined
  }

  findOrderByMerchantOrderId(merchantOrderId: string): Order | undefined {
    for (const stored of this.orders.values()) {
      if (stored.order.merchantOrderId === merchantOrderId) return stored.order
    }
    return undefined
  }

  viewOrder(id: string): OrderView {
    const order = this.getOrder(id)
    return {
      ...order,
      refunds: this.refunds.filter((refund) => refund.parentId === id),
      shipments: this.shipments.filter((shipment) => shipment.orderId === id),
    }
  }

  updateOrder(id: string, request: UpdateOrderRequest): Order {
    const stored = this.refresh(this.stored(id))
    this.assertStatus(stored.order, "created", "Only an unpaid order can be changed")
    const next: Order = { ...stored.order }
    if (request.description !== undefined) next.description = request.description
    if (request.amount !== undefined) next.amount = request.amount
    if (request.vatAmount !== undefined) next.vatAmount = request.vatAmount
    if (request.basketItems !== undefined) next.basketItems = request.basketItems
    if (request.metaData !== undefined) next.metaData = request.metaData
    if (request.customer !== undefined) next.customer = request.customer
    if (request.shopId !== undefined) next.shopId = request.shopId
    if (request.expirationDate !== undefined) next.expirationDate = atom(this.parseExpiration(request.expirationDate))
    this.assertArithmetic(next)
    stored.order = next
    return next
  }

  cancelOrder(id: string): Order {
    const stored = this.refresh(this.stored(id))
    this.assertStatus(stored.order, "created", "Only an unpaid order can be canceled; refund a paid one")
    stored.order = { ...stored.order, status: "canceled" }
    return stored.order
  }

  /** PUT /v3/billing/api/order/:id/status — non-processable orders only. */
  setStatus(id: string, status: OrderStatus): Order {
    const stored = this.refresh(this.stored(id))
    if (stored.order.processable !== false) {
      throw new SandboxApiError(422, "wrong_order_status", "The status can only be changed for non-processable orders")
    }
    if (status === "completed") return this.markPaid(id)
    stored.order = { ...stored.order, status }
    return stored.order
  }

  /** The buyer paid: created → completed. Any other status is refused and nothing changes. */
  markPaid(id: string): Order {
    const stored = this.refresh(this.stored(id))
    this.assertStatus(stored.order, "created", `The order is ${stored.order.status}, it cannot be paid`)
    stored.order = { ...stored.order, status: "completed", paidAt: atom(new Date()) }
    stored.balances = stored.order.basketItems.map((item) => ({
      quantity: milli(item.quantity),
      total: kopecks(item.totalAmount),
      vat: kopecks(item.totalVatAmount),
    }))
    return stored.order
  }

  expire(id: string): Order {
    const stored = this.refresh(this.stored(id))
    this.assertStatus(stored.order, "created", "Only an unpaid order can expire")
    stored.order = { ...stored.order, status: "expired", expirationDate: atom(new Date()) }
    return stored.order
  }

  // ---- refunds ----

  refundableItems(orderId: string): BasketItem[] {
    const stored = this.refresh(this.stored(orderId))
    if (stored.order.status !== "completed") return []
    const items: BasketItem[] = []
    stored.order.basketItems.forEach((item, index) => {
      const balance = stored.balances[index]
      if (!balance || balance.total <= 0n || balance.quantity <= 0n) return
      const untouched = balance.total === kopecks(item.totalAmount) && balance.quantity === milli(item.quantity)
      if (untouched) {
        items.push({ ...item })
        return
      }
      const rate = BigInt(SANDBOX_VAT_RATES[item.vatCode] ?? 0)
      const unit = halfUpDiv(balance.total * 1000n, balance.quantity)
      const unitVat = rate === 0n ? 0n : halfUpDiv(unit * rate, 100n + rate)
      items.push({
        ...item,
        quantity: Number(balance.quantity) / 1000,
        amount: major(unit),
        amountWoVat: major(unit - unitVat),
        totalAmount: major(balance.total),
        totalVatAmount: major(balance.vat),
      })
    })
    return items
  }

  createRefund(request: CreateRefundOrderRequest): RefundOrder {
    const stored = this.refresh(this.stored(request.parentId))
    this.assertStatus(stored.order, "completed", "Only a paid order can be refunded")
    if (this.refunds.some((refund) => refund.merchantOrderId === request.merchantOrderId)) {
      throw new SandboxApiError(422, "merchant_order_id_duplicate", "Merchant order id duplicate", [
        { name: "merchantOrderId", code: "duplicate", message: "already used by another refund" },
      ])
    }
    this.assertArithmetic(request)
    const balances = stored.balances.map((balance) => ({ ...balance }))
    request.basketItems.forEach((line, lineIndex) => {
      const quantity = milli(line.quantity)
      const total = kopecks(line.totalAmount)
      const vat = kopecks(line.totalVatAmount)
      const unit = kopecks(line.amount)
      const matchIndex = stored.order.basketItems.findIndex((paid, index) => {
        const balance = balances[index]!
        if (!sameGoods(paid, line) || balance.total < total) return false
        const wholeUnits = unit === kopecks(paid.amount)
        return wholeUnits ? balance.quantity >= quantity : milli(paid.quantity) >= quantity
      })
      if (matchIndex < 0) {
        throw new SandboxApiError(422, "validation_error", "The refund exceeds the refundable basket", [
          {
            name: `basketItems.${lineIndex}`,
            code: "wrong_value",
            message: `"${line.name}" (${line.sku}): no paid line has ${line.quantity} × ${line.amount} left to refund`,
          },
        ])
      }
      const balance = balances[matchIndex]!
      const paid = stored.order.basketItems[matchIndex]!
      balance.total -= total
      // rounding of partial refunds may leave a kopeck of VAT either way; it never goes below 0
      balance.vat = balance.total === 0n ? 0n : balance.vat > vat ? balance.vat - vat : 0n
      if (unit === kopecks(paid.amount)) balance.quantity -= quantity
      if (balance.total === 0n) balance.quantity = 0n
      else if (balance.quantity <= 0n) balance.quantity = 1000n
    })
    stored.balances = balances
    const refund: RefundOrder = {
      id: randomUUID(),
      parentId: request.parentId,
      description: request.description,
      merchantOrderId: request.merchantOrderId,
      merchantId: this.merchantId,
      amount: request.amount,
      vatAmount: request.vatAmount,
      currencyId: stored.order.currencyId,
      basketItems: request.basketItems,
      createdAt: atom(new Date()),
      status: request.status === "draft" ? "draft" : "completed",
    }
    this.refunds.push(refund)
    return refund
  }

  allRefunds(): RefundOrder[] {
    return [...this.refunds]
  }

  // ---- shipments ----

  createShipment(request: CreateShipmentRequest): Shipment {
    const stored = this.refresh(this.stored(request.orderId))
    this.assertStatus(stored.order, "completed", "A shipment can only be registered for a paid order")
    request.basketItems.forEach((line, index) => {
      if (!stored.order.basketItems.some((paid) => sameGoods(paid, line))) {
        throw new SandboxApiError(422, "validation_error", "The shipment names goods that are not in the order", [
          {
            name: `basketItems.${index}`,
            code: "wrong_value",
            message: `"${line.name}" (${line.sku}) is not in the order`,
          },
        ])
      }
    })
    const shipment: Shipment = {
      id: this.nextShipmentId++,
      merchantId: this.merchantId,
      orderId: request.orderId,
      ...(request.documentNumber !== undefined ? { documentNumber: request.documentNumber } : {}),
      ...(request.documentDate !== undefined ? { documentDate: request.documentDate } : {}),
      basketItems: request.basketItems,
    }
    this.shipments.push(shipment)
    return shipment
  }

  allShipments(): Shipment[] {
    return [...this.shipments]
  }

  // ---- rules ----

  assertMerchant(merchantId: string): void {
    if (merchantId !== this.merchantId) {
      throw new SandboxApiError(403, "forbidden", "Forbidden", [
        { name: "merchantId", code: "wrong_value", message: "not the merchant of this token" },
      ])
    }
  }

  private stored(id: string): StoredOrder {
    const stored = this.orders.get(id)
    if (!stored) throw new SandboxApiError(404, "not_found", `Order ${id} not found`)
    return stored
  }

  /** Lazy expiry: an unpaid order past its expirationDate is expired. */
  private refresh(stored: StoredOrder): StoredOrder {
    if (stored.order.status === "created" && Date.parse(stored.order.expirationDate) <= Date.now()) {
      stored.order = { ...stored.order, status: "expired" }
    }
    return stored
  }

  private assertStatus(order: Order, expected: OrderStatus, message: string): void {
    if (order.status !== expected) {
      throw new SandboxApiError(422, "wrong_order_status", `${message} (status: ${order.status})`)
    }
  }

  private parseExpiration(value: string): Date {
    const time = Date.parse(value)
    if (Number.isNaN(time) || time <= Date.now()) {
      throw new SandboxApiError(422, "wrong_expiration_date", "Wrong expiration date", [
        { name: "expirationDate", code: "wrong_value", message: "must be a datetime in the future" },
      ])
    }
    return new Date(time)
  }

  private assertArithmetic(order: { amount: number; vatAmount: number; basketItems: BasketItem[] }): void {
    const problem = checkOrderArithmetic(order)
    if (problem) {
      throw new SandboxApiError(422, problem.code, "Calculation Error", [
        { name: problem.field ?? "amount", code: "wrong_value", message: problem.message },
      ])
    }
  }
}
