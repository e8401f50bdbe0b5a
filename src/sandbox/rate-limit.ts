/** The API's request limit (api/limits.md), per token: a sliding window; past it HTTP 429. */
export class RequestWindow {
  private readonly hits = new Map<string, number[]>()

  constructor(private readonly limit: { maxRequests: number; intervalMs: number }) {}

  /** Records a request; returns 0 when allowed, else the milliseconds until a slot frees. */
  hit(key: string, now: number = Date.now()): number {
    const windowStart = now - this.limit.intervalMs
    const times = (this.hits.get(key) ?? []).filter((time) => time > windowStart)
    if (times.length >= this.limit.maxRequests) {
      this.hits.set(key, times)
      return times[0]! + this.limit.intervalMs - now
    }
    times.push(now)
    this.hits.set(key, times)
    return 0
  }

  reset(): void {
    this.hits.clear()
  }
}
