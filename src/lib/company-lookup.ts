/**
 * Company lookup by ИНН for a storefront's «оплата от юрлица» form: InvoiceBox's counterparty details
 * (GET /v3/filter/api/counterparty-detail) through the provider's client, as company payer prefills
 * (name, ИНН, КПП, legal address). Answers are cached for `companyLookupCacheSeconds` (a company not
 * found for at most an hour); what reaches InvoiceBox is limited by `companyLookupRateLimit` — for
 * every server together in Redis when the provider has `rateLimitRedisUrl`, else per process — so a
 * public route cannot spend the account's request budget that payments need. Beyond it:
 * InvoiceboxRateLimitError, sent nowhere.
 */
import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

import type { InvoiceboxClient } from "../invoicebox/client"
import { companyPayerPrefillsFor, type CompanyPayerPrefill } from "../invoicebox/company-payer"
import { errorMessageOf } from "../invoicebox/errors"
import type { RequestLimiter } from "../invoicebox/client"
import { SlidingWindowRateLimiter } from "../invoicebox/rate-limiter"
import { RedisRateLimiter } from "../payment/redis-rate-limiter"
import type { InvoiceboxProviderEntry } from "../providers/invoicebox/registry"
import { companyLookupCache } from "./company-lookup-cache"

/** How long "no company with this ИНН" is kept at most, seconds. */
const NOT_FOUND_TTL_SECONDS = 3_600

const limiters = new Map<string, RequestLimiter>()

export function companyLookupLimiterOf(provider: InvoiceboxProviderEntry): RequestLimiter {
  const { maxRequests, intervalMs } = provider.options.companyLookupRateLimit
  const redisUrl = provider.options.rateLimitRedisUrl
  const key = `${provider.providerId}:${maxRequests}:${intervalMs}:${redisUrl ?? "process"}`
  let limiter = limiters.get(key)
  if (!limiter) {
    // no waiting: a lookup over the limit is refused at once
    const limit = { maxRequests, intervalMs, maxWaitMs: 0 }
    limiter = redisUrl
      ? new RedisRateLimiter(redisUrl, `invoicebox:company-lookup-limit:${provider.providerId}`, limit)
      : new SlidingWindowRateLimiter(limit)
    limiters.set(key, limiter)
  }
  return limiter
}

export function companyLookupKey(providerId: string, inn: string): string {
  return `invoicebox:company-lookup:${providerId}:${inn}`
}

/** The prefills for a valid ИНН (empty when InvoiceBox knows no such company). */
export async function lookupCompanies(
  container: MedusaContainer,
  provider: InvoiceboxProviderEntry & { client: InvoiceboxClient },
  inn: string
): Promise<CompanyPayerPrefill[]> {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const ttl = provider.options.companyLookupCacheSeconds
  const cache = ttl > 0 ? companyLookupCache(container) : null
  const key = companyLookupKey(provider.providerId, inn)
  const cached = await cache?.get(key).catch((error: unknown) => {
    logger.warn(`InvoiceBox company lookup: the cache could not be read: ${errorMessageOf(error)}`)
    return null
  })
  if (cached) return cached

  await companyLookupLimiterOf(provider).acquire()
  const companies = companyPayerPrefillsFor(inn, await provider.client.getCounterpartyDetails(inn))
  await cache
    ?.set(key, companies, companies.length > 0 ? ttl : Math.min(ttl, NOT_FOUND_TTL_SECONDS))
    .catch((error: unknown) =>
      logger.warn(`InvoiceBox company lookup: the cache could not be written: ${errorMessageOf(error)}`)
    )
  return companies
}
