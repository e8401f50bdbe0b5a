/** The client-side sliding-window limiter: window, FIFO order, bounded wait, and a 300-call burst. */
import { createServer, type Server } from "node:http"

import { InvoiceboxClient } from "../../src/invoicebox/client"
import { InvoiceboxRateLimitError } from "../../src/invoicebox/errors"
import { DEFAULT_RATE_LIMIT, SlidingWindowRateLimiter } from "../../src/invoicebox/rate-limiter"
import { closeServer, listenLocally } from "../helpers/local-server"

/** Largest number of timestamps inside any half-open window of `intervalMs`. */
function maxInWindow(times: number[], intervalMs: number): number {
  const sorted = [...times].sort((a, b) => a - b)
  let best = 0
  let start = 0
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= intervalMs) start++
    best = Math.max(best, end - start + 1)
  }
  return best
}

describe("SlidingWindowRateLimiter", () => {
  it("defaults to the API's per-account limit of 100 requests per 30 s", () => {
    expect(DEFAULT_RATE_LIMIT).toEqual({ maxRequests: 100, intervalMs: 30_000 })
  })

  it("slides: a slot frees intervalMs after its own grant, not at a fixed window boundary", async () => {
    const limiter = new SlidingWindowRateLimiter({ maxRequests: 2, intervalMs: 300 })
    const started = Date.now()
    await limiter.acquire()
    await new Promise((resolve) => setTimeout(resolve, 150))
    await limiter.acquire()
    expect(limiter.inWindow()).toBe(2)
    await limiter.acquire() // waits for the first grant to leave the window (~300 ms)
    const third = Date.now() - started
    expect(third).toBeGreaterThanOrEqual(295)
    expect(third).toBeLessThan(430)
    await limiter.acquire() // waits for the second (~450 ms)
    expect(Date.now() - started).toBeGreaterThanOrEqual(445)
  })

  it("serves queued callers in arrival order, and a new caller never jumps the queue", async () => {
    const limiter = new SlidingWindowRateLimiter({ maxRequests: 3, intervalMs: 100, maxWaitMs: 2_000 })
    const order: number[] = []
    const queued = Array.from({ length: 10 }, (_, i) => limiter.acquire().then(() => order.push(i)))
    // a slot may free before the queue drains; the latecomer must still wait behind the queue
    await new Promise((resolve) => setTimeout(resolve, 120))
    const late = limiter.acquire().then(() => order.push(99))
    await Promise.all([...queued, late])
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 99])
  })

  it("rejects with rate_limited_locally after maxWaitMs and serves later callers normally", async () => {
    const limiter = new SlidingWindowRateLimiter({ maxRequests: 1, intervalMs: 150, maxWaitMs: 100 })
    await limiter.acquire()
    const started = Date.now()
    const error = await limiter.acquire().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InvoiceboxRateLimitError)
    expect((error as InvoiceboxRateLimitError).code).toBe("rate_limited_locally")
    expect(Date.now() - started).toBeGreaterThanOrEqual(95)
    await limiter.acquire() // the window frees at ~150 ms; the rejected waiter took no slot
    expect(Date.now() - started).toBeLessThan(280)
  })

  it("refuses a nonsense limit", () => {
    expect(() => new SlidingWindowRateLimiter({ maxRequests: 1.5, intervalMs: 100 })).toThrow(RangeError)
    expect(() => new SlidingWindowRateLimiter({ maxRequests: 1, intervalMs: 0 })).toThrow(RangeError)
  })
})

describe("a 300-call burst through InvoiceboxClient", () => {
  const CLIENT_LIMIT = { maxRequests: 20, intervalMs: 500, maxWaitMs: 20_000 }
  // the server's window is shorter by a margin so that delivery jitter cannot bunch two client windows
  const SERVER_WINDOW_MS = 400
  let server: Server
  let base: string
  const arrivals: number[] = []
  let refused = 0

  beforeAll(async () => {
    server = createServer((req, res) => {
      const now = Date.now()
      req.resume()
      const recent = arrivals.filter((t) => now - t < SERVER_WINDOW_MS).length
      arrivals.push(now)
      if (recent >= CLIENT_LIMIT.maxRequests) {
        refused++
        res.writeHead(429, { "Content-Type": "application/json", "Retry-After": "1" })
        res.end('{"error":{"code":"too_many_requests","message":"Too Many Requests"}}')
        return
      }
      res.writeHead(200, { "Content-Type": "application/json" }).end('{"data":[]}')
    })
    base = await listenLocally(server)
  })
  afterAll(() => closeServer(server))

  it("queues below the limit: no 429 reaches the server and every window is respected", async () => {
    const statuses: number[] = []
    const client = new InvoiceboxClient({
      token: "tok",
      baseUrl: base,
      retry: { maxAttempts: 1 },
      rateLimit: CLIENT_LIMIT,
      logger: (entry) => statuses.push(entry.status ?? 0),
    })
    const started = Date.now()
    await Promise.all(Array.from({ length: 300 }, () => client.listOrders()))
    const elapsed = Date.now() - started
    expect(refused).toBe(0)
    expect(statuses).toHaveLength(300)
    expect(statuses.every((status) => status === 200)).toBe(true)
    expect(arrivals).toHaveLength(300)
    expect(maxInWindow(arrivals, SERVER_WINDOW_MS)).toBeLessThanOrEqual(CLIENT_LIMIT.maxRequests)
    // 300 calls at 20 per 500 ms: the last one cannot start before 14 windows have passed
    expect(elapsed).toBeGreaterThanOrEqual(14 * CLIENT_LIMIT.intervalMs)
  }, 30_000)
})
