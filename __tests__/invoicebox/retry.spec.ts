/**
 * Retry semantics of InvoiceboxClient against a scripted node:http server: which failures are
 * repeated, Retry-After (seconds and HTTP date), the attempt and elapsed-time bounds, and the
 * ensureOrder / ensureRefundOrder lookups after a lost reply.
 */
import { createServer, type Server } from "node:http"

import { InvoiceboxClient, type InvoiceboxRequestLog } from "../../src/invoicebox/client"
import {
  InvoiceboxApiError,
  InvoiceboxError,
  InvoiceboxNetworkError,
  InvoiceboxResultUnknownError,
} from "../../src/invoicebox/errors"
import type { CreateRefundOrderRequest } from "../../src/invoicebox/types"
import { orderRequest } from "../helpers/orders"
import { closeServer, listenLocally } from "../helpers/local-server"

/** What the server does with one request: reply, hang (client times out) or drop the connection. */
type Step =
  | { status: number; body?: unknown; headers?: Record<string, string>; afterMs?: number }
  | { hang: true }
  | { reset: true }

interface Seen {
  method: string
  url: string
  at: number
  body: string
}

let server: Server
let base: string
let script: Step[]
let fallback: (seen: Seen) => Step
const seen: Seen[] = []

const ok = (data: unknown, extra: object = {}): Step => ({ status: 200, body: { data, ...extra } })

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (chunk: Buffer) => chunks.push(chunk))
    req.on("end", () => {
      const entry: Seen = {
        method: req.method ?? "",
        url: req.url ?? "",
        at: Date.now(),
        body: Buffer.concat(chunks).toString(),
      }
      seen.push(entry)
      const step = script.shift() ?? fallback(entry)
      if ("hang" in step) return
      if ("reset" in step) {
        req.socket.destroy()
        return
      }
      const send = () =>
        res
          .writeHead(step.status, {
            "Content-Type": "application/json",
            "X-Request-Id": `req-${seen.length}`,
            ...step.headers,
          })
          .end(JSON.stringify(step.body ?? { error: { code: `e${step.status}`, message: "scripted" } }))
      if (step.afterMs) setTimeout(send, step.afterMs)
      else send()
    })
  })
  base = await listenLocally(server)
})
afterAll(() => closeServer(server))

let logs: InvoiceboxRequestLog[]
beforeEach(() => {
  seen.length = 0
  script = []
  fallback = () => ok([])
  logs = []
})

const makeClient = (retry: object = {}, timeoutMs = 2_000) =>
  new InvoiceboxClient({
    token: "tok",
    baseUrl: base,
    timeoutMs,
    rateLimit: false,
    retry: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20, maxElapsedMs: 5_000, ...retry },
    logger: (entry) => logs.push(entry),
  })

describe("reads", () => {
  it("are retried on 502, 503, 429 and a dropped connection, then succeed", async () => {
    script = [{ status: 502 }, { status: 429 }, { reset: true }, ok({ userId: "u1", profile: null })]
    expect(await makeClient().checkAuth()).toEqual({ userId: "u1", profile: null })
    expect(seen).toHaveLength(4)
    expect(logs.map((l) => [l.attempt, l.status ?? l.errorCode])).toEqual([
      [1, 502],
      [2, 429],
      [3, "network_error"],
      [4, 200],
    ])
  })

  it("are not retried on a 4xx other than 429", async () => {
    script = [{ status: 401, body: { error: { code: "unauthorized", message: "Unauthorized" } } }]
    const error = (await makeClient()
      .listOrders()
      .catch((e: unknown) => e)) as InvoiceboxApiError
    expect(error.code).toBe("unauthorized")
    expect(seen).toHaveLength(1)
  })

  it("honour Retry-After given in seconds", async () => {
    script = [{ status: 429, headers: { "Retry-After": "1" } }]
    await makeClient().listOrders()
    expect(seen[1]!.at - seen[0]!.at).toBeGreaterThanOrEqual(950)
  })

  it("honour Retry-After given as an HTTP date", async () => {
    // HTTP dates have whole seconds: ask for a moment at least ~1 s ahead
    const when = new Date(Math.ceil((Date.now() + 1_500) / 1000) * 1000)
    script = [{ status: 503, headers: { "Retry-After": when.toUTCString() } }]
    await makeClient().listOrders()
    expect(seen[1]!.at).toBeGreaterThanOrEqual(when.getTime() - 50)
  })

  it("give up at once when Retry-After is beyond the elapsed-time budget", async () => {
    script = [{ status: 429, headers: { "Retry-After": "30" } }]
    const started = Date.now()
    const error = (await makeClient({ maxElapsedMs: 1_000 })
      .listOrders()
      .catch((e: unknown) => e)) as InvoiceboxApiError
    expect(error.httpStatus).toBe(429)
    expect(error.retryAfterMs).toBe(30_000)
    expect(seen).toHaveLength(1)
    expect(Date.now() - started).toBeLessThan(500)
  })

  it("stop after maxElapsedMs even when attempts are left", async () => {
    fallback = () => ({ status: 500, afterMs: 120 })
    const error = await makeClient({ maxAttempts: 50, maxElapsedMs: 300 })
      .listOrders()
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InvoiceboxApiError)
    expect(seen.length).toBeGreaterThanOrEqual(2)
    expect(seen.length).toBeLessThanOrEqual(4)
  })

  it("stop after maxAttempts; a timed-out read ends as InvoiceboxNetworkError(timeout)", async () => {
    fallback = () => ({ hang: true })
    const error = (await makeClient({ maxAttempts: 3 }, 80)
      .getOrder("o1")
      .catch((e: unknown) => e)) as InvoiceboxNetworkError
    expect(error).toBeInstanceOf(InvoiceboxNetworkError)
    expect(error.kind).toBe("timeout")
    expect(seen).toHaveLength(3)
  })
})

describe("writes", () => {
  it.each([
    ["POST createOrder", (c: InvoiceboxClient) => c.createOrder(orderRequest())],
    ["PUT updateOrder", (c: InvoiceboxClient) => c.updateOrder("o1", { description: "x" })],
    ["DELETE cancelOrder", (c: InvoiceboxClient) => c.cancelOrder("o1")],
    ["PUT updateOrderStatus", (c: InvoiceboxClient) => c.updateOrderStatus("o1", "canceled")],
    ["POST createShipment", (c: InvoiceboxClient) => c.createShipment({ orderId: "o1", basketItems: [] })],
  ])("%s: a 5xx is sent once and ends as result unknown", async (_, call) => {
    script = [{ status: 503, headers: { "X-Request-Id": "w-1" } }]
    const error = (await call(makeClient()).catch((e: unknown) => e)) as InvoiceboxResultUnknownError
    expect(error).toBeInstanceOf(InvoiceboxResultUnknownError)
    expect(error.requestId).toBe("w-1")
    expect(seen).toHaveLength(1)
  })

  it("a 4xx is the API's answer, not an unknown result", async () => {
    script = [{ status: 422, body: { error: { code: "wrong_order_status", message: "" } } }]
    const error = (await makeClient()
      .cancelOrder("o1")
      .catch((e: unknown) => e)) as InvoiceboxApiError
    expect(error).toBeInstanceOf(InvoiceboxApiError)
    expect(error.code).toBe("wrong_order_status")
    expect(seen).toHaveLength(1)
  })

  it("a 429 was refused, so the write is sent again after Retry-After", async () => {
    script = [{ status: 429, headers: { "Retry-After": "0.3" } }, ok({ id: "o1", status: "canceled" })]
    expect(await makeClient().cancelOrder("o1")).toEqual({ id: "o1", status: "canceled" })
    expect(seen.map((s) => s.method)).toEqual(["DELETE", "DELETE"])
    expect(seen[1]!.at - seen[0]!.at).toBeGreaterThanOrEqual(280)
  })
})

describe("ensureOrder", () => {
  it("a create whose reply was lost is looked up (with read retries) and not sent twice", async () => {
    const request = orderRequest()
    const existing = { ...request, id: "o-1", status: "created", paymentUrl: "x", createdAt: "now" }
    script = [{ hang: true }, { status: 500 }, ok([existing])]
    expect(await makeClient({}, 150).ensureOrder(request)).toEqual({ order: existing, created: false })
    expect(seen.map((s) => s.method)).toEqual(["POST", "GET", "GET"])
    expect(seen[1]!.url).toBe(
      `/v3/filter/api/order/order?merchantOrderId=${encodeURIComponent(request.merchantOrderId)}`
    )
  })

  it("an unknown result that left nothing behind is created once more, and only once", async () => {
    const request = orderRequest()
    const created = { ...request, id: "o-2", status: "created", paymentUrl: "x", createdAt: "now" }
    script = [{ status: 502 }, ok([]), ok(created)]
    expect(await makeClient().ensureOrder(request)).toEqual({ order: created, created: true })
    expect(seen.map((s) => s.method)).toEqual(["POST", "GET", "POST"])

    seen.length = 0
    script = [{ status: 502 }, ok([]), { status: 502 }, ok([])]
    const error = await makeClient()
      .ensureOrder(request)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InvoiceboxResultUnknownError)
    expect(seen.map((s) => s.method)).toEqual(["POST", "GET", "POST", "GET"])
  })

  it("merchant_order_id_duplicate returns the existing order; another amount is order_conflict", async () => {
    const request = orderRequest()
    const duplicate: Step = { status: 422, body: { error: { code: "merchant_order_id_duplicate", message: "" } } }
    const existing = { ...request, id: "o-3", status: "completed", paymentUrl: "x", createdAt: "now" }
    script = [duplicate, ok([existing])]
    expect(await makeClient().ensureOrder(request)).toEqual({ order: existing, created: false })

    script = [duplicate, ok([{ ...existing, amount: request.amount + 1 }])]
    const error = (await makeClient()
      .ensureOrder(request)
      .catch((e: unknown) => e)) as InvoiceboxError
    expect(error.code).toBe("order_conflict")
  })

  it("never takes an unrelated order for its own when the lookup filter is ignored", async () => {
    const request = orderRequest()
    const stranger = { ...request, merchantOrderId: "someone-else", id: "o-x" }
    script = [{ status: 422, body: { error: { code: "merchant_order_id_duplicate", message: "" } } }, ok([stranger])]
    const error = (await makeClient()
      .ensureOrder(request)
      .catch((e: unknown) => e)) as InvoiceboxApiError
    expect(error.code).toBe("merchant_order_id_duplicate")
  })

  it("other API errors are thrown without a lookup", async () => {
    script = [{ status: 422, body: { error: { code: "wrong_total_amount", message: "" } } }]
    const error = (await makeClient()
      .ensureOrder(orderRequest())
      .catch((e: unknown) => e)) as InvoiceboxApiError
    expect(error.code).toBe("wrong_total_amount")
    expect(seen).toHaveLength(1)
  })
})

describe("ensureRefundOrder", () => {
  const refundRequest: CreateRefundOrderRequest = {
    parentId: "parent-1",
    merchantOrderId: "refund-1",
    description: "Возврат",
    amount: 100,
    vatAmount: 0,
    basketItems: [],
  }
  const refund = {
    ...refundRequest,
    id: "r-1",
    merchantId: "m",
    currencyId: "RUB",
    createdAt: "now",
    status: "completed",
  }

  it("a refund whose reply was lost is found by merchantOrderId and parentId", async () => {
    script = [{ reset: true }, ok([refund])]
    expect(await makeClient().ensureRefundOrder(refundRequest)).toEqual({ refund, created: false })
    expect(seen.map((s) => s.method)).toEqual(["POST", "GET"])
    expect(seen[1]!.url).toBe("/v3/filter/api/order/refund-order?merchantOrderId=refund-1&parentId=parent-1")
  })

  it("a refund of another order with the same merchantOrderId is not taken for this one", async () => {
    script = [{ status: 500 }, ok([{ ...refund, parentId: "parent-2" }]), ok(refund)]
    expect(await makeClient().ensureRefundOrder(refundRequest)).toEqual({ refund, created: true })
    expect(seen.map((s) => s.method)).toEqual(["POST", "GET", "POST"])
  })

  it("an existing refund for another amount is a conflict", async () => {
    script = [{ status: 500 }, ok([{ ...refund, amount: 99.99 }])]
    const error = (await makeClient()
      .ensureRefundOrder(refundRequest)
      .catch((e: unknown) => e)) as InvoiceboxError
    expect(error.code).toBe("order_conflict")
  })
})
