/** What goes over the wire: headers, the /l3 prefix, filter encoding, lost connections. */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http"

import { DEFAULT_USER_AGENT, InvoiceboxClient } from "../../src/invoicebox/client"
import { InvoiceboxNetworkError, InvoiceboxResultUnknownError } from "../../src/invoicebox/errors"
import { encodeListQuery } from "../../src/invoicebox/list-query"
import { PACKAGE_VERSION } from "../../src/invoicebox/version"
import { orderRequest } from "../helpers/orders"
import { closeServer, listenLocally } from "../helpers/local-server"

interface Seen {
  method: string
  url: string
  headers: IncomingHttpHeaders
}

let server: Server
let base: string
const seen: Seen[] = []
let mode: "ok" | "hang" | "reset" = "ok"

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers })
    req.resume()
    req.on("end", () => {
      if (mode === "hang") return
      if (mode === "reset") {
        req.socket.destroy()
        return
      }
      res
        .writeHead(200, { "Content-Type": "application/json", "X-Request-Id": "req-1" })
        .end('{"data":[],"extendedData":[]}')
    })
  })
  base = await listenLocally(server)
})
afterAll(() => closeServer(server))
beforeEach(() => {
  seen.length = 0
  mode = "ok"
})

it("sends the documented headers", async () => {
  await new InvoiceboxClient({ token: "tok", baseUrl: base, rateLimit: false }).listOrders()
  const [request] = seen
  expect(request!.headers["authorization"]).toBe("Bearer tok")
  expect(request!.headers["accept"]).toBe("application/json")
  expect(request!.headers["content-type"]).toBe("application/json")
  expect(request!.headers["user-agent"]).toBe(DEFAULT_USER_AGENT)
  expect(DEFAULT_USER_AGENT).toMatch(/^medusa-payment-invoicebox\/\d+\.\d+\.\d+ \(Invoicebox 3\.0\)$/)
})

it("keeps the User-Agent's version equal to package.json", () => {
  expect(PACKAGE_VERSION).toBe((require("../../package.json") as { version: string }).version)
})

it("uses the /l3 prefix for InvoiceBox.Business shops", async () => {
  await new InvoiceboxClient({ token: "29078-API:tok", baseUrl: base, apiPrefix: "l3", rateLimit: false }).getOrder(
    "abc"
  )
  expect(seen[0]!.url).toBe("/l3/filter/api/order/order?id=abc")
})

it("encodes filters, sorting and paging as the docs describe", () => {
  expect(
    encodeListQuery({
      filter: { status: ["created", "completed"], amount: { _ge: 1000, _lt: 2000 }, merchantOrderId: "A&B" },
      order: { createdAt: "desc", id: "asc" },
      pageSize: 5,
      page: 2,
    })
  ).toBe(
    "status[]=created&status[]=completed&amount[_ge]=1000&amount[_lt]=2000&merchantOrderId=A%26B" +
      "&_order[createdAt]=desc&_order[id]=asc&pageSize=5&page=2"
  )
})

it("tells a timed-out read (retried, then InvoiceboxNetworkError) from a write with an unknown result", async () => {
  mode = "hang"
  const client = new InvoiceboxClient({
    token: "tok",
    baseUrl: base,
    timeoutMs: 100,
    rateLimit: false,
    retry: { maxAttempts: 2, baseDelayMs: 1 },
  })
  const read = await client.listOrders().catch((e: unknown) => e)
  expect(read).toBeInstanceOf(InvoiceboxNetworkError)
  expect((read as InvoiceboxNetworkError).kind).toBe("timeout")
  expect(seen).toHaveLength(2)
  seen.length = 0
  const write = await client.createOrder(orderRequest()).catch((e: unknown) => e)
  expect(write).toBeInstanceOf(InvoiceboxResultUnknownError)
  expect(seen).toHaveLength(1)
})

it("treats a connection reset after sending a write as an unknown result", async () => {
  mode = "reset"
  const client = new InvoiceboxClient({ token: "tok", baseUrl: base, rateLimit: false })
  const write = await client.cancelOrder("abc").catch((e: unknown) => e)
  expect(write).toBeInstanceOf(InvoiceboxResultUnknownError)
  expect(seen).toHaveLength(1)
})

it("reports a refused connection as a network error: nothing was sent", async () => {
  const client = new InvoiceboxClient({
    token: "tok",
    baseUrl: "http://127.0.0.1:1",
    rateLimit: false,
    retry: { maxAttempts: 1 },
  })
  const write = await client.createOrder(orderRequest()).catch((e: unknown) => e)
  expect(write).toBeInstanceOf(InvoiceboxNetworkError)
  expect((write as InvoiceboxNetworkError).kind).toBe("network")
})
