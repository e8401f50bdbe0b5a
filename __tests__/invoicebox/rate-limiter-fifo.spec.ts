/**
 * FIFO order of the sliding-window limiter on jest's fake clock (the injected `now` reads it, and the
 * limiter waits with setTimeout): at a window's end a slot frees before the queue is drained — the
 * moment a newcomer could grab it ahead of the callers already waiting.
 */
import { InvoiceboxRateLimitError } from "../../src/invoicebox/errors"
import { SlidingWindowRateLimiter } from "../../src/invoicebox/rate-limiter"

/** Lets resolved promises run their callbacks. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve()
}

describe("SlidingWindowRateLimiter FIFO order (fake clock)", () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000_000 })
  })
  afterEach(() => {
    jest.useRealTimers()
  })

  const limiterOf = (maxRequests: number, intervalMs: number, maxWaitMs = 60_000) =>
    new SlidingWindowRateLimiter({ maxRequests, intervalMs, maxWaitMs }, () => Date.now())

  it("a newcomer never takes a slot that freed while earlier callers still wait", async () => {
    const limiter = limiterOf(2, 1_000)
    const served: string[] = []
    const take = (name: string) => limiter.acquire().then(() => served.push(name))
    await Promise.all([take("first"), take("second")])
    const a = take("A")
    const b = take("B")
    await jest.advanceTimersByTimeAsync(999)
    expect(served).toEqual(["first", "second"])

    // the window's end: both slots are free by the clock, but A and B were there first
    await jest.advanceTimersByTimeAsync(1)
    expect(limiter.inWindow()).toBe(0)
    const late = take("late")
    await settle()
    expect(served).not.toContain("late")

    await jest.advanceTimersByTimeAsync(1)
    expect(served).toEqual(["first", "second", "A", "B"])
    expect(limiter.inWindow()).toBe(2)
    // A and B were granted at 1001 ms, so late's turn comes when their window ends
    await jest.advanceTimersByTimeAsync(1_000)
    expect(served).toEqual(["first", "second", "A", "B"])
    await jest.advanceTimersByTimeAsync(1)
    await Promise.all([a, b, late])
    expect(served).toEqual(["first", "second", "A", "B", "late"])
  })

  it("serves a queue of many in arrival order, one window's worth at a time", async () => {
    const limiter = limiterOf(3, 500)
    const served: number[] = []
    const all = Array.from({ length: 8 }, (_, i) => limiter.acquire().then(() => served.push(i)))
    await settle()
    expect(served).toEqual([0, 1, 2])
    await jest.advanceTimersByTimeAsync(500)
    const late = limiter.acquire().then(() => served.push(99))
    await settle()
    expect(served).not.toContain(99)
    await jest.advanceTimersByTimeAsync(1)
    expect(served).toEqual([0, 1, 2, 3, 4, 5])
    await jest.advanceTimersByTimeAsync(500)
    expect(served).toEqual([0, 1, 2, 3, 4, 5])
    await jest.advanceTimersByTimeAsync(1)
    expect(served).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 99])
    await Promise.all([...all, late])
  })

  it("grants at once, without waiting, while the window has room and nobody waits", async () => {
    const limiter = limiterOf(2, 1_000)
    const served: number[] = []
    void limiter.acquire().then(() => served.push(1))
    await settle()
    expect(served).toEqual([1])
    jest.setSystemTime(Date.now() + 999)
    void limiter.acquire().then(() => served.push(2))
    await settle()
    expect(served).toEqual([1, 2])
    expect(limiter.inWindow()).toBe(2)
    jest.setSystemTime(Date.now() + 1)
    expect(limiter.inWindow()).toBe(1) // the first grant left the window exactly intervalMs after it
  })

  it("a rejected waiter leaves the queue and the ones behind it keep their turn", async () => {
    const limiter = new SlidingWindowRateLimiter({ maxRequests: 1, intervalMs: 1_000, maxWaitMs: 800 }, () =>
      Date.now()
    )
    await limiter.acquire()
    const outcome: string[] = []
    const doomed = limiter.acquire().then(
      () => outcome.push("doomed served"),
      (error: unknown) => {
        expect(error).toBeInstanceOf(InvoiceboxRateLimitError)
        expect((error as InvoiceboxRateLimitError).code).toBe("rate_limited_locally")
        expect((error as InvoiceboxRateLimitError).message).toBe(
          "InvoiceBox request not sent: the client's rate limit (1 requests per 1000 ms) gave no slot within 800 ms"
        )
        outcome.push("doomed rejected")
      }
    )
    await jest.advanceTimersByTimeAsync(300)
    const patient = limiter.acquire().then(
      () => outcome.push("patient served"),
      () => outcome.push("patient rejected")
    )
    await jest.advanceTimersByTimeAsync(499)
    expect(outcome).toEqual([])
    await jest.advanceTimersByTimeAsync(1) // 800 ms: the first waiter gives up
    expect(outcome).toEqual(["doomed rejected"])
    await jest.advanceTimersByTimeAsync(201) // the window frees; the next in line is served
    expect(outcome).toEqual(["doomed rejected", "patient served"])
    await Promise.all([doomed, patient])
  })

  it("explains a nonsense limit", () => {
    for (const maxRequests of [0, -1, 1.5, Number.NaN]) {
      expect(() => limiterOf(maxRequests, 1_000)).toThrow(
        new RangeError("rateLimit.maxRequests must be a positive integer")
      )
    }
    for (const intervalMs of [0, -5, Number.NaN]) {
      expect(() => limiterOf(1, intervalMs)).toThrow(new RangeError("rateLimit.intervalMs must be > 0"))
    }
  })
})
