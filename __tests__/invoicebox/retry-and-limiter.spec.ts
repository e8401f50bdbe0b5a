import { backoffDelayMs, parseRetryAfter, resolveRetryPolicy } from "../../src/invoicebox/retry"
import { SlidingWindowRateLimiter } from "../../src/invoicebox/rate-limiter"
import { InvoiceboxRateLimitError } from "../../src/invoicebox/errors"

describe("backoff", () => {
  const policy = resolveRetryPolicy({ baseDelayMs: 100, maxDelayMs: 1_000 })

  it("grows exponentially under full jitter and is capped", () => {
    expect(backoffDelayMs(1, policy, undefined, () => 0.999)).toBe(99)
    expect(backoffDelayMs(3, policy, undefined, () => 0.999)).toBe(399)
    expect(backoffDelayMs(10, policy, undefined, () => 0.999)).toBe(999)
    expect(backoffDelayMs(3, policy, undefined, () => 0)).toBe(0)
  })

  it("never waits less than Retry-After", () => {
    expect(backoffDelayMs(1, policy, 2_000, () => 0.5)).toBe(2_000)
  })

  it("reads Retry-After as seconds or an HTTP date", () => {
    expect(parseRetryAfter("3")).toBe(3_000)
    expect(parseRetryAfter("0.25")).toBe(250)
    const now = Date.parse("2026-11-22T10:00:00Z")
    expect(parseRetryAfter("Sun, 22 Nov 2026 10:00:05 GMT", now)).toBe(5_000)
    expect(parseRetryAfter("soon")).toBeUndefined()
    expect(parseRetryAfter(undefined)).toBeUndefined()
  })
})

describe("SlidingWindowRateLimiter", () => {
  it("grants at most maxRequests per window, FIFO, and rejects after maxWaitMs", async () => {
    const limiter = new SlidingWindowRateLimiter({ maxRequests: 2, intervalMs: 200, maxWaitMs: 1_000 })
    const order: number[] = []
    const started = Date.now()
    const times: number[] = []
    await Promise.all(
      [0, 1, 2, 3, 4].map((i) =>
        limiter.acquire().then(() => {
          order.push(i)
          times.push(Date.now() - started)
        })
      )
    )
    expect(order).toEqual([0, 1, 2, 3, 4])
    expect(times[2]).toBeGreaterThanOrEqual(195)
    expect(times[4]).toBeGreaterThanOrEqual(395)

    const tight = new SlidingWindowRateLimiter({ maxRequests: 1, intervalMs: 10_000, maxWaitMs: 30 })
    await tight.acquire()
    await expect(tight.acquire()).rejects.toBeInstanceOf(InvoiceboxRateLimitError)
  })

  it("refuses a nonsense limit", () => {
    expect(() => new SlidingWindowRateLimiter({ maxRequests: 0, intervalMs: 100 })).toThrow(RangeError)
  })
})
