/**
 * The account's rate limit (100 requests / 30 s) shared by every server and worker of a store: a
 * sliding window kept in Redis (one sorted set per InvoiceBox account, Redis's own clock, one atomic
 * script per attempt). A caller that gets no slot waits until the oldest request leaves the window
 * and tries again; one that would wait longer than `maxWaitMs` gets InvoiceboxRateLimitError, which
 * the storefront sees as a clear "try again" error instead of InvoiceBox's 429.
 */
import { randomUUID } from "node:crypto"

import Redis from "ioredis"

import type { RequestLimiter } from "../invoicebox/client"
import { InvoiceboxRateLimitError } from "../invoicebox/errors"
import type { RateLimit } from "../invoicebox/rate-limiter"

// KEYS[1] window; ARGV: max requests, interval ms, member → 0 when granted, else ms until a slot frees
const TAKE_SLOT = `
local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local max = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', nowMs - interval)
if redis.call('ZCARD', KEYS[1]) < max then
  redis.call('ZADD', KEYS[1], nowMs, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], interval)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + interval - nowMs + 1)
`

const connections = new Map<string, Redis>()

/** One connection per Redis URL in a process, however many accounts use it. */
function connection(redisUrl: string): Redis {
  let redis = connections.get(redisUrl)
  if (!redis) {
    redis = new Redis(redisUrl, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false })
    // a Redis hiccup must not crash the store: acquire() reports it to its caller
    redis.on("error", () => undefined)
    connections.set(redisUrl, redis)
  }
  return redis
}

export class RedisRateLimiter implements RequestLimiter {
  private readonly redis: Redis
  private readonly maxWaitMs: number

  constructor(
    redisUrl: string,
    /** one key per InvoiceBox account (never the token itself) */
    private readonly key: string,
    private readonly limit: RateLimit
  ) {
    this.redis = connection(redisUrl)
    this.maxWaitMs = limit.maxWaitMs ?? limit.intervalMs * 2
  }

  async acquire(): Promise<void> {
    const startedAt = Date.now()
    // a request reaches InvoiceBox a little after its slot is granted, so InvoiceBox's window is kept a
    // little longer here: otherwise the first request of a new window could meet the last of the old one
    const windowMs = this.limit.intervalMs + Math.max(100, Math.round(this.limit.intervalMs * 0.03))
    for (;;) {
      const wait = Number(await this.redis.eval(TAKE_SLOT, 1, this.key, this.limit.maxRequests, windowMs, randomUUID()))
      if (wait === 0) return
      const waited = Date.now() - startedAt
      if (waited + wait > this.maxWaitMs) throw new InvoiceboxRateLimitError(waited, this.limit)
      // a little jitter, so instances woken together do not all race for the same freed slot
      await new Promise((resolve) => setTimeout(resolve, wait + Math.floor(Math.random() * 20)))
    }
  }
}

/** Closes the shared connections (tests; a store's process simply exits). */
export async function closeRedisRateLimiters(): Promise<void> {
  await Promise.all([...connections.values()].map((redis) => redis.quit().catch(() => undefined)))
  connections.clear()
}
