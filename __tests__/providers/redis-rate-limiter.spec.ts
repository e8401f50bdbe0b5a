/**
 * The account's rate limit kept in Redis: two clients with their own limiter objects (as two Medusa
 * processes would have) share one window, so together they never go over it and InvoiceBox never
 * answers 429; a caller that would wait too long gets a clear error instead.
 */
import { startRedis, type RunningRedis } from "../../scripts/lib/redis"
import { InvoiceboxClient, type InvoiceboxRequestLog } from "../../src/invoicebox/client"
import { InvoiceboxRateLimitError } from "../../src/invoicebox/errors"
import { DEMO_SHOP } from "../../src/invoicebox/types"
import { companyLookupLimiterOf } from "../../src/lib/company-lookup"
import { parseProviderOptions } from "../../src/payment/options"
import { closeRedisRateLimiters, RedisRateLimiter } from "../../src/payment/redis-rate-limiter"
import { providerEntry } from "../../src/providers/invoicebox/registry"
import { startSandbox, type RunningSandbox } from "../../src/sandbox"

const LIMIT = { maxRequests: 5, intervalMs: 1_000 }

let redis: RunningRedis
let sandbox: RunningSandbox
beforeAll(async () => {
  redis = await startRedis()
  // the sandbox enforces the same limit as the real API would (scaled down)
  sandbox = await startSandbox({ port: 0, quiet: true, rateLimit: LIMIT })
})
afterAll(async () => {
  await closeRedisRateLimiters()
  await sandbox.close()
  await redis.stop()
})

function client(key: string, log: InvoiceboxRequestLog[], maxWaitMs = 10_000): InvoiceboxClient {
  return new InvoiceboxClient({
    token: DEMO_SHOP.token,
    baseUrl: sandbox.url,
    limiter: new RedisRateLimiter(redis.url, key, { ...LIMIT, maxWaitMs }),
    logger: (entry) => log.push(entry),
  })
}

it("two processes' clients keep to one window together: no 429, and the burst takes its floor", async () => {
  const log: InvoiceboxRequestLog[] = []
  const [a, b] = [client("test:shared", log), client("test:shared", log)]
  const started = Date.now()
  await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? a : b).checkAuth()))
  const elapsed = Date.now() - started
  expect(log.filter((entry) => entry.status === 429)).toEqual([])
  expect(log).toHaveLength(12)
  // 12 requests at 5 per second: the last two cannot leave before the third window
  expect(elapsed).toBeGreaterThanOrEqual(2 * LIMIT.intervalMs)
})

it("a caller that would wait longer than maxWaitMs gets InvoiceboxRateLimitError, and nothing is sent", async () => {
  // the sandbox's window of the first test empties first
  await new Promise((resolve) => setTimeout(resolve, LIMIT.intervalMs + 300))
  const log: InvoiceboxRequestLog[] = []
  const impatient = client("test:impatient", log, 200)
  const results = await Promise.allSettled(Array.from({ length: 7 }, () => impatient.checkAuth()))
  const refused = results.filter((result) => result.status === "rejected")
  expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(5)
  expect(refused).toHaveLength(2)
  for (const result of refused)
    expect((result as PromiseRejectedResult).reason).toBeInstanceOf(InvoiceboxRateLimitError)
  expect(log).toHaveLength(5)
})

it("company lookups keep to their own limit for all processes together when the provider has Redis", async () => {
  const options = {
    merchantId: DEMO_SHOP.merchantId,
    token: DEMO_SHOP.token,
    companyLookupRateLimit: { maxRequests: 2, intervalMs: 60_000 },
  }
  const shared = companyLookupLimiterOf(
    providerEntry("lookup", parseProviderOptions({ ...options, rateLimitRedisUrl: redis.url }))
  )
  expect(shared).toBeInstanceOf(RedisRateLimiter)
  await shared.acquire()
  // another process: its own limiter object, the same window in Redis
  const otherProcess = new RedisRateLimiter(redis.url, "invoicebox:company-lookup-limit:pp_invoicebox_lookup", {
    maxRequests: 2,
    intervalMs: 60_000,
    maxWaitMs: 0,
  })
  await otherProcess.acquire()
  await expect(shared.acquire()).rejects.toBeInstanceOf(InvoiceboxRateLimitError)
  await expect(otherProcess.acquire()).rejects.toBeInstanceOf(InvoiceboxRateLimitError)
  // without Redis each process keeps its own window
  const local = companyLookupLimiterOf(providerEntry("lookup-local", parseProviderOptions(options)))
  expect(local).not.toBeInstanceOf(RedisRateLimiter)
})
