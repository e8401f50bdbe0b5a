/** Error classes: codes, messages with the X-Request-Id, and no secrets anywhere. */
import { createServer, type Server } from "node:http"

import { InvoiceboxClient, type InvoiceboxRequestLog } from "../../src/invoicebox/client"
import {
  InvoiceboxApiError,
  InvoiceboxError,
  InvoiceboxNetworkError,
  InvoiceboxRateLimitError,
  InvoiceboxResultUnknownError,
} from "../../src/invoicebox/errors"
import { verifyNotification } from "../../src/invoicebox/notification"
import { signBody } from "../../src/invoicebox/signature"
import { DEMO_SHOP } from "../../src/invoicebox/types"
import { orderRequest } from "../helpers/orders"
import { closeServer, listenLocally } from "../helpers/local-server"

const TOKEN = "tok-9f8e7d6c5b4a39281706f5e4d3c2b1a0"
const target = { method: "POST", path: "/v3/billing/api/order/order" }

describe("error classes", () => {
  it("InvoiceboxApiError carries status, code, fields, request id and names them in its message", () => {
    const error = new InvoiceboxApiError({
      httpStatus: 422,
      code: "wrong_total_amount",
      apiMessage: "Calculation Error",
      requestId: "req-42",
      fields: [{ name: "amount", code: "wrong_value", message: "" }],
      target,
    })
    expect(error).toBeInstanceOf(InvoiceboxError)
    expect(error.name).toBe("InvoiceboxApiError")
    expect(error).toMatchObject({ httpStatus: 422, code: "wrong_total_amount", requestId: "req-42", ...target })
    expect(error.fields).toEqual([{ name: "amount", code: "wrong_value", message: "" }])
    expect(error.message).toContain("wrong_total_amount")
    expect(error.message).toContain("Calculation Error")
    expect(error.message).toContain("amount=wrong_value")
    expect(error.message).toContain("X-Request-Id: req-42")
  })

  it("InvoiceboxNetworkError tells a timeout from a network failure", () => {
    const timeout = new InvoiceboxNetworkError("timeout", target, "ECONNABORTED")
    const network = new InvoiceboxNetworkError("network", target, "ECONNRESET")
    expect([timeout.kind, timeout.code]).toEqual(["timeout", "timeout"])
    expect([network.kind, network.code]).toEqual(["network", "network_error"])
  })

  it("InvoiceboxResultUnknownError keeps its cause and request id", () => {
    const cause = new InvoiceboxApiError({
      httpStatus: 502,
      code: "http_502",
      apiMessage: "",
      requestId: "r-1",
      target,
    })
    const error = new InvoiceboxResultUnknownError(target, cause, "r-1")
    expect(error.code).toBe("result_unknown")
    expect(error.cause).toBe(cause)
    expect(error.requestId).toBe("r-1")
    expect(error.message).toContain("http_502")
  })

  it("InvoiceboxRateLimitError has the code rate_limited_locally", () => {
    const error = new InvoiceboxRateLimitError(50, { maxRequests: 1, intervalMs: 1000 })
    expect(error.code).toBe("rate_limited_locally")
    expect(error.message).toMatch(/1 requests per 1000 ms/)
  })
})

describe("errors from the wire", () => {
  let server: Server
  let base: string
  let reply: { status: number; body: string; headers?: Record<string, string> }

  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume()
      req.on("end", () =>
        res.writeHead(reply.status, { "Content-Type": "application/json", ...reply.headers }).end(reply.body)
      )
    })
    base = await listenLocally(server)
  })
  afterAll(() => closeServer(server))

  const client = (logs: InvoiceboxRequestLog[] = []) =>
    new InvoiceboxClient({
      token: TOKEN,
      baseUrl: base,
      rateLimit: false,
      retry: { maxAttempts: 1 },
      logger: (e) => logs.push(e),
    })

  it("reads code, message and fields of the recorded wrong_total_amount reply", async () => {
    reply = {
      status: 422,
      headers: { "X-Request-Id": "abc-123" },
      body: JSON.stringify({
        error: {
          message: "Calculation Error",
          code: "wrong_total_amount",
          fields: [{ name: "amount", code: "wrong_value", message: "" }],
        },
      }),
    }
    const error = (await client()
      .createOrder(orderRequest())
      .catch((e: unknown) => e)) as InvoiceboxApiError
    expect(error).toBeInstanceOf(InvoiceboxApiError)
    expect(error).toMatchObject({ httpStatus: 422, code: "wrong_total_amount", requestId: "abc-123", method: "POST" })
    expect(error.path).toBe("/v3/billing/api/order/order")
    expect(error.fields).toHaveLength(1)
  })

  it("uses http_<status> when the body has no error code", async () => {
    reply = { status: 404, body: "<html>not found</html>" }
    const error = (await client()
      .listOrders()
      .catch((e: unknown) => e)) as InvoiceboxApiError
    expect(error.code).toBe("http_404")
    expect(error.requestId).toBeUndefined()
    expect(error.message).toContain("X-Request-Id: none")
  })

  it("turns a 2xx without the data envelope into invalid_response (result unknown for a write)", async () => {
    reply = { status: 200, body: '{"ok":true}' }
    const read = (await client()
      .checkAuth()
      .catch((e: unknown) => e)) as InvoiceboxApiError
    expect(read.code).toBe("invalid_response")
    const write = await client()
      .createOrder(orderRequest())
      .catch((e: unknown) => e)
    expect(write).toBeInstanceOf(InvoiceboxResultUnknownError)
  })

  it("never exposes the token: message, stack, JSON, cause chain or log entries", async () => {
    reply = {
      status: 500,
      headers: { "X-Request-Id": "r-500" },
      body: '{"error":{"code":"internal","message":"boom"}}',
    }
    const logs: InvoiceboxRequestLog[] = []
    const error = (await client(logs)
      .createOrder(orderRequest())
      .catch((e: unknown) => e)) as InvoiceboxResultUnknownError
    expect(error).toBeInstanceOf(InvoiceboxResultUnknownError)
    expect(error.requestId).toBe("r-500")
    let current: unknown = error
    while (current instanceof Error) {
      expect(current.message).not.toContain(TOKEN)
      expect(String(current.stack)).not.toContain(TOKEN)
      expect(JSON.stringify(current)).not.toContain(TOKEN)
      current = current.cause
    }
    expect(logs).toEqual([
      {
        method: "POST",
        path: "/v3/billing/api/order/order",
        attempt: 1,
        durationMs: expect.any(Number),
        status: 500,
        requestId: "r-500",
        errorCode: "internal",
      },
    ])
    expect(JSON.stringify(logs)).not.toContain(TOKEN)
  })
})

describe("notification failures", () => {
  it("never put the notification key in the reply or the reason", () => {
    const body = JSON.stringify({ id: "x" })
    const results = [
      verifyNotification({
        rawBody: body,
        signature: "00",
        notificationKey: DEMO_SHOP.notificationKey,
        merchantId: DEMO_SHOP.merchantId,
      }),
      verifyNotification({
        rawBody: body,
        signature: signBody(body, DEMO_SHOP.notificationKey),
        notificationKey: DEMO_SHOP.notificationKey,
        merchantId: DEMO_SHOP.merchantId,
      }),
    ]
    for (const result of results) {
      expect(result.ok).toBe(false)
      expect(JSON.stringify(result)).not.toContain(DEMO_SHOP.notificationKey)
    }
  })
})
