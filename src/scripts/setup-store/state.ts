/**
 * What the setup command needs to know about a store, read with Query: its regions (currency,
 * countries, payment providers), the payment and tax providers Medusa registered, the tax region of
 * Russia with its rates, the price preferences and the store's currencies. Reads only.
 */
import type { Query } from "@medusajs/framework"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

export const RUSSIA = "ru"
export const RUB = "rub"

export interface RegionState {
  id: string
  name: string
  currencyCode: string
  /** ISO 3166-1 alpha-2, lower case */
  countries: string[]
  paymentProviderIds: string[]
  automaticTaxes: boolean
}

export interface TaxRateState {
  id: string
  name: string
  code: string | null
  /** %, null for a rate without one */
  rate: number | null
  isDefault: boolean
  /** the products, product types or shipping options it applies to */
  ruleCount: number
}

export interface TaxRegionState {
  id: string
  providerId: string | null
  rates: TaxRateState[]
}

export interface PricePreferenceState {
  id: string
  attribute: string
  value: string | null
  isTaxInclusive: boolean
}

export interface StoreCurrencyState {
  currencyCode: string
  isDefault: boolean
}

export interface StoreState {
  regions: RegionState[]
  paymentProviders: Array<{ id: string; isEnabled: boolean }>
  taxProviderIds: string[]
  /** the country-level tax region of Russia (not a province's) */
  russianTaxRegion: TaxRegionState | null
  pricePreferences: PricePreferenceState[]
  /** the store (Medusa keeps one) and its currencies; null if there is none */
  store: { id: string; currencies: StoreCurrencyState[] } | null
}

interface RegionRow {
  id: string
  name: string
  currency_code: string
  automatic_taxes: boolean
  countries?: Array<{ iso_2: string } | null> | null
  payment_providers?: Array<{ id: string } | null> | null
}

interface TaxRegionRow {
  id: string
  province_code: string | null
  parent_id: string | null
  provider_id: string | null
  tax_rates?: Array<{
    id: string
    name: string
    code: string | null
    rate: number | string | null
    is_default: boolean
    rules?: Array<{ id: string } | null> | null
  } | null> | null
}

interface StoreRow {
  id: string
  supported_currencies?: Array<{ currency_code: string; is_default: boolean } | null> | null
}

function present<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined
}

export async function readStoreState(container: MedusaContainer): Promise<StoreState> {
  const query = container.resolve<Query>(ContainerRegistrationKeys.QUERY)
  const [regions, paymentProviders, taxProviders, taxRegions, pricePreferences, stores] = await Promise.all([
    query.graph({
      entity: "region",
      fields: ["id", "name", "currency_code", "automatic_taxes", "countries.iso_2", "payment_providers.id"],
    }),
    query.graph({ entity: "payment_provider", fields: ["id", "is_enabled"] }),
    query.graph({ entity: "tax_provider", fields: ["id", "is_enabled"] }),
    query.graph({
      entity: "tax_region",
      fields: [
        "id",
        "province_code",
        "parent_id",
        "provider_id",
        "tax_rates.id",
        "tax_rates.name",
        "tax_rates.code",
        "tax_rates.rate",
        "tax_rates.is_default",
        "tax_rates.rules.id",
      ],
      filters: { country_code: RUSSIA },
    }),
    query.graph({ entity: "price_preference", fields: ["id", "attribute", "value", "is_tax_inclusive"] }),
    query.graph({
      entity: "store",
      fields: ["id", "supported_currencies.currency_code", "supported_currencies.is_default"],
    }),
  ])

  const russianTaxRegion = (taxRegions.data as TaxRegionRow[]).find((row) => !row.province_code && !row.parent_id)
  const store = (stores.data as StoreRow[])[0]
  return {
    regions: (regions.data as RegionRow[]).map((row) => ({
      id: row.id,
      name: row.name,
      currencyCode: row.currency_code.toLowerCase(),
      countries: (row.countries ?? []).filter(present).map((country) => country.iso_2.toLowerCase()),
      paymentProviderIds: (row.payment_providers ?? []).filter(present).map((provider) => provider.id),
      automaticTaxes: row.automatic_taxes,
    })),
    paymentProviders: (paymentProviders.data as Array<{ id: string; is_enabled: boolean }>).map((row) => ({
      id: row.id,
      isEnabled: row.is_enabled,
    })),
    taxProviderIds: (taxProviders.data as Array<{ id: string; is_enabled: boolean }>)
      .filter((row) => row.is_enabled)
      .map((row) => row.id),
    russianTaxRegion: russianTaxRegion
      ? {
          id: russianTaxRegion.id,
          providerId: russianTaxRegion.provider_id,
          rates: (russianTaxRegion.tax_rates ?? []).filter(present).map((rate) => ({
            id: rate.id,
            name: rate.name,
            code: rate.code,
            rate: rate.rate === null ? null : Number(rate.rate),
            isDefault: rate.is_default,
            ruleCount: (rate.rules ?? []).filter(present).length,
          })),
        }
      : null,
    pricePreferences: (
      pricePreferences.data as Array<{ id: string; attribute: string; value: string | null; is_tax_inclusive: boolean }>
    ).map((row) => ({
      id: row.id,
      attribute: row.attribute,
      value: row.value,
      isTaxInclusive: row.is_tax_inclusive,
    })),
    store: store
      ? {
          id: store.id,
          currencies: (store.supported_currencies ?? []).filter(present).map((currency) => ({
            currencyCode: currency.currency_code.toLowerCase(),
            isDefault: currency.is_default,
          })),
        }
      : null,
  }
}
