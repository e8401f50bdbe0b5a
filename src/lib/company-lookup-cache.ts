/**
 * Where company lookups (GET /store/invoicebox/companies) are cached: Medusa's Caching Module when the
 * store registered it (Redis in production, shared by every instance), else the Cache Module (Medusa
 * registers an in-memory one by default), else a small in-process TTL map. A cached value that is not
 * a list of prefills reads as a miss.
 */
import type { ICacheService, ICachingModuleService, MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"

import type { CompanyPayerPrefill } from "../invoicebox/company-payer"

export interface CompanyLookupCache {
  get(key: string): Promise<CompanyPayerPrefill[] | null>
  set(key: string, companies: CompanyPayerPrefill[], ttlSeconds: number): Promise<void>
}

/** What is stored: an object (the Caching Module keeps objects), the list inside. */
interface Entry {
  companies: CompanyPayerPrefill[]
}

function companiesOf(value: unknown): CompanyPayerPrefill[] | null {
  const companies = (value as Partial<Entry> | null | undefined)?.companies
  return Array.isArray(companies) ? companies : null
}

/** At most this many entries in the in-process fallback; the oldest go first. */
const MEMORY_LIMIT = 1_000
const memory = new Map<string, { expiresAt: number; companies: CompanyPayerPrefill[] }>()

const memoryCache: CompanyLookupCache = {
  async get(key) {
    const entry = memory.get(key)
    if (!entry) return null
    if (entry.expiresAt <= Date.now()) {
      memory.delete(key)
      return null
    }
    return entry.companies
  },
  async set(key, companies, ttlSeconds) {
    memory.delete(key)
    if (memory.size >= MEMORY_LIMIT) memory.delete(memory.keys().next().value as string)
    memory.set(key, { expiresAt: Date.now() + ttlSeconds * 1000, companies })
  },
}

export function companyLookupCache(container: MedusaContainer): CompanyLookupCache {
  const caching = container.resolve<ICachingModuleService | undefined>(Modules.CACHING, { allowUnregistered: true })
  if (caching) {
    return {
      get: async (key) => companiesOf(await caching.get({ key })),
      set: (key, companies, ttl) => caching.set({ key, data: { companies } satisfies Entry, ttl }),
    }
  }
  const cache = container.resolve<ICacheService | undefined>(Modules.CACHE, { allowUnregistered: true })
  if (cache) {
    return {
      get: async (key) => companiesOf(await cache.get<Entry>(key)),
      set: (key, companies, ttl) => cache.set(key, { companies } satisfies Entry, ttl),
    }
  }
  return memoryCache
}
