/**
 * The InvoiceBox provider's options as the store configured them (medusa-config → payment module →
 * providers). Routes get no options injected, so they read the same block the provider receives;
 * the notification key stays in one place.
 */
import type { ConfigModule } from "@medusajs/framework/types"

import { parseProviderOptions, type InvoiceboxProviderOptions } from "../providers/invoicebox/options"

export interface InvoiceboxProviderEntry {
  /** the provider's registration id (`invoicebox` → provider id pp_invoicebox_invoicebox) */
  id: string
  options: InvoiceboxProviderOptions
}

interface ProviderConfig {
  resolve?: unknown
  id?: unknown
  options?: unknown
}

function isInvoiceboxProvider(provider: ProviderConfig): boolean {
  const resolve = typeof provider.resolve === "string" ? provider.resolve : ""
  return /providers\/invoicebox\/?$/.test(resolve) || /medusa-payment-invoicebox/.test(resolve)
}

const cache = new WeakMap<object, InvoiceboxProviderEntry>()

export function invoiceboxProviderEntry(configModule: ConfigModule): InvoiceboxProviderEntry {
  const cached = cache.get(configModule)
  if (cached) return cached
  const modules = configModule.modules ?? {}
  const list = Array.isArray(modules) ? modules : Object.values(modules)
  for (const module of list) {
    if (typeof module !== "object" || module === null) continue
    const providers = (module as { options?: { providers?: unknown } }).options?.providers
    if (!Array.isArray(providers)) continue
    const found = (providers as ProviderConfig[]).find(isInvoiceboxProvider)
    if (found) {
      const entry = { id: typeof found.id === "string" ? found.id : "invoicebox", options: parseProviderOptions(found.options) }
      cache.set(configModule, entry)
      return entry
    }
  }
  throw new Error(
    "medusa-payment-invoicebox: no InvoiceBox provider in medusa-config (payment module → providers → " +
      '{ resolve: "medusa-payment-invoicebox/providers/invoicebox", id: "invoicebox", options: {...} })'
  )
}

/** `pp_{identifier}_{id}` */
export function invoiceboxProviderId(entry: InvoiceboxProviderEntry): string {
  return `pp_invoicebox_${entry.id}`
}
