import axios, { AxiosError, type AxiosInstance, type AxiosResponse } from "axios"

import {
  InvoiceboxApiError,
  InvoiceboxError,
  InvoiceboxNetworkError,
  InvoiceboxResultUnknownError,
  type ApiErrorField,
  type RequestTarget,
} from "./errors"
import { encodeListQuery } from "./list-query"
import { kopecksToMajor, toKopecks, type MoneyInput } from "./money"
import type { WantedGoods } from "./basket-by-items"
import { allocateRefund } from "./refund-allocation"
import { refundBasketForGoods } from "./refund-by-goods"
import { DEFAULT_RATE_LIMIT, SlidingWindowRateLimiter, type RateLimit } from "./rate-limiter"
import { backoffDelayMs, parseRetryAfter, resolveRetryPolicy, sleep, type RetryPolicy } from "./retry"
import { vatOfGross } from "./vat"
import { isValidInn } from "./russian-tax-ids"
import type {
  AuthInfo,
  BasketItem,
  Counterparty,
  CreateAgentOrderRequest,
  CreateCorrectionOrderRequest,
  CreateOrderRequest,
  CreateRefundOrderRequest,
  CreateShipmentRequest,
  GuaranteeCodeResult,
  GuaranteePayRequest,
  GuaranteePayResult,
  GuaranteeRequest,
  GuaranteeValidation,
  ListQuery,
  MerchantActivationRequest,
  MerchantActivationResponse,
  MerchantMoveRequest,
  Order,
  OrderStatus,
  Page,
  PageMeta,
  PartnerInviteRequest,
  PartnerInviteResponse,
  RefundableBasketItem,
  RefundOrder,
  Shipment,
  UpdateOrderRequest,
} from "./types"
import { PACKAGE_VERSION } from "./version"

export const DEFAULT_API_URL = "https://api.invoicebox.ru"
export const DEFAULT_USER_AGENT = `medusa-payment-invoicebox/${PACKAGE_VERSION} (Invoicebox 3.0)`

/** One request's summary for the optional logger hook: no headers, bodies, token or key. */
export interface InvoiceboxRequestLog {
  method: string
  path: string
  attempt: number
  durationMs: number
  status?: number
  requestId?: string
  errorCode?: string
}

/** Hands out request slots: resolves when one request may be sent, rejects when none comes in time. */
export interface RequestLimiter {
  acquire(): Promise<void>
}

export interface InvoiceboxClientOptions {
  /** API token (`Authorization: Bearer`); never logged */
  token: string
  /** default https://api.invoicebox.ru */
  baseUrl?: string
  /** `v3` (default) or `l3` for InvoiceBox.Business shops */
  apiPrefix?: "v3" | "l3"
  userAgent?: string
  /** per attempt, default 15 000 ms */
  timeoutMs?: number
  retry?: RetryPolicy
  /** client-side limit, default 100 requests per 30 s; `false` turns it off */
  rateLimit?: RateLimit | false
  /**
   * a limiter shared with other processes (e.g. one kept in Redis), used instead of the in-memory
   * `rateLimit`: every instance of a store then keeps to the account's one limit together
   */
  limiter?: RequestLimiter
  logger?: (entry: InvoiceboxRequestLog) => void
}

type HttpMethod = "GET" | "POST" | "PUT" | "DELETE"

interface ApiResult<T> {
  data: T
  metaData?: PageMeta
  requestId?: string
}

/** Network error codes that mean the request never reached the server (safe to send again). */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"])

/**
 * InvoiceBox API v3 client (axios). Reads are retried on 429, 5xx and network errors; writes are
 * never repeated blindly — a write whose outcome is unknown throws InvoiceboxResultUnknownError,
 * and `ensureOrder` / `ensureRefundOrder` settle it by looking the entity up by merchantOrderId.
 */
export class InvoiceboxClient {
  private readonly http: AxiosInstance
  private readonly prefix: string
  private readonly retry: Required<RetryPolicy>
  private readonly limiter: RequestLimiter | undefined
  private readonly logger: ((entry: InvoiceboxRequestLog) => void) | undefined

  constructor(options: InvoiceboxClientOptions) {
    if (typeof options.token !== "string" || options.token.trim() === "") {
      throw new InvoiceboxError("invalid_options", "InvoiceBox client: `token` is required")
    }
    const prefix = options.apiPrefix ?? "v3"
    if (prefix !== "v3" && prefix !== "l3") {
      throw new InvoiceboxError(
        "invalid_options",
        `InvoiceBox client: apiPrefix must be "v3" or "l3", got "${String(prefix)}"`
      )
    }
    this.prefix = prefix
    this.retry = resolveRetryPolicy(options.retry)
    const rateLimit = options.rateLimit === undefined ? DEFAULT_RATE_LIMIT : options.rateLimit
    this.limiter = options.limiter ?? (rateLimit === false ? undefined : new SlidingWindowRateLimiter(rateLimit))
    this.logger = options.logger
    this.http = axios.create({
      baseURL: (options.baseUrl ?? DEFAULT_API_URL).replace(/\/+$/, ""),
      timeout: options.timeoutMs ?? 15_000,
      maxRedirects: 0,
      validateStatus: () => true,
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        "User-Agent": options.userAgent ?? DEFAULT_USER_AGENT,
        Authorization: `Bearer ${options.token}`,
      },
    })
  }

  // ---- merchant API ----

  async checkAuth(): Promise<AuthInfo> {
    return (await this.read<AuthInfo>("security/api/auth/auth")).data
  }

  async createOrder(request: CreateOrderRequest): Promise<Order> {
    return (await this.write<Order>("POST", "billing/api/order/order", request)).data
  }

  async getOrder(id: string): Promise<Order | null> {
    return firstMatch(await this.listOrders({ filter: { id } }), (order) => order.id === id)
  }

  /**
   * The order by id as InvoiceBox's own clients read it (GET /billing/api/order/order/:id); null
   * when the API answers 404.
   */
  async getOrderById(id: string): Promise<Order | null> {
    try {
      return (await this.read<Order>(`billing/api/order/order/${encodeURIComponent(id)}`)).data
    } catch (error) {
      if (error instanceof InvoiceboxApiError && error.httpStatus === 404) return null
      throw error
    }
  }

  async findOrderByMerchantOrderId(merchantOrderId: string): Promise<Order | null> {
    return firstMatch(
      await this.listOrders({ filter: { merchantOrderId } }),
      (order) => order.merchantOrderId === merchantOrderId
    )
  }

  async listOrders(query?: ListQuery): Promise<Page<Order>> {
    return this.list<Order>("filter/api/order/order", query)
  }

  async updateOrder(id: string, request: UpdateOrderRequest): Promise<Order> {
    return (await this.write<Order>("PUT", `billing/api/order/order/${encodeURIComponent(id)}`, request)).data
  }

  async cancelOrder(id: string): Promise<Order> {
    return (await this.write<Order>("DELETE", `billing/api/order/order/${encodeURIComponent(id)}`)).data
  }

  /**
   * Moves a paid or unpaid order to another shop (merchant/order/merchant-move.md); the order's
   * shop must be of the kind that allows it.
   */
  async moveOrderToMerchant(request: MerchantMoveRequest): Promise<Order> {
    return (await this.write<Order>("PUT", "billing/api/order/order-merchant-move", request)).data
  }

  /**
   * An order made by an agent (a bank or aggregator) for a seller named by ИНН/КПП instead of a
   * shop id (merchant/order/agent-create.md). The agent's token authorises it.
   */
  async createAgentOrder(request: CreateAgentOrderRequest): Promise<Order> {
    return (await this.write<Order>("POST", "adapter/api/subagent/order", request)).data
  }

  /** Only for non-processable orders (merchant/order/order-status-update.md). */
  async updateOrderStatus(id: string, status: OrderStatus): Promise<Order> {
    return (await this.write<Order>("PUT", `billing/api/order/${encodeURIComponent(id)}/status`, { status })).data
  }

  async createShipment(request: CreateShipmentRequest): Promise<Shipment> {
    return (await this.write<Shipment>("POST", "billing/api/order/shipment", request)).data
  }

  async listShipments(query?: ListQuery): Promise<Page<Shipment>> {
    return this.list<Shipment>("filter/api/order/shipment", query)
  }

  /**
   * Every shipment of an order, page by page, from GET /billing/api/order/shipment?orderId= (the
   * path InvoiceBox's own clients use). Shipments of other orders are never returned, even if the
   * API ignored the filter.
   */
  async getShipmentsByOrderId(orderId: string): Promise<Shipment[]> {
    const shipments: Shipment[] = []
    for (let page = 1; page <= MAX_PAGES; page++) {
      const result = await this.list<Shipment>("billing/api/order/shipment", {
        filter: { orderId },
        pageSize: SHIPMENT_PAGE_SIZE,
        page,
      })
      shipments.push(...result.items.filter((shipment) => shipment.orderId === orderId))
      const lastPage = result.items.length < SHIPMENT_PAGE_SIZE || page * SHIPMENT_PAGE_SIZE >= result.meta.totalCount
      if (lastPage) return shipments
    }
    throw new InvoiceboxError(
      "too_many_shipments",
      `InvoiceBox order ${orderId} has more than ${MAX_PAGES * SHIPMENT_PAGE_SIZE} shipments; not all could be read`
    )
  }

  /** What is still refundable of a paid order, line by line, with `availableAmount` / `availableVatAmount`. */
  async getRefundableBasketItems(orderId: string): Promise<RefundableBasketItem[]> {
    return (
      await this.read<RefundableBasketItem[]>(
        `billing/api/order/order/${encodeURIComponent(orderId)}/refund-basket-item`
      )
    ).data
  }

  async createRefundOrder(request: CreateRefundOrderRequest): Promise<RefundOrder> {
    return (await this.write<RefundOrder>("POST", "billing/api/order/refund-order", request)).data
  }

  async listRefundOrders(query?: ListQuery): Promise<Page<RefundOrder>> {
    return this.list<RefundOrder>("filter/api/order/refund-order", query)
  }

  /**
   * A refund order by id, e.g. to follow its status: refunds are created `created` (or `draft`) and
   * become `completed` (or `canceled`) later (merchant/refund/refund.md). Null when there is none.
   */
  async getRefundOrder(id: string): Promise<RefundOrder | null> {
    return firstMatch(await this.listRefundOrders({ filter: { id } }), (refund) => refund.id === id)
  }

  /**
   * A correction order (merchant/refund/correction.md): the fee, penalty or service charge kept from
   * a refund created with status `draft`, whose id is the request's parentId. InvoiceBox then refunds
   * the draft's amount less the correction's.
   */
  async createCorrectionOrder(request: CreateCorrectionOrderRequest): Promise<Order> {
    return (await this.write<Order>("POST", "billing/api/order/correction-order", request)).data
  }

  /** Like ensureOrder, for correction orders (looked up by merchantOrderId and parentId). */
  async ensureCorrectionOrder(request: CreateCorrectionOrderRequest): Promise<{ order: Order; created: boolean }> {
    const settled = await this.settleWrite(
      () => this.createCorrectionOrder(request),
      () => this.findCorrectionOrder(request.merchantOrderId, request.parentId)
    )
    if (!settled.created) assertSameOrder("correction order", request, settled.value)
    return { order: settled.value, created: settled.created }
  }

  private async findCorrectionOrder(merchantOrderId: string, parentId: string): Promise<Order | null> {
    return firstMatch(
      await this.listOrders({ filter: { merchantOrderId } }),
      (order) => order.merchantOrderId === merchantOrderId && order.parentId === parentId
    )
  }

  /**
   * A refund that keeps a fee or penalty (merchant/refund/correction.md), in its two documented steps:
   * the refund order as a `draft`, then the correction order for the fee pointing at it. Both are
   * idempotent by their merchantOrderIds. Returns the refund as it stands after the correction.
   */
  async refundWithFee(request: {
    refund: Omit<CreateRefundOrderRequest, "status">
    fee: Omit<CreateCorrectionOrderRequest, "parentId">
  }): Promise<{ refund: RefundOrder; correction: Order }> {
    const { refund: draft, created } = await this.ensureRefundOrder({ ...request.refund, status: "draft" })
    // a refund made before may have had its correction already: then the draft is a draft no more
    const earlier = created ? null : await this.findCorrectionOrder(request.fee.merchantOrderId, draft.id)
    if (earlier) assertSameOrder("correction order", request.fee, earlier)
    const correction = earlier ?? (await this.ensureCorrectionOrder({ ...request.fee, parentId: draft.id })).order
    return { refund: (await this.getRefundOrder(draft.id)) ?? draft, correction }
  }

  async findRefundOrderByMerchantOrderId(merchantOrderId: string, parentId?: string): Promise<RefundOrder | null> {
    const filter: Record<string, string> = { merchantOrderId }
    if (parentId !== undefined) filter.parentId = parentId
    return firstMatch(
      await this.listRefundOrders({ filter }),
      (refund) => refund.merchantOrderId === merchantOrderId && (parentId === undefined || refund.parentId === parentId)
    )
  }

  /**
   * An itemized refund of `amount` of a paid order — or, with no amount, of everything still refundable —
   * allocated within the refundable lines, exact to the kopeck. Idempotent by merchantOrderId: a refund
   * already made under it is returned as is. Null when no amount is given and nothing is left.
   */
  async refundWithinBasket(request: {
    parentId: string
    merchantOrderId: string
    description: string
    amount?: MoneyInput
    /** the goods returned: the refund names them (refund-by-goods.ts); needs `amount` */
    goods?: readonly WantedGoods[]
  }): Promise<RefundOrder | null> {
    const existing = await this.findRefundOrderByMerchantOrderId(request.merchantOrderId, request.parentId)
    if (existing) return existing
    const refundable = await this.refundableLines(request.parentId)
    const wanted =
      request.amount === undefined
        ? refundable.reduce((sum, item) => sum + toKopecks(item.totalAmount), 0)
        : toKopecks(request.amount)
    if (request.amount === undefined && wanted === 0) return null
    const allocation =
      request.goods && request.goods.length > 0
        ? refundBasketForGoods(refundable, request.goods, kopecksToMajor(wanted))
        : allocateRefund(refundable, kopecksToMajor(wanted))
    const { refund } = await this.ensureRefundOrder({
      parentId: request.parentId,
      merchantOrderId: request.merchantOrderId,
      description: request.description.slice(0, 1000),
      amount: kopecksToMajor(allocation.amount),
      vatAmount: kopecksToMajor(allocation.vatAmount),
      basketItems: allocation.items,
    })
    return refund
  }

  /** What is still refundable of a paid order, as basket lines (their totals: what is left of them). */
  async refundableLines(orderId: string): Promise<BasketItem[]> {
    return (await this.getRefundableBasketItems(orderId)).map(remainderOf)
  }

  /** Every refund order of a paid order (the first 100), oldest first. */
  async refundOrdersOf(orderId: string): Promise<RefundOrder[]> {
    const page = await this.listRefundOrders({ filter: { parentId: orderId }, pageSize: 100 })
    return page.items.filter((refund) => refund.parentId === orderId)
  }

  /** The shipments («отгрузки») registered for an order. */
  async shipmentsOf(orderId: string): Promise<Shipment[]> {
    const page = await this.listShipments({ filter: { orderId } })
    return page.items.filter((shipment) => shipment.orderId === orderId)
  }

  // ---- counterparties ----

  /**
   * Companies and individual entrepreneurs registered under an ИНН (GET /filter/api/counterparty-detail,
   * dictionary/counterparty-detail.md). An ИНН whose check digits are wrong is refused with
   * `invalid_inn` before any request.
   */
  async getCounterpartyDetails(vatNumber: string): Promise<Counterparty[]> {
    if (!isValidInn(vatNumber)) {
      throw new InvoiceboxError("invalid_inn", `"${vatNumber}" is not a valid ИНН (10 or 12 digits with check digits)`)
    }
    const result = await this.read<Counterparty[]>("filter/api/counterparty-detail", { filter: { vatNumber } })
    return Array.isArray(result.data) ? result.data.filter((company) => company.vatNumber === vatNumber) : []
  }

  // ---- guarantee payments (merchant/guarantee/*) ----

  /** Whether the order can be paid with the guarantee instrument (result `available`). */
  async validateGuaranteePayment(orderId: string, request: GuaranteeRequest): Promise<GuaranteeValidation> {
    return (await this.write<GuaranteeValidation>("POST", guaranteeAction(orderId, "validate"), request)).data
  }

  /** Sends the payer the confirmation code; the answer carries the code's publicCode. */
  async sendGuaranteeCode(orderId: string, request: GuaranteeRequest): Promise<GuaranteeCodeResult> {
    return (await this.write<GuaranteeCodeResult>("POST", guaranteeAction(orderId, "send-code"), request)).data
  }

  /** Confirms the payment with the code the payer received (result `success` = paid). */
  async payWithGuarantee(orderId: string, request: GuaranteePayRequest): Promise<GuaranteePayResult> {
    return (await this.write<GuaranteePayResult>("POST", guaranteeAction(orderId, "pay"), request)).data
  }

  // ---- partner API ----

  async sendPartnerInvite(request: PartnerInviteRequest): Promise<PartnerInviteResponse> {
    return (await this.write<PartnerInviteResponse>("POST", "notification/api/invite", request)).data
  }

  async activateMerchant(request: MerchantActivationRequest): Promise<MerchantActivationResponse> {
    return (
      await this.write<MerchantActivationResponse>(
        "POST",
        "billing/api/merchant/merchant-integration-setting/activation",
        request
      )
    ).data
  }

  // ---- idempotent writes ----

  /**
   * Creates the order once. When the API says the merchantOrderId exists, or the create's result is
   * unknown, the order is looked up by merchantOrderId and returned with `created: false`; an
   * existing order for a different amount or currency is an `order_conflict`.
   */
  async ensureOrder(request: CreateOrderRequest): Promise<{ order: Order; created: boolean }> {
    const settled = await this.settleWrite(
      () => this.createOrder(request),
      () => this.findOrderByMerchantOrderId(request.merchantOrderId)
    )
    if (!settled.created) assertSameOrder("order", request, settled.value)
    return { order: settled.value, created: settled.created }
  }

  /** Like ensureOrder, for refund orders (looked up by merchantOrderId and parentId). */
  async ensureRefundOrder(request: CreateRefundOrderRequest): Promise<{ refund: RefundOrder; created: boolean }> {
    const settled = await this.settleWrite(
      () => this.createRefundOrder(request),
      () => this.findRefundOrderByMerchantOrderId(request.merchantOrderId, request.parentId)
    )
    if (!settled.created) assertSameOrder("refund order", request, settled.value)
    return { refund: settled.value, created: settled.created }
  }

  /**
   * Registers the order's shipment unless one exists already (the 54-FZ full-settlement receipt is
   * issued once); returns the order's shipments.
   */
  async ensureShipment(request: CreateShipmentRequest): Promise<{ shipments: Shipment[]; created: boolean }> {
    const existing = await this.shipmentsOf(request.orderId)
    if (existing.length > 0) return { shipments: existing, created: false }
    try {
      return { shipments: [await this.createShipment(request)], created: true }
    } catch (error) {
      if (!(error instanceof InvoiceboxResultUnknownError)) throw error
      const after = await this.shipmentsOf(request.orderId)
      if (after.length === 0) throw error
      return { shipments: after, created: false }
    }
  }

  /**
   * A shipment identified by its document number (e.g. one Medusa fulfilment), registered once: when
   * the order already has a shipment with that number it is returned as is. `plan` builds the shipment
   * from the shipments the order already has (e.g. only what they have not listed yet); null: nothing
   * to register. A lost reply is settled by reading the order's shipments again.
   */
  async ensureDocumentShipment(
    orderId: string,
    documentNumber: string,
    plan: (existing: Shipment[]) => Omit<CreateShipmentRequest, "orderId" | "documentNumber"> | null
  ): Promise<{ shipment: Shipment | null; created: boolean }> {
    const existing = await this.shipmentsOf(orderId)
    const same = existing.find((shipment) => shipment.documentNumber === documentNumber)
    if (same) return { shipment: same, created: false }
    const planned = plan(existing)
    if (!planned) return { shipment: null, created: false }
    try {
      return { shipment: await this.createShipment({ orderId, documentNumber, ...planned }), created: true }
    } catch (error) {
      if (!(error instanceof InvoiceboxResultUnknownError)) throw error
      const after = (await this.shipmentsOf(orderId)).find((shipment) => shipment.documentNumber === documentNumber)
      if (!after) throw error
      return { shipment: after, created: false }
    }
  }

  private async settleWrite<T>(
    create: () => Promise<T>,
    find: () => Promise<T | null>
  ): Promise<{ value: T; created: boolean }> {
    for (let round = 1; ; round++) {
      try {
        return { value: await create(), created: true }
      } catch (error) {
        const duplicate = error instanceof InvoiceboxApiError && error.code === "merchant_order_id_duplicate"
        const unknown = error instanceof InvoiceboxResultUnknownError
        if (!duplicate && !unknown) throw error
        const existing = await find()
        if (existing) return { value: existing, created: false }
        // An unknown result that left nothing behind did not happen: create once more.
        if (!unknown || round >= 2) throw error
      }
    }
  }

  // ---- transport ----

  private path(resource: string): string {
    return `/${this.prefix}/${resource}`
  }

  private async list<T>(resource: string, query?: ListQuery): Promise<Page<T>> {
    const result = await this.read<T[]>(resource, query)
    const items = Array.isArray(result.data) ? result.data : []
    return {
      items,
      meta: result.metaData ?? { totalCount: items.length, pageSize: query?.pageSize ?? 30, page: query?.page ?? 1 },
    }
  }

  private read<T>(resource: string, query?: ListQuery): Promise<ApiResult<T>> {
    const qs = query ? encodeListQuery(query) : ""
    return this.send<T>("GET", this.path(resource) + (qs ? `?${qs}` : ""), undefined)
  }

  private write<T>(method: Exclude<HttpMethod, "GET">, resource: string, body?: unknown): Promise<ApiResult<T>> {
    return this.send<T>(method, this.path(resource), body)
  }

  private async send<T>(method: HttpMethod, path: string, body: unknown): Promise<ApiResult<T>> {
    const target: RequestTarget = { method, path: path.split("?")[0]! }
    const isRead = method === "GET"
    const startedAt = Date.now()
    for (let attempt = 1; ; attempt++) {
      if (this.limiter) await this.limiter.acquire()
      const attemptStart = Date.now()
      let response: AxiosResponse<unknown>
      try {
        response = await this.http.request<unknown>({ method, url: path, data: body })
      } catch (error) {
        const networkError = toNetworkError(error, target)
        this.log({ ...target, attempt, durationMs: Date.now() - attemptStart, errorCode: networkError.code })
        const notSent = error instanceof AxiosError && error.code !== undefined && NOT_SENT_CODES.has(error.code)
        if (this.mayRetry(isRead || notSent, attempt, startedAt)) {
          await sleep(backoffDelayMs(attempt, this.retry))
          continue
        }
        if (!isRead && !notSent) throw new InvoiceboxResultUnknownError(target, networkError)
        throw networkError
      }

      const requestId = headerValue(response.headers["x-request-id"])
      const durationMs = Date.now() - attemptStart
      if (response.status < 400) {
        const envelope = asEnvelope<T>(response.data)
        if (!envelope) {
          const error = new InvoiceboxApiError({
            httpStatus: response.status,
            code: "invalid_response",
            apiMessage: "the response is not a JSON object with `data`",
            requestId,
            target,
          })
          this.log({ ...target, attempt, durationMs, status: response.status, requestId, errorCode: error.code })
          if (!isRead) throw new InvoiceboxResultUnknownError(target, error, requestId)
          throw error
        }
        this.log({ ...target, attempt, durationMs, status: response.status, requestId })
        return { data: envelope.data, metaData: envelope.metaData, requestId }
      }

      const apiError = toApiError(response, target, requestId)
      this.log({ ...target, attempt, durationMs, status: response.status, requestId, errorCode: apiError.code })
      const retriable = response.status === 429 || (response.status >= 500 && isRead)
      if (retriable && this.mayRetry(true, attempt, startedAt, apiError.retryAfterMs)) {
        await sleep(backoffDelayMs(attempt, this.retry, apiError.retryAfterMs))
        continue
      }
      if (response.status >= 500 && !isRead) throw new InvoiceboxResultUnknownError(target, apiError, requestId)
      throw apiError
    }
  }

  private mayRetry(allowed: boolean, attempt: number, startedAt: number, waitMs = 0): boolean {
    if (!allowed || attempt >= this.retry.maxAttempts) return false
    return Date.now() - startedAt + waitMs < this.retry.maxElapsedMs
  }

  private log(entry: InvoiceboxRequestLog): void {
    if (!this.logger) return
    try {
      this.logger(entry)
    } catch {
      // a failing logger must never break a payment
    }
  }
}

const SHIPMENT_PAGE_SIZE = 100
const MAX_PAGES = 50

function guaranteeAction(orderId: string, action: "validate" | "send-code" | "pay"): string {
  return `billing/api/order/${encodeURIComponent(orderId)}/payment-method-action/${action}`
}

/**
 * A refundable line as a plain BasketItem for the refund allocation: what `availableAmount` /
 * `availableVatAmount` say is left, when the API gives them, is the line's total; the two fields
 * themselves are not part of a refund request's basket.
 */
function remainderOf(line: RefundableBasketItem): BasketItem {
  const { availableAmount, availableVatAmount, ...item } = line
  if (typeof availableAmount !== "number" || availableAmount === item.totalAmount) return item
  return {
    ...item,
    totalAmount: availableAmount,
    totalVatAmount:
      typeof availableVatAmount === "number"
        ? availableVatAmount
        : kopecksToMajor(vatOfGross(toKopecks(availableAmount), item.vatCode)),
  }
}

/**
 * The first item that really matches the lookup. The filter is applied by the API, but an ignored
 * or mistyped filter would return unrelated orders, and ensureOrder must never take someone
 * else's order for its own.
 */
function firstMatch<T>(page: Page<T>, matches: (item: T) => boolean): T | null {
  return page.items.find(matches) ?? null
}

function headerValue(value: unknown): string | undefined {
  if (typeof value === "string") return value
  if (Array.isArray(value) && typeof value[0] === "string") return value[0]
  return undefined
}

function asEnvelope<T>(body: unknown): { data: T; metaData?: PageMeta } | null {
  if (typeof body !== "object" || body === null || !("data" in body)) return null
  const envelope = body as { data: T; metaData?: PageMeta }
  return { data: envelope.data, metaData: envelope.metaData }
}

function toApiError(
  response: AxiosResponse<unknown>,
  target: RequestTarget,
  requestId: string | undefined
): InvoiceboxApiError {
  const body = response.data
  const error =
    typeof body === "object" &&
    body !== null &&
    "error" in body &&
    typeof body.error === "object" &&
    body.error !== null
      ? (body.error as { code?: unknown; message?: unknown; fields?: unknown })
      : undefined
  const code = typeof error?.code === "string" && error.code !== "" ? error.code : `http_${response.status}`
  const apiMessage = typeof error?.message === "string" ? error.message : ""
  const fields = Array.isArray(error?.fields)
    ? error.fields.filter(
        (field): field is ApiErrorField =>
          typeof field === "object" && field !== null && typeof (field as ApiErrorField).name === "string"
      )
    : []
  return new InvoiceboxApiError({
    httpStatus: response.status,
    code,
    apiMessage,
    requestId,
    fields,
    target,
    retryAfterMs: parseRetryAfter(headerValue(response.headers["retry-after"])),
  })
}

function toNetworkError(error: unknown, target: RequestTarget): InvoiceboxNetworkError {
  if (error instanceof AxiosError) {
    const timeout = error.code === "ECONNABORTED" || error.code === "ETIMEDOUT" || /timeout/i.test(error.message)
    // error.message from axios never contains request headers
    return new InvoiceboxNetworkError(timeout ? "timeout" : "network", target, error.code ?? error.message)
  }
  return new InvoiceboxNetworkError("network", target, error instanceof Error ? error.name : "unknown error")
}

function assertSameOrder(
  what: string,
  request: { merchantOrderId: string; amount: number; currencyId?: string },
  existing: { id: string; amount: number; currencyId: string }
): void {
  const sameAmount = toKopecks(request.amount) === toKopecks(existing.amount)
  const sameCurrency = request.currencyId === undefined || request.currencyId === existing.currencyId
  if (!sameAmount || !sameCurrency) {
    throw new InvoiceboxError(
      "order_conflict",
      `An InvoiceBox ${what} with merchantOrderId "${request.merchantOrderId}" already exists (${existing.id}) ` +
        `for ${existing.amount} ${existing.currencyId}, not ${request.amount} ${request.currencyId ?? existing.currencyId}`
    )
  }
}
