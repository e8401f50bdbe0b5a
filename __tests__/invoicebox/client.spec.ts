/** InvoiceboxClient against the local sandbox: every method, retries, idempotent writes, limiter. */
import axios from "axios"

import { InvoiceboxClient, type InvoiceboxRequestLog } from "../../src/invoicebox/client"
import {
  InvoiceboxApiError,
  InvoiceboxError,
  InvoiceboxRateLimitError,
  InvoiceboxResultUnknownError,
} from "../../src/invoicebox/errors"
import { allocateRefund } from "../../src/invoicebox/refund-allocation"
import { DEMO_SHOP } from "../../src/invoicebox/types"
import { startSandbox, type RunningSandbox } from "../../src/sandbox"
import { orderRequest } from "../helpers/orders"

let sandbox: RunningSandbox
let logs: InvoiceboxRequestLog[]
let client: InvoiceboxClient

const fastRetry = { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20, maxElapsedMs: 5_000 }

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, quiet: true, rateLimit: false })
})
afterAll(() => sandbox.close())
beforeEach(() => {
  sandbox.reset()
  logs = []
  client = new InvoiceboxClient({
    token: DEMO_SHOP.token,
    baseUrl: sandbox.url,
    retry: fastRetry,
    rateLimit: false,
    logger: (entry) => logs.push(entry),
  })
})

const faults = (body: object) => axios.post(`${sandbox.url}/_sandbox/faults`, body)
const pay = (id: string) => axios.post(`${sandbox.url}/_sandbox/orders/${id}/pay?notify=none`)
const sandboxOrders = async () =>
  (await axios.get(`${sandbox.url}/_sandbox/orders`)).data as Array<{ merchantOrderId: string }>

describe("merchant API", () => {
  it("checks auth, creates, reads, lists, updates and cancels orders", async () => {
    expect((await client.checkAuth()).userId).toEqual(expect.any(String))
    const request = orderRequest()
    const order = await client.createOrder(request)
    expect(order).toMatchObject({ merchantOrderId: request.merchantOrderId, status: "created", amount: request.amount })
    expect(await client.getOrder(order.id)).toMatchObject({ id: order.id })
    expect(await client.getOrder("00000000-0000-0000-0000-000000000000")).toBeNull()
    expect((await client.findOrderByMerchantOrderId(request.merchantOrderId))?.id).toBe(order.id)
    const other = await client.createOrder(orderRequest())
    const page = await client.listOrders({
      filter: { status: ["created"] },
      order: { merchantOrderId: "desc" },
      pageSize: 1,
      page: 2,
    })
    expect(page.meta).toEqual({ totalCount: 2, pageSize: 1, page: 2 })
    expect(page.items.map((o) => o.id)).toEqual([order.merchantOrderId > other.merchantOrderId ? other.id : order.id])
    expect((await client.updateOrder(order.id, { description: "Обновлённый заказ" })).description).toBe(
      "Обновлённый заказ"
    )
    expect((await client.cancelOrder(order.id)).status).toBe("canceled")
  })

  it("surfaces API errors with code, message and X-Request-Id", async () => {
    const order = await client.createOrder(orderRequest())
    await pay(order.id)
    const error = await client.updateOrder(order.id, { description: "x" }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InvoiceboxApiError)
    const apiError = error as InvoiceboxApiError
    expect(apiError.code).toBe("wrong_order_status")
    expect(apiError.httpStatus).toBe(422)
    expect(apiError.requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(apiError.message).toContain("wrong_order_status")
    expect(apiError.message).toContain(apiError.requestId!)
  })

  it("registers shipments and refunds within the refundable lines", async () => {
    const order = await client.createOrder(orderRequest())
    await pay(order.id)
    const shipment = await client.createShipment({ orderId: order.id, basketItems: order.basketItems })
    expect((await client.listShipments({ filter: { orderId: order.id } })).items).toEqual([shipment])

    const refundable = await client.getRefundableBasketItems(order.id)
    const first = allocateRefund(refundable, "500.00")
    const refund = await client.createRefundOrder({
      parentId: order.id,
      merchantOrderId: `${order.merchantOrderId}-r1`,
      description: "Возврат части заказа",
      amount: first.amount / 100,
      vatAmount: first.vatAmount / 100,
      basketItems: first.items,
    })
    expect(refund).toMatchObject({ parentId: order.id, amount: 500, status: "completed" })
    const left = await client.getRefundableBasketItems(order.id)
    const rest = allocateRefund(left, (order.amount * 100 - 50_000) / 100)
    const second = await client.ensureRefundOrder({
      parentId: order.id,
      merchantOrderId: `${order.merchantOrderId}-r2`,
      description: "Возврат остатка",
      amount: rest.amount / 100,
      vatAmount: rest.vatAmount / 100,
      basketItems: rest.items,
    })
    expect(second.created).toBe(true)
    expect(await client.getRefundableBasketItems(order.id)).toEqual([])
    expect((await client.listRefundOrders({ filter: { parentId: order.id } })).items).toHaveLength(2)
    expect((await client.findRefundOrderByMerchantOrderId(`${order.merchantOrderId}-r1`, order.id))?.id).toBe(refund.id)
  })

  it("sends partner invites and activates shops", async () => {
    const partnerId = "dda90c3d-e2f8-4f90-aa8b-87b1cd2956a1"
    expect((await client.sendPartnerInvite({ partnerId, type: "email", identifier: "shop@shop.com" })).id).toBeDefined()
    expect(await client.activateMerchant({ partnerId, activationCode: "111222333" })).toEqual({
      merchantId: DEMO_SHOP.merchantId,
      token: DEMO_SHOP.token,
    })
  })
})

describe("retries", () => {
  it("retries reads on 5xx and 429 until they succeed", async () => {
    await faults({ getOrders: { status500Count: 2, status429Count: 1 } })
    const page = await client.listOrders()
    expect(page.items).toEqual([])
    expect(logs.map((l) => l.status)).toEqual([500, 500, 429, 200])
    expect(logs.map((l) => l.attempt)).toEqual([1, 2, 3, 4])
  })

  it("gives up on reads after maxAttempts with the last API error", async () => {
    await faults({ getOrders: { status500Count: 10 } })
    const error = await client.listOrders().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InvoiceboxApiError)
    expect((error as InvoiceboxApiError).httpStatus).toBe(500)
    expect(logs).toHaveLength(fastRetry.maxAttempts)
  })

  it("never repeats a write that got a 5xx: its result is unknown", async () => {
    await faults({ createOrder: { status500Count: 1 } })
    const error = await client.createOrder(orderRequest()).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InvoiceboxResultUnknownError)
    expect(logs).toHaveLength(1)
  })

  it("repeats a write refused with 429 (it was not processed)", async () => {
    await faults({ createOrder: { status429Count: 1 } })
    const order = await client.createOrder(orderRequest())
    expect(order.status).toBe("created")
    expect(logs.map((l) => l.status)).toEqual([429, 200])
  })

  it("waits at least Retry-After before retrying", async () => {
    await faults({ getOrders: { status429Count: 1 } }) // the sandbox sends Retry-After: 1
    const started = Date.now()
    await client.listOrders()
    expect(Date.now() - started).toBeGreaterThanOrEqual(950)
  })
})

describe("idempotent writes", () => {
  it("ensureOrder: a create whose reply was lost is found by merchantOrderId, not created twice", async () => {
    await faults({ createOrder: { timeoutOnce: true } })
    const request = orderRequest()
    const { order, created } = await client.ensureOrder(request)
    expect(created).toBe(false)
    expect(order.merchantOrderId).toBe(request.merchantOrderId)
    expect((await sandboxOrders()).filter((o) => o.merchantOrderId === request.merchantOrderId)).toHaveLength(1)
    const again = await client.ensureOrder(request)
    expect(again).toEqual({ order: expect.objectContaining({ id: order.id }), created: false })
  })

  it("ensureOrder: a create that failed before reaching the API is sent again", async () => {
    await faults({ createOrder: { status500Count: 1 } })
    const { created } = await client.ensureOrder(orderRequest())
    expect(created).toBe(true)
    expect(await sandboxOrders()).toHaveLength(1)
  })

  it("ensureOrder: an existing order for another amount is a conflict", async () => {
    const request = orderRequest()
    await client.createOrder(request)
    const error = await client
      .ensureOrder(
        orderRequest({ merchantOrderId: request.merchantOrderId }, [
          { sku: "X", name: "Другой товар", unitPrice: 10, quantity: 1, vatCode: "VATNONE" },
        ])
      )
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InvoiceboxError)
    expect((error as InvoiceboxError).code).toBe("order_conflict")
  })

  it("ensureRefundOrder: a refund whose reply was lost is found, never refunded twice", async () => {
    const order = await client.createOrder(orderRequest())
    await pay(order.id)
    const allocation = allocateRefund(await client.getRefundableBasketItems(order.id), "100.00")
    const request = {
      parentId: order.id,
      merchantOrderId: "refund-1",
      description: "Возврат",
      amount: allocation.amount / 100,
      vatAmount: allocation.vatAmount / 100,
      basketItems: allocation.items,
    }
    await faults({ createRefund: { timeoutOnce: true } })
    const first = await client.ensureRefundOrder(request)
    expect(first.created).toBe(false)
    const second = await client.ensureRefundOrder(request)
    expect(second).toEqual({ refund: expect.objectContaining({ id: first.refund.id }), created: false })
    expect((await client.listRefundOrders({ filter: { parentId: order.id } })).items).toHaveLength(1)
  })
})

describe("refundWithinBasket", () => {
  it("refunds an amount, then the rest, each once per merchantOrderId; refundOrdersOf lists them", async () => {
    const order = await client.createOrder(orderRequest())
    await pay(order.id)
    const part = await client.refundWithinBasket({
      parentId: order.id,
      merchantOrderId: "part-1",
      description: "Возврат части",
      amount: "123.45",
    })
    expect(part).toMatchObject({ parentId: order.id, amount: 123.45 })
    // a retry under the same merchantOrderId returns the same refund, nothing is refunded twice
    expect(
      (
        await client.refundWithinBasket({
          parentId: order.id,
          merchantOrderId: "part-1",
          description: "Возврат части",
          amount: "123.45",
        })
      )?.id
    ).toBe(part!.id)

    const rest = await client.refundWithinBasket({
      parentId: order.id,
      merchantOrderId: "rest",
      description: "Возврат остатка",
    })
    expect(Math.round(rest!.amount * 100)).toBe(Math.round(order.amount * 100) - 12_345)
    expect(await client.getRefundableBasketItems(order.id)).toEqual([])
    // nothing left: a new "everything left" refund is none
    expect(
      await client.refundWithinBasket({ parentId: order.id, merchantOrderId: "rest-2", description: "Возврат остатка" })
    ).toBeNull()
    expect((await client.refundOrdersOf(order.id)).map((refund) => refund.id)).toEqual([part!.id, rest!.id])
  })
})

describe("ensureShipment", () => {
  it("registers one shipment per order, however often it is called", async () => {
    const order = await client.createOrder(orderRequest())
    await pay(order.id)
    const first = await client.ensureShipment({ orderId: order.id, basketItems: order.basketItems })
    const again = await client.ensureShipment({ orderId: order.id, basketItems: order.basketItems })
    expect(first.created).toBe(true)
    expect(again).toEqual({ shipments: first.shipments, created: false })
  })

  it("settles a shipment whose reply was lost by looking it up", async () => {
    const order = await client.createOrder(orderRequest())
    await pay(order.id)
    await faults({ createShipment: { timeoutOnce: true } })
    const result = await client.ensureShipment({ orderId: order.id, basketItems: order.basketItems })
    expect(result.created).toBe(false)
    expect(result.shipments).toHaveLength(1)
  })
})

describe("rate limiter", () => {
  it("spreads a burst of 300 calls so that no 429 reaches the API", async () => {
    // the API's window is shorter than the client's so that delivery jitter (up to 400 ms) cannot bunch
    // two client windows into one server window; without the limiter, 300 calls at once get 429s
    const limited = await startSandbox({ port: 0, quiet: true, rateLimit: { maxRequests: 40, intervalMs: 100 } })
    try {
      const statuses: number[] = []
      const burst = new InvoiceboxClient({
        token: DEMO_SHOP.token,
        baseUrl: limited.url,
        retry: { maxAttempts: 1 },
        rateLimit: { maxRequests: 40, intervalMs: 500, maxWaitMs: 30_000 },
        logger: (entry) => statuses.push(entry.status ?? 0),
      })
      const started = Date.now()
      await Promise.all(Array.from({ length: 300 }, () => burst.listOrders()))
      const elapsed = Date.now() - started
      expect(statuses).toHaveLength(300)
      expect(statuses.every((status) => status === 200)).toBe(true)
      // 300 calls at 40 per 500 ms need at least 7 full windows
      expect(elapsed).toBeGreaterThanOrEqual(7 * 500)
    } finally {
      await limited.close()
    }
  }, 30_000)

  it("fails fast with rate_limited_locally when no slot frees within maxWaitMs", async () => {
    const tight = new InvoiceboxClient({
      token: DEMO_SHOP.token,
      baseUrl: sandbox.url,
      rateLimit: { maxRequests: 1, intervalMs: 60_000, maxWaitMs: 50 },
    })
    await tight.listOrders()
    const error = await tight.listOrders().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InvoiceboxRateLimitError)
    expect((error as InvoiceboxRateLimitError).code).toBe("rate_limited_locally")
  })
})

describe("secrets", () => {
  it("never puts the token in errors or log entries", async () => {
    const secret = "s3cr3t-token-value-0123456789abcdef"
    const entries: InvoiceboxRequestLog[] = []
    const wrong = new InvoiceboxClient({
      token: secret,
      baseUrl: sandbox.url,
      rateLimit: false,
      logger: (e) => entries.push(e),
    })
    const error = (await wrong.createOrder(orderRequest()).catch((e: unknown) => e)) as InvoiceboxApiError
    expect(error.code).toBe("unauthorized")
    expect(JSON.stringify(entries)).not.toContain(secret)
    expect(error.message).not.toContain(secret)
    expect(JSON.stringify(error)).not.toContain(secret)
    expect(String(error.stack)).not.toContain(secret)
    const unreachable = new InvoiceboxClient({
      token: secret,
      baseUrl: "http://127.0.0.1:1",
      rateLimit: false,
      retry: { maxAttempts: 1 },
    })
    const networkError = (await unreachable.getOrder("x").catch((e: unknown) => e)) as Error
    expect(networkError.message).not.toContain(secret)
    expect(JSON.stringify(networkError)).not.toContain(secret)
  })

  it("requires a token", () => {
    expect(() => new InvoiceboxClient({ token: " " })).toThrow(/token/)
  })
})
