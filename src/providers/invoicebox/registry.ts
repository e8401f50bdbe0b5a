/**
 * The store's InvoiceBox providers, parsed once: every entry of the payment module's `providers` that
 * is this package's provider, by provider id (`pp_invoicebox_{id}`), each with its validated options
 * and the one InvoiceBox client of its account. The provider, routes, subscribers and workflows all
 * read it, so a process keeps one rate limiter per InvoiceBox account.
 */
import { createHash } from "node:crypto"
import { join } from "node:path"

import type { ConfigModule, Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"

import { InvoiceboxClient } from "../../invoicebox/client"
import { withMedusaDataErrors } from "./errors"
import { parseProviderOptions, type InvoiceboxProviderOptions } from "../../payment/options"
import { newInvoiceboxClient } from "../../payment/invoicebox-client"
import { storedCredentialsOf } from "./stored-connections"

/** The provider class's identifier: Medusa registers it as `pp_invoicebox_{id}`. */
export const INVOICEBOX_PROVIDER_IDENTIFIER = "invoicebox"

export interface InvoiceboxProviderEntry {
  /** the registration id in medusa-config (`invoicebox`) */
  id: string
  /** Medusa's provider id (`pp_invoicebox_invoicebox`) */
  providerId: string
  /** the options in medusa-config */
  readonly configured: InvoiceboxProviderOptions
  /** the options in effect now: the configured ones with the stored connection's account laid over */
  readonly options: InvoiceboxProviderOptions
  /** where the account in effect comes from */
  readonly accountSource: "stored" | "options" | "none"
}

/** A provider entry whose `options` follow the stored connection of its provider id. */
export function providerEntry(id: string, configured: InvoiceboxProviderOptions): InvoiceboxProviderEntry {
  const providerId = providerIdOf(id)
  return {
    id,
    providerId,
    configured,
    get options() {
      return effectiveOptions(providerId, configured)
    },
    get accountSource() {
      const stored = storedCredentialsOf(providerId)
      if (stored) return stored.unreadable ? "none" : "stored"
      return configured.token ? "options" : "none"
    },
  }
}

/** The configured options with the provider's stored account (if any) laid over them. */
export function effectiveOptions(providerId: string, configured: InvoiceboxProviderOptions): InvoiceboxProviderOptions {
  const stored = storedCredentialsOf(providerId)
  if (!stored) return configured
  return {
    ...configured,
    merchantId: stored.merchantId,
    token: stored.token,
    notificationKey: stored.notificationKey ?? "",
    apiPrefix: stored.apiPrefix ?? configured.apiPrefix,
  }
}

interface ProviderConfig {
  resolve?: unknown
  id?: unknown
  options?: unknown
}

const clients = new Map<string, InvoiceboxClient>()
const registries = new WeakMap<object, InvoiceboxProviderEntry[]>()

/** Medusa's provider id for a registration id. */
export function providerIdOf(id: string): string {
  return `pp_${INVOICEBOX_PROVIDER_IDENTIFIER}_${id}`
}

/**
 * The InvoiceBox client of an account (token, API address, limits). The only place a client is made:
 * every caller with the same account gets the same instance, and so shares its rate limiter.
 */
export function invoiceboxClient(options: InvoiceboxProviderOptions, logger?: Logger): InvoiceboxClient {
  if (!options.token) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      "InvoiceBox is not connected: connect the shop in the admin (Settings → InvoiceBox) or give merchantId " +
        "and token in the provider's options"
    )
  }
  const account = createHash("sha256")
    .update(
      JSON.stringify([
        options.token,
        options.apiUrl,
        options.apiPrefix,
        options.timeoutMs,
        options.rateLimit,
        options.rateLimitRedisUrl,
        options.rateLimitMaxWaitMs,
      ])
    )
    .digest("hex")
  const existing = clients.get(account)
  if (existing) return existing
  const client = newInvoiceboxClient(options, logger)
  clients.set(account, client)
  return client
}

/** Every InvoiceBox provider the store registered, in medusa-config order. */
export function invoiceboxProviders(configModule: ConfigModule): InvoiceboxProviderEntry[] {
  const cached = registries.get(configModule)
  if (cached) return cached
  const modules = configModule.modules ?? {}
  const list = Array.isArray(modules) ? modules : Object.values(modules)
  const entries: InvoiceboxProviderEntry[] = []
  for (const module of list) {
    if (typeof module !== "object" || module === null) continue
    const providers = (module as { options?: { providers?: unknown } }).options?.providers
    if (!Array.isArray(providers)) continue
    for (const provider of providers as ProviderConfig[]) {
      if (!isInvoiceboxProvider(provider)) continue
      const id = typeof provider.id === "string" && provider.id !== "" ? provider.id : INVOICEBOX_PROVIDER_IDENTIFIER
      if (entries.some((entry) => entry.id === id)) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `medusa-payment-invoicebox: two InvoiceBox providers have the id "${id}"`
        )
      }
      const entry = providerEntry(
        id,
        withMedusaDataErrors(() => parseProviderOptions(provider.options))
      )
      rawOptionsOf.set(entry, provider.options)
      entries.push(entry)
    }
  }
  registries.set(configModule, entries)
  return entries
}

/**
 * The registry entry of a provider instance: Medusa gives a provider its options but not its id, so
 * the entry is the one made from the same options object (or the only one with equal options); null
 * when that is ambiguous — the provider then uses its options alone, never another provider's account.
 */
export function registryEntryOf(configModule: ConfigModule, rawOptions: unknown): InvoiceboxProviderEntry | null {
  const entries = invoiceboxProviders(configModule)
  const same = entries.find((entry) => rawOptionsOf.get(entry) === rawOptions)
  if (same) return same
  const wanted = JSON.stringify(rawOptions ?? {})
  const equal = entries.filter((entry) => JSON.stringify(rawOptionsOf.get(entry) ?? {}) === wanted)
  return equal.length === 1 ? equal[0]! : null
}

/** The options object each entry was made from (medusa-config's), to recognise a provider instance. */
const rawOptionsOf = new WeakMap<InvoiceboxProviderEntry, unknown>()

/** The provider with this Medusa provider id, or null when it is not an InvoiceBox provider. */
export function invoiceboxProvider(configModule: ConfigModule, providerId: string): InvoiceboxProviderEntry | null {
  return invoiceboxProviders(configModule).find((entry) => entry.providerId === providerId) ?? null
}

/** The providers whose InvoiceBox shop is `merchantId` (one, unless two providers share an account). */
export function invoiceboxProvidersOfMerchant(
  configModule: ConfigModule,
  merchantId: string
): InvoiceboxProviderEntry[] {
  const wanted = merchantId.toLowerCase()
  return invoiceboxProviders(configModule).filter((entry) => entry.options.merchantId.toLowerCase() === wanted)
}

export function isInvoiceboxProviderId(configModule: ConfigModule, providerId: string): boolean {
  return invoiceboxProvider(configModule, providerId) !== null
}

/**
 * Ours when `resolve` leads to this provider's entry file (a path or the package's export), or when
 * it cannot be resolved from here but names it.
 */
function isInvoiceboxProvider(provider: ProviderConfig): boolean {
  if (typeof provider.resolve !== "string") return false
  const resolve = provider.resolve
  const own = join(__dirname, "index")
  try {
    const file = require.resolve(resolve, { paths: [process.cwd()] })
    if (file.replace(/\.[cm]?[jt]s$/, "") === own) return true
  } catch {
    // an unresolvable path is judged by its name below
  }
  return (
    /(^|\/)providers\/invoicebox\/?(index(\.[jt]s)?)?$/.test(resolve) ||
    /^medusa-payment-invoicebox(\/|$)/.test(resolve)
  )
}

/** A registered InvoiceBox provider with its client, from a Medusa container (routes, steps, jobs). */
export function resolveInvoiceboxProvider(
  container: MedusaContainer,
  providerId: string
): InvoiceboxProviderEntry & { client: InvoiceboxClient } {
  const entry = invoiceboxProvider(container.resolve<ConfigModule>(ContainerRegistrationKeys.CONFIG_MODULE), providerId)
  if (!entry) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `medusa-payment-invoicebox: no InvoiceBox provider ${providerId} in medusa-config`
    )
  }
  return {
    ...entry,
    client: invoiceboxClient(entry.options, container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)),
  }
}

/** Every registered InvoiceBox provider, from a Medusa container. */
export function resolveInvoiceboxProviders(container: MedusaContainer): InvoiceboxProviderEntry[] {
  return invoiceboxProviders(container.resolve<ConfigModule>(ContainerRegistrationKeys.CONFIG_MODULE))
}
