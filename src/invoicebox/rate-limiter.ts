import { InvoiceboxRateLimitError } from "./errors"

export interface RateLimit {
  maxRequests: number
  intervalMs: number
  /** how long a caller may wait for a slot before InvoiceboxRateLimitError (default: 2 intervals) */
  maxWaitMs?: number
}

/** The API's own limit is 100 requests per 30 s per account (api/limits.md). */
export const DEFAULT_RATE_LIMIT: RateLimit = { maxRequests: 100, intervalMs: 30_000 }

interface Waiter {
  resolve: () => void
  reject: (error: Error) => void
  enqueuedAt: number
  timer: NodeJS.Timeout
}

/**
 * Sliding-window limiter: at most `maxRequests` slots are handed out in any `intervalMs` window.
 * Callers wait in FIFO order; one that would wait longer than `maxWaitMs` is rejected, so a burst
 * of checkouts queues below the API's limit instead of tripping its 429.
 */
export class SlidingWindowRateLimiter {
  private readonly granted: number[] = []
  private readonly queue: Waiter[] = []
  private drainTimer: NodeJS.Timeout | undefined
  private readonly maxWaitMs: number

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now
  ) {
    if (!Number.isInteger(limit.maxRequests) || limit.maxRequests < 1) {
      throw new RangeError("rateLimit.maxRequests must be a positive integer")
    }
    if (!(limit.intervalMs > 0)) throw new RangeError("rateLimit.intervalMs must be > 0")
    this.maxWaitMs = limit.maxWaitMs ?? limit.intervalMs * 2
  }

  /** Resolves when the caller may send one request. */
  acquire(): Promise<void> {
    if (this.queue.length === 0 && this.tryGrant()) return Promise.resolve()
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        enqueuedAt: this.now(),
        timer: setTimeout(() => {
          const index = this.queue.indexOf(waiter)
          if (index >= 0) this.queue.splice(index, 1)
          reject(new InvoiceboxRateLimitError(this.now() - waiter.enqueuedAt, this.limit))
        }, this.maxWaitMs),
      }
      this.queue.push(waiter)
      this.scheduleDrain()
    })
  }

  /** Requests granted in the current window (for tests and diagnostics). */
  inWindow(): number {
    this.prune()
    return this.granted.length
  }

  private prune(): void {
    const windowStart = this.now() - this.limit.intervalMs
    while (this.granted.length > 0 && this.granted[0]! <= windowStart) this.granted.shift()
  }

  private tryGrant(): boolean {
    this.prune()
    if (this.granted.length >= this.limit.maxRequests) return false
    this.granted.push(this.now())
    return true
  }

  private scheduleDrain(): void {
    if (this.drainTimer || this.queue.length === 0) return
    this.prune()
    const oldest = this.granted[0]
    const delay = oldest === undefined ? 0 : Math.max(0, oldest + this.limit.intervalMs - this.now() + 1)
    this.drainTimer = setTimeout(() => {
      this.drainTimer = undefined
      while (this.queue.length > 0 && this.tryGrant()) {
        const waiter = this.queue.shift()!
        clearTimeout(waiter.timer)
        waiter.resolve()
      }
      this.scheduleDrain()
    }, delay)
    this.drainTimer.unref?.()
  }
}
