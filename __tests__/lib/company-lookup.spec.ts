/** Company lookup by ИНН: prefills, the cache (Caching Module, Cache Module, in-process) and the lookup limit. */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"

import type { InvoiceboxClient } from "../../src/invoicebox/client"
import { InvoiceboxRateLimitError } from "../../src/invoicebox/errors"
import type { Counterparty } from "../../src/invoicebox/types"
import { companyLookupCache } from "../../src/lib/company-lookup-cache"
import { companyLookupKey, lookupCompanies } from "../../src/lib/company-lookup"
import { parseProviderOptions } from "../../src/payment/options"
import { providerEntry } from "../../src/providers/invoicebox/registry"
import { DEMO_SHOP } from "../../src/invoicebox/types"
import { counterpartyByInn } from "../../src/sandbox/counterparty-registry"

const logger = { warn: jest.fn(), info: jest.fn(), error: jest.fn() }

function containerWith(services: Record<string, unknown>): MedusaContainer {
  const all: Record<string, unknown> = { [ContainerRegistrationKeys.LOGGER]: logger, ...services }
  return {
    resolve: (key: string, options?: { allowUnregistered?: boolean }) => {
      if (key in all) return all[key]
      if (options?.allowUnregistered) return undefined
      throw new Error(`${key} is not registered`)
    },
  } as unknown as MedusaContainer
}

let providerCount = 0
function providerWith(counterparties: Counterparty[], overrides: Record<string, unknown> = {}) {
  const getCounterpartyDetails = jest.fn(async () => counterparties)
  providerCount += 1
  const entry = providerEntry(
    `p${providerCount}`,
    parseProviderOptions({
      merchantId: DEMO_SHOP.merchantId,
      token: DEMO_SHOP.token,
      notificationKey: DEMO_SHOP.notificationKey,
      ...overrides,
    })
  )
  return {
    ...entry,
    client: { getCounterpartyDetails } as unknown as InvoiceboxClient,
    getCounterpartyDetails,
  }
}

const INN = "7707083893"
const company = counterpartyByInn(INN)!

/** A Cache Module (ICacheService) in memory, remembering the TTLs it was given. */
function cacheModule() {
  const entries = new Map<string, unknown>()
  const ttls: number[] = []
  return {
    ttls,
    entries,
    get: async (key: string) => entries.get(key) ?? null,
    set: async (key: string, data: unknown, ttl?: number) => {
      entries.set(key, data)
      ttls.push(ttl ?? -1)
    },
    invalidate: async (key: string) => void entries.delete(key),
  }
}

describe("lookupCompanies", () => {
  it("answers prefills of the companies under the ИНН and caches them in the Cache Module", async () => {
    const cache = cacheModule()
    const container = containerWith({ [Modules.CACHE]: cache })
    const provider = providerWith([company])
    const first = await lookupCompanies(container, provider, INN)
    expect(first).toEqual([
      {
        name: company.name,
        inn: INN,
        kpp: company.taxRegistrationReasonCode,
        legal_address: company.registrationAddress,
      },
    ])
    expect(await lookupCompanies(container, provider, INN)).toEqual(first)
    expect(provider.getCounterpartyDetails).toHaveBeenCalledTimes(1)
    expect(cache.ttls).toEqual([86_400])
    expect(cache.entries.has(companyLookupKey(provider.providerId, INN))).toBe(true)
  })

  it("keeps 'not found' for an hour at most", async () => {
    const cache = cacheModule()
    const provider = providerWith([])
    expect(await lookupCompanies(containerWith({ [Modules.CACHE]: cache }), provider, INN)).toEqual([])
    expect(cache.ttls).toEqual([3_600])
  })

  it("prefers the Caching Module when the store registered it", async () => {
    const stored = new Map<string, unknown>()
    const caching = {
      get: jest.fn(async ({ key }: { key: string }) => stored.get(key) ?? null),
      set: jest.fn(async ({ key, data }: { key: string; data: object; ttl?: number }) => void stored.set(key, data)),
    }
    const container = containerWith({ [Modules.CACHING]: caching, [Modules.CACHE]: cacheModule() })
    const provider = providerWith([company])
    await lookupCompanies(container, provider, INN)
    await lookupCompanies(container, provider, INN)
    expect(caching.set).toHaveBeenCalledWith(expect.objectContaining({ ttl: 86_400 }))
    expect(provider.getCounterpartyDetails).toHaveBeenCalledTimes(1)
  })

  it("falls back to an in-process cache without either module, and does not cache with 0 seconds", async () => {
    const provider = providerWith([company])
    await lookupCompanies(containerWith({}), provider, INN)
    await lookupCompanies(containerWith({}), provider, INN)
    expect(provider.getCounterpartyDetails).toHaveBeenCalledTimes(1)
    const uncached = providerWith([company], { companyLookupCacheSeconds: 0 })
    await lookupCompanies(containerWith({ [Modules.CACHE]: cacheModule() }), uncached, INN)
    await lookupCompanies(containerWith({ [Modules.CACHE]: cacheModule() }), uncached, INN)
    expect(uncached.getCounterpartyDetails).toHaveBeenCalledTimes(2)
  })

  it("still answers when the cache fails", async () => {
    const broken = {
      get: async () => Promise.reject(new Error("down")),
      set: async () => Promise.reject(new Error("down")),
    }
    const provider = providerWith([company])
    expect(await lookupCompanies(containerWith({ [Modules.CACHE]: broken }), provider, INN)).toHaveLength(1)
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining("could not be read"))
  })

  it("refuses lookups over companyLookupRateLimit without asking InvoiceBox", async () => {
    const provider = providerWith([company], {
      companyLookupCacheSeconds: 0,
      companyLookupRateLimit: { maxRequests: 2, intervalMs: 60_000 },
    })
    const container = containerWith({})
    await lookupCompanies(container, provider, INN)
    await lookupCompanies(container, provider, INN)
    await expect(lookupCompanies(container, provider, INN)).rejects.toBeInstanceOf(InvoiceboxRateLimitError)
    expect(provider.getCounterpartyDetails).toHaveBeenCalledTimes(2)
  })
})

describe("companyLookupCache", () => {
  it("reads a foreign value under the key as a miss", async () => {
    const cache = cacheModule()
    cache.entries.set("k", "not a list")
    expect(await companyLookupCache(containerWith({ [Modules.CACHE]: cache })).get("k")).toBeNull()
  })

  it("expires in-process entries", async () => {
    const memory = companyLookupCache(containerWith({}))
    await memory.set("expiring", [{ inn: INN }], 0)
    expect(await memory.get("expiring")).toBeNull()
  })
})
