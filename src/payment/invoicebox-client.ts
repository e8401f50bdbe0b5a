/**
 * The InvoiceBox client of an account as the provider's options describe it: API address, timeout, the
 * account's rate limit (kept in Redis for every process of the store when `rateLimitRedisUrl` is set)
 * and a warning logged for every failed request (never its token). Each Medusa adapter keeps one
 * client per account.
 */
import { createHash } from "node:crypto"

import { InvoiceboxClient } from "../invoicebox/client"
import type { InvoiceboxProviderOptions } from "./options"
import { RedisRateLimiter } from "./redis-rate-limiter"

export interface WarningLogger {
  warn(message: string): void
}

export function newInvoiceboxClient(options: InvoiceboxProviderOptions, logger?: WarningLogger): InvoiceboxClient {
  const rateLimit =
    options.rateLimit === false ? false : { ...options.rateLimit, maxWaitMs: options.rateLimitMaxWaitMs }
  return new InvoiceboxClient({
    token: options.token,
    baseUrl: options.apiUrl,
    apiPrefix: options.apiPrefix,
    timeoutMs: options.timeoutMs,
    rateLimit,
    // every instance of the store keeps to the account's one limit together
    limiter:
      rateLimit && options.rateLimitRedisUrl
        ? new RedisRateLimiter(options.rateLimitRedisUrl, rateLimitKey(options), rateLimit)
        : undefined,
    logger: (entry) => {
      if (entry.errorCode) {
        logger?.warn(
          `InvoiceBox ${entry.method} ${entry.path} → ${entry.status ?? "no reply"} ${entry.errorCode} ` +
            `(attempt ${entry.attempt}, X-Request-Id ${entry.requestId ?? "none"})`
        )
      }
    },
  })
}

/** The Redis key of an account's shared rate limit (a hash: never the token itself). */
function rateLimitKey(options: InvoiceboxProviderOptions): string {
  const account = createHash("sha256").update(JSON.stringify([options.token, options.apiUrl, options.apiPrefix]))
  return `invoicebox:rate-limit:${account.digest("hex")}`
}
