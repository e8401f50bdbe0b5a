/**
 * The sandbox's state and the API's business rules: orders (created → completed | expired |
 * canceled), refund orders within the refundable lines (draft | created → completed | canceled),
 * correction orders on draft refunds, shipments on paid orders, guarantee funds.
 */
import { randomUUID } from "node:crypto"

import type {
  BasketItem,
  CreateOrderRequest,
  CreateRefundOrderRequest,
  CreateShipmentRequest,
  Order,
  OrderStatus,
  RefundableBasketItem,
  RefundOrder,
  Seller,
  Shipment,
  UpdateOrderRequest,
} from "../invoicebox/types"
import { counterpartyByInn } from "./counterparty-registry"
import { ACCEPTED_CURRENCIES, ACCEPTED_LANGUAGES } from "./currencies"
import { SandboxApiError } from "./envelope"
import type { RefundCompletion } from "./options"
import { SANDBOX_VAT_RATES, checkOrderArithmetic, toScaledInteger } from "./order-validation"

/** How much of one paid order line is still refundable, in kopecks and thousandths. */
interface LineBalance {
  quantity: bigint
  total: bigint
  vat: bigint
}

interface StoredOrder {
  order: Order
  /** the shop that created the order: only its token sees and changes it (a move changes order.merchantId only) */
  owner: string
  balances: LineBalance[]
  /** the ИНН whose guarantee fund paid the order (merchant/guarantee/*); absent for other payments */
  guaranteePayer?: string
}

/** What one refund took from one paid line, to give it back when the refund is canceled. */
interface LineTake {
  index: number
  quantity: bigint
  total: bigint
  vat: bigint
}

export interface StoreSettings {
  /** the options' shop: the owner of orders in state files written before there were several shops */
  merchantId: string
  paymentUrlFor: (containerId: string) => string
  refundCompletion: RefundCompletion
  /** each guarantee payer's fund, kopecks */
  guaranteeFund: bigint
  /** an order was canceled or expired (not paid): for status-change notifications */
  onStatusChange?: (order: Order) => void
}

/** A create request as received: the language is checked here (`language_not_found`). */
export type IncomingOrder = Omit<CreateOrderRequest, "languageId" | "invoiceSetting" | "orderSetting"> & {
  languageId?: string
  invoiceSetting?: Record<string, unknown>
  orderSetting?: Record<string, unknown>
}

/** An agent's order as received (merchant/order/agent-create.md). */
export type IncomingAgentOrder = Omit<IncomingOrder, "merchantId"> & { merchantId?: string; seller: Seller }

export interface OrderView extends Order {
  refunds: RefundOrder[]
  shipments: Shipment[]
  /** the payer's ИНН when a guarantee fund paid the order */
  guaranteePayer?: string
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

/** A paid order's lines, all still refundable. */
function balancesOf(order: Order): LineBalance[] {
  return order.basketItems.map((item) => ({
    quantity: milli(item.quantity),
    total: kopecks(item.totalAmount),
    vat: kopecks(item.totalVatAmount),
  }))
}

function sameGoods(a: BasketItem, b: BasketItem): boolean {
  return a.sku === b.sku && a.name === b.name && a.vatCode === b.vatCode
}

type Bigints<T> = { [K in keyof T]: T[K] extends bigint ? string : T[K] }

/** Everything the store holds, as JSON-safe data (bigints as decimal strings). */
export interface SandboxState {
  version: 1
  orders: Array<{
    order: Order
    /** the shop that created the order (absent in files written before there were several shops) */
    owner?: string
    balances: Array<{ quantity: string; total: string; vat: string }>
    guaranteePayer?: string
  }>
  refunds: RefundOrder[]
  shipments: Shipment[]
  nextShipmentId: number
  /** refund id → what it took from each line (absent in files written before refunds could be canceled) */
  refundTakes?: Record<string, Array<Bigints<LineTake>>>
  /** payer ИНН → kopecks of its guarantee fund in use */
  guaranteeSpent?: Record<string, string>
}

export class SandboxStore {
  private readonly orders = new Map<string, StoredOrder>()
  private readonly refunds: RefundOrder[] = []
  private readonly refundTakes = new Map<string, LineTake[]>()
  private readonly shipments: Shipment[] = []
  private readonly guaranteeSpent = new Map<string, bigint>()
  private nextShipmentId = 1

  constructor(private readonly settings: StoreSettings) {}

  reset(): void {
    this.orders.clear()
    this.refunds.length = 0
    this.refundTakes.clear()
    this.shipments.length = 0
    this.guaranteeSpent.clear()
    this.nextShipmentId = 1
  }

  /** The whole state, e.g. to keep it in a file between runs. */
  snapshot(): SandboxState {
    return {
      version: 1,
      orders: [...this.orders.values()].map(({ order, owner, balances, guaranteePayer }) => ({
        order,
        owner,
        balances: balances.map((b) => ({ quantity: String(b.quantity), total: String(b.total), vat: String(b.vat) })),
        ...(guaranteePayer !== undefined ? { guaranteePayer } : {}),
      })),
      refunds: [...this.refunds],
      shipments: [...this.shipments],
      nextShipmentId: this.nextShipmentId,
      refundTakes: Object.fromEntries(
        [...this.refundTakes].map(([id, takes]) => [
          id,
          takes.map((t) => ({
            index: t.index,
            quantity: String(t.quantity),
            total: String(t.total),
            vat: String(t.vat),
          })),
        ])
      ),
      guaranteeSpent: Object.fromEntries([...this.guaranteeSpent].map(([inn, spent]) => [inn, String(spent)])),
    }
  }

  /** Replaces the state with a snapshot's. */
  restore(state: SandboxState): void {
    if (state.version !== 1) throw new Error(`unknown sandbox state version ${String(state.version)}`)
    this.reset()
    for (const { order, owner, balances, guaranteePayer } of state.orders) {
      this.orders.set(order.id, {
        order,
        owner: owner ?? this.settings.merchantId,
        balances: balances.map((b) => ({ quantity: BigInt(b.quantity), total: BigInt(b.total), vat: BigInt(b.vat) })),
        ...(guaranteePayer !== undefined ? { guaranteePayer } : {}),
      })
    }
    this.refunds.push(...state.refunds)
    this.shipments.push(...state.shipments)
    this.nextShipmentId = state.nextShipmentId
    for (const [id, takes] of Object.entries(state.refundTakes ?? {})) {
      this.refundTakes.set(
        id,
        takes.map((t) => ({ index: t.index, quantity: BigInt(t.quantity), total: BigInt(t.total), vat: BigInt(t.vat) }))
      )
    }
    for (const [inn, spent] of Object.entries(state.guaranteeSpent ?? {})) this.guaranteeSpent.set(inn, BigInt(spent))
  }

  // ---- orders ----

  /** POST /v3/billing/api/order/order by the shop `merchantId` (its token's). */
  createOrder(request: IncomingOrder, merchantId: string): Order {
    this.assertMerchant(request.merchantId, merchantId)
    const order = this.newOrder(request, merchantId)
    this.orders.set(order.id, { order, owner: merchantId, balances: [] })
    return order
  }

  /**
   * An agent's order (merchant/order/agent-create.md): the seller is found by ИНН (and КПП, which an
   * organisation must give and an individual entrepreneur must not); an unknown seller is refused.
   */
  createAgentOrder(request: IncomingAgentOrder, merchantId: string): Order {
    if (request.merchantId !== undefined) this.assertMerchant(request.merchantId, merchantId)
    const { seller } = request
    const company = counterpartyByInn(seller.vatNumber)
    const kppProblem =
      company === null
        ? "no seller with this ИНН is registered"
        : company.taxRegistrationReasonCode === undefined
          ? seller.taxRegistrationReasonCode !== undefined
            ? "an individual entrepreneur has no КПП"
            : null
          : seller.taxRegistrationReasonCode !== company.taxRegistrationReasonCode
            ? "no seller with this ИНН and КПП is registered"
            : null
    if (kppProblem !== null) {
      throw new SandboxApiError(422, "validation_error", "Seller not found", [
        { name: "seller.vatNumber", code: "wrong_value", message: kppProblem },
      ])
    }
    const order: Order = {
      ...this.newOrder({ ...request, merchantId }, merchantId),
      seller: { ...seller, countryId: seller.countryId ?? "RUS" },
    }
    this.orders.set(order.id, { order, owner: merchantId, balances: [] })
    return order
  }

  /**
   * A correction order on a draft refund (merchant/refund/correction.md): the fee or penalty kept
   * from the refund. It is settled from the refund's money at once (status completed), and the draft
   * refund goes ahead (created, or completed with refundCompletion "immediate").
   */
  createCorrectionOrder(request: IncomingOrder & { parentId: string }, merchantId: string): Order {
    this.assertMerchant(request.merchantId, merchantId)
    const refund = this.refunds.find(
      (candidate) => candidate.id === request.parentId && candidate.merchantId === merchantId
    )
    if (!refund) throw new SandboxApiError(404, "not_found", `Refund order ${request.parentId} not found`)
    if (refund.status !== "draft") {
      throw new SandboxApiError(
        422,
        "wrong_order_status",
        `A correction order needs a draft refund order (status: ${refund.status})`
      )
    }
    if (request.currencyId !== refund.currencyId) {
      throw new SandboxApiError(422, "wrong_currency", `The refund order is in ${refund.currencyId}`, [
        {
          name: "currencyId",
          code: "wrong_value",
          message: `must be the refund order's currency ${refund.currencyId}`,
        },
      ])
    }
    if (kopecks(request.amount) > kopecks(refund.amount)) {
      throw new SandboxApiError(422, "wrong_total_amount", "The correction exceeds the refund", [
        { name: "amount", code: "wrong_value", message: `more than the refund order's amount ${refund.amount}` },
      ])
    }
    const created = this.newOrder(request, merchantId)
    const order: Order = { ...created, subtype: "correction", status: "completed", paidAt: created.createdAt }
    this.orders.set(order.id, { order, owner: merchantId, balances: balancesOf(order) })
    this.replaceRefund({ ...refund, status: this.settings.refundCompletion === "immediate" ? "completed" : "created" })
    return order
  }

  private newOrder(request: IncomingOrder, owner: string): Order {
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
    if (this.findOrderByMerchantOrderId(request.merchantOrderId, owner)) {
      throw new SandboxApiError(422, "merchant_order_id_duplicate", "Merchant order id duplicate", [
        { name: "merchantOrderId", code: "duplicate", message: "already used" },
      ])
    }
    const id = randomUUID()
    const orderContainerId = request.orderContainerId ?? randomUUID()
    return {
      id,
      description: request.description,
      currencyId: request.currencyId,
      amount: request.amount,
      vatAmount: request.vatAmount,
      basketItems: request.basketItems,
      orderContainerId,
      merchantId: owner,
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
      ...(request.parentId !== undefined ? { parentId: request.parentId } : {}),
      ...(request.notificationUrl !== undefined ? { notificationUrl: request.notificationUrl } : {}),
      ...(request.successUrl !== undefined ? { successUrl: request.successUrl } : {}),
      ...(request.failUrl !== undefined ? { failUrl: request.failUrl } : {}),
      ...(request.returnUrl !== undefined ? { returnUrl: request.returnUrl } : {}),
      paymentUrl: this.settings.paymentUrlFor(orderContainerId),
      customer: request.customer,
      languageId: request.languageId === "en" ? "en" : "ru",
      processable: request.processable ?? true,
      ...(request.metaData !== undefined ? { metaData: request.metaData } : {}),
      ...(request.invoiceSetting !== undefined
        ? { invoiceSetting: request.invoiceSetting as Order["invoiceSetting"] }
        : {}),
      ...(request.orderSetting !== undefined ? { orderSetting: request.orderSetting as Order["orderSetting"] } : {}),
    }
  }

  /** Every order (of the shop `merchantId` when given), newest state (lazy expiry applied). */
  allOrders(merchantId?: string): Order[] {
    return [...this.orders.values()]
      .filter((stored) => merchantId === undefined || stored.owner === merchantId)
      .map((stored) => this.refresh(stored).order)
  }

  /**
   * An order; with `merchantId`, only that shop's: another shop's order is not found, as an unknown
   * one (so are the other id-taking methods' `merchantId`).
   */
  getOrder(id: string, merchantId?: string): Order {
    return this.refresh(this.stored(id, merchantId)).order
  }

  /** The shop that created the order, if the order exists. */
  ownerOf(orderId: string): string | undefined {
    return this.orders.get(orderId)?.owner
  }

  findOrderByContainer(containerId: string): Order | undefined {
    for (const stored of this.orders.values()) {
      if (stored.order.orderContainerId === containerId) return this.refresh(stored).order
    }
    return undefined
  }

  findOrderByMerchantOrderId(merchantOrderId: string, merchantId: string): Order | undefined {
    for (const stored of this.orders.values()) {
      if (stored.order.merchantOrderId === merchantOrderId && stored.owner === merchantId) return stored.order
    }
    return undefined
  }

  viewOrder(id: string): OrderView {
    const stored = this.refresh(this.stored(id))
    return {
      ...stored.order,
      refunds: this.refunds.filter((refund) => refund.parentId === id),
      shipments: this.shipments.filter((shipment) => shipment.orderId === id),
      ...(stored.guaranteePayer !== undefined ? { guaranteePayer: stored.guaranteePayer } : {}),
    }
  }

  updateOrder(id: string, request: UpdateOrderRequest, merchantId?: string): Order {
    const stored = this.refresh(this.stored(id, merchantId))
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

  /**
   * DELETE /v3/billing/api/order/order/:id (merchant/order/delete.md): an unpaid order is canceled.
   * A paid one is canceled only when a guarantee instrument paid it and nothing was shipped or
   * refunded: the guarantee payment is reversed in full (its fund gets the money back).
   */
  cancelOrder(id: string, merchantId?: string): Order {
    const stored = this.refresh(this.stored(id, merchantId))
    if (stored.order.status === "completed" && stored.guaranteePayer !== undefined) {
      if (this.shipments.some((shipment) => shipment.orderId === id)) {
        throw new SandboxApiError(
          422,
          "wrong_order_status",
          "The order has a shipment: its guarantee payment can no longer be reversed; refund it (status: completed)"
        )
      }
      if (this.refunds.some((refund) => refund.parentId === id && refund.status !== "canceled")) {
        throw new SandboxApiError(
          422,
          "wrong_order_status",
          "The order has refund orders: its guarantee payment can no longer be reversed (status: completed)"
        )
      }
      const payer = stored.guaranteePayer
      this.guaranteeSpent.set(payer, (this.guaranteeSpent.get(payer) ?? 0n) - kopecks(stored.order.amount))
      stored.balances = []
    } else {
      this.assertStatus(stored.order, "created", "Only an unpaid order can be canceled; refund a paid one")
    }
    stored.order = { ...stored.order, status: "canceled" }
    this.changed(stored.order)
    return stored.order
  }

  /** PUT /v3/billing/api/order/:id/status — non-processable orders only. */
  setStatus(id: string, status: OrderStatus, merchantId?: string): Order {
    const stored = this.refresh(this.stored(id, merchantId))
    if (stored.order.processable !== false) {
      throw new SandboxApiError(422, "wrong_order_status", "The status can only be changed for non-processable orders")
    }
    if (status === "completed") return this.markPaid(id)
    stored.order = { ...stored.order, status }
    if (status !== "created") this.changed(stored.order)
    return stored.order
  }

  /**
   * The buyer paid: created → completed. Any other status is refused and nothing changes. With
   * `guaranteePayer`, that ИНН's guarantee fund paid (it must hold the amount).
   */
  markPaid(id: string, payment: { guaranteePayer?: string } = {}): Order {
    const stored = this.refresh(this.stored(id))
    this.assertStatus(stored.order, "created", `The order is ${stored.order.status}, it cannot be paid`)
    if (payment.guaranteePayer !== undefined) {
      const payer = payment.guaranteePayer
      if (this.guaranteeFundLeft(payer) < kopecks(stored.order.amount)) {
        throw new SandboxApiError(422, "validation_error", `The guarantee fund of ${payer} does not hold the amount`)
      }
      this.guaranteeSpent.set(payer, (this.guaranteeSpent.get(payer) ?? 0n) + kopecks(stored.order.amount))
      stored.guaranteePayer = payer
    }
    stored.order = { ...stored.order, status: "completed", paidAt: atom(new Date()) }
    stored.balances = balancesOf(stored.order)
    return stored.order
  }

  expire(id: string): Order {
    const stored = this.refresh(this.stored(id))
    this.assertStatus(stored.order, "created", "Only an unpaid order can expire")
    stored.order = { ...stored.order, status: "expired", expirationDate: atom(new Date()) }
    this.changed(stored.order)
    return stored.order
  }

  /**
   * PUT /v3/billing/api/order/order-merchant-move: the order goes to another shop, paid or not
   * (merchant/order/merchant-move.md); a canceled or expired order stays where it is.
   */
  moveOrder(id: string, targetMerchantId: string, merchantId?: string): Order {
    const stored = this.refresh(this.stored(id, merchantId))
    if (stored.order.status !== "created" && stored.order.status !== "completed") {
      throw new SandboxApiError(
        422,
        "wrong_order_status",
        `Only an unpaid or paid order can change its shop (status: ${stored.order.status})`
      )
    }
    stored.order = { ...stored.order, merchantId: targetMerchantId }
    return stored.order
  }

  // ---- guarantee funds ----

  /** Kopecks left in the guarantee fund of the payer with this ИНН. */
  guaranteeFundLeft(payer: string): bigint {
    return this.settings.guaranteeFund - (this.guaranteeSpent.get(payer) ?? 0n)
  }

  // ---- refunds ----

  /**
   * What is still refundable, line by line: a line refunded in part is reduced to its remainder,
   * and every line says so in `availableAmount` / `availableVatAmount` too.
   */
  refundableItems(orderId: string, merchantId?: string): RefundableBasketItem[] {
    const stored = this.refresh(this.stored(orderId, merchantId))
    if (stored.order.status !== "completed") return []
    const items: RefundableBasketItem[] = []
    stored.order.basketItems.forEach((item, index) => {
      const balance = stored.balances[index]
      if (!balance || balance.total <= 0n || balance.quantity <= 0n) return
      const available = { availableAmount: major(balance.total), availableVatAmount: major(balance.vat) }
      const untouched = balance.total === kopecks(item.totalAmount) && balance.quantity === milli(item.quantity)
      if (untouched) {
        items.push({ ...item, ...available })
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
        ...available,
      })
    })
    return items
  }

  /**
   * A refund order within the refundable lines. Its money is held from the lines at once (also for a
   * draft); its status is `draft` when asked, else `completed` or `created` per refundCompletion.
   */
  createRefund(request: CreateRefundOrderRequest, merchantId?: string): RefundOrder {
    const stored = this.refresh(this.stored(request.parentId, merchantId))
    this.assertStatus(stored.order, "completed", "Only a paid order can be refunded")
    const duplicate = this.refunds.some(
      (refund) => refund.merchantOrderId === request.merchantOrderId && refund.merchantId === stored.owner
    )
    if (duplicate) {
      throw new SandboxApiError(422, "merchant_order_id_duplicate", "Merchant order id duplicate", [
        { name: "merchantOrderId", code: "duplicate", message: "already used by another refund" },
      ])
    }
    this.assertArithmetic(request)
    const balances = stored.balances.map((balance) => ({ ...balance }))
    const takes: LineTake[] = []
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
      const before = { ...balance }
      const paid = stored.order.basketItems[matchIndex]!
      balance.total -= total
      // rounding of partial refunds may leave a kopeck of VAT either way; it never goes below 0
      balance.vat = balance.total === 0n ? 0n : balance.vat > vat ? balance.vat - vat : 0n
      if (unit === kopecks(paid.amount)) balance.quantity -= quantity
      if (balance.total === 0n) balance.quantity = 0n
      else if (balance.quantity <= 0n) balance.quantity = 1000n
      takes.push({
        index: matchIndex,
        quantity: before.quantity - balance.quantity,
        total: before.total - balance.total,
        vat: before.vat - balance.vat,
      })
    })
    stored.balances = balances
    const refund: RefundOrder = {
      id: randomUUID(),
      parentId: request.parentId,
      description: request.description,
      merchantOrderId: request.merchantOrderId,
      merchantId: stored.owner,
      amount: request.amount,
      vatAmount: request.vatAmount,
      currencyId: stored.order.currencyId,
      basketItems: request.basketItems,
      createdAt: atom(new Date()),
      status:
        request.status === "draft" ? "draft" : this.settings.refundCompletion === "immediate" ? "completed" : "created",
    }
    this.refunds.push(refund)
    this.refundTakes.set(refund.id, takes)
    return refund
  }

  /** Every refund order (of the shop `merchantId` when given: a refund is its parent order's shop's). */
  allRefunds(merchantId?: string): RefundOrder[] {
    return this.refunds.filter((refund) => merchantId === undefined || refund.merchantId === merchantId)
  }

  getRefund(id: string, merchantId?: string): RefundOrder {
    const refund = this.refunds.find(
      (candidate) => candidate.id === id && (merchantId === undefined || candidate.merchantId === merchantId)
    )
    if (!refund) throw new SandboxApiError(404, "not_found", `Refund order ${id} not found`)
    return refund
  }

  /** InvoiceBox paid the buyer back: created → completed. */
  completeRefund(id: string): RefundOrder {
    const refund = this.getRefund(id)
    if (refund.status !== "created") {
      throw new SandboxApiError(
        422,
        "wrong_order_status",
        `Only a created refund order can complete (status: ${refund.status}; a draft goes ahead with its correction order)`
      )
    }
    return this.replaceRefund({ ...refund, status: "completed" })
  }

  /** The refund did not happen: draft | created → canceled, and its lines are refundable again. */
  cancelRefund(id: string): RefundOrder {
    const refund = this.getRefund(id)
    if (refund.status !== "draft" && refund.status !== "created") {
      throw new SandboxApiError(
        422,
        "wrong_order_status",
        `Only a draft or created refund order can be canceled (status: ${refund.status})`
      )
    }
    const stored = this.orders.get(refund.parentId)
    for (const take of this.refundTakes.get(id) ?? []) {
      const balance = stored?.balances[take.index]
      if (!balance) continue
      balance.quantity += take.quantity
      balance.total += take.total
      balance.vat += take.vat
    }
    this.refundTakes.delete(id)
    return this.replaceRefund({ ...refund, status: "canceled" })
  }

  private replaceRefund(next: RefundOrder): RefundOrder {
    const index = this.refunds.findIndex((refund) => refund.id === next.id)
    this.refunds[index] = next
    return next
  }

  // ---- shipments ----

  /**
   * A shipment of a paid order's goods: status `completed`, its amounts summed from its lines. All
   * of an order's shipments together stay within the order's amount, and after the `final` one
   * there are no more.
   */
  createShipment(request: CreateShipmentRequest, merchantId?: string): Shipment {
    const stored = this.refresh(this.stored(request.orderId, merchantId))
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
    const earlier = this.shipments.filter((shipment) => shipment.orderId === request.orderId)
    if (earlier.some((shipment) => shipment.final === true)) {
      throw new SandboxApiError(
        422,
        "wrong_order_status",
        "The order's final shipment is registered; no more shipments (status: completed)"
      )
    }
    const amount = request.basketItems.reduce((sum, line) => sum + kopecks(line.totalAmount), 0n)
    const vatAmount = request.basketItems.reduce((sum, line) => sum + kopecks(line.totalVatAmount), 0n)
    const shippedBefore = earlier.reduce((sum, shipment) => sum + kopecks(shipment.amount ?? 0), 0n)
    const orderAmount = kopecks(stored.order.amount)
    if (shippedBefore + amount > orderAmount) {
      throw new SandboxApiError(422, "validation_error", "The shipments exceed the order", [
        {
          name: "basketItems",
          code: "wrong_value",
          message: `${major(amount)} more than the ${major(orderAmount - shippedBefore)} left to ship of ${major(orderAmount)}`,
        },
      ])
    }
    const final = request.final ?? false
    const shipment: Shipment = {
      id: this.nextShipmentId++,
      merchantId: stored.owner,
      orderId: request.orderId,
      ...(request.documentNumber !== undefined ? { documentNumber: request.documentNumber } : {}),
      ...(request.documentDate !== undefined ? { documentDate: request.documentDate } : {}),
      basketItems: request.basketItems,
      status: "completed",
      createdAt: atom(new Date()),
      final,
      type: final || shippedBefore + amount === orderAmount ? "full" : "partial",
      amount: major(amount),
      vatAmount: major(vatAmount),
    }
    this.shipments.push(shipment)
    return shipment
  }

  /** Every shipment (of the shop `merchantId` when given). */
  allShipments(merchantId?: string): Shipment[] {
    return this.shipments.filter((shipment) => merchantId === undefined || shipment.merchantId === merchantId)
  }

  // ---- rules ----

  /** The request's merchantId must be the token's shop: else 403 forbidden. */
  assertMerchant(requested: string, merchantId: string): void {
    if (requested !== merchantId) {
      throw new SandboxApiError(403, "forbidden", "Forbidden", [
        { name: "merchantId", code: "wrong_value", message: "not the merchant of this token" },
      ])
    }
  }

  private stored(id: string, merchantId?: string): StoredOrder {
    const stored = this.orders.get(id)
    if (!stored || (merchantId !== undefined && stored.owner !== merchantId))
      throw new SandboxApiError(404, "not_found", `Order ${id} not found`)
    return stored
  }

  /** Lazy expiry: an unpaid order past its expirationDate is expired. */
  private refresh(stored: StoredOrder): StoredOrder {
    if (stored.order.status === "created" && Date.parse(stored.order.expirationDate) <= Date.now()) {
      stored.order = { ...stored.order, status: "expired" }
      this.changed(stored.order)
    }
    return stored
  }

  private changed(order: Order): void {
    this.settings.onStatusChange?.(order)
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
