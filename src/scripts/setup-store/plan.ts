/**
 * What a store needs to take payments through InvoiceBox the way a Russian shop works, compared with
 * what it has: the InvoiceBox provider enabled in its RUB region(s) (a region «Россия» created when
 * asked), RUB prices tax-inclusive (the currency's price preference and each region's, for prices set
 * per region such as shipping options), RUB among the store's currencies, and the tax region of
 * Russia with the default VAT rate (22 %) and the reduced one (10 %). Pure: the plan lists one check
 * per thing, each unchanged or with the change it needs; apply.ts carries the changes out.
 */
import { MedusaError } from "@medusajs/framework/utils"

import { INVOICEBOX_PROVIDER_IDENTIFIER } from "../../providers/invoicebox/registry"
import type { StoreSetupOptions } from "./arguments"
import { RUB, RUSSIA, type RegionState, type StoreState, type TaxRateState } from "./state"

/** The name of the region `create-region` creates. */
export const RUSSIA_REGION_NAME = "Россия"
/** Medusa's built-in tax provider. */
export const SYSTEM_TAX_PROVIDER_ID = "tp_system"

export interface TaxRateSpec {
  /** «НДС 22 %» */
  name: string
  /** VAT22 */
  code: string
  /** % */
  rate: number
}

export type StoreSetupChange =
  | {
      kind: "create-region"
      name: string
      paymentProviderId: string
    }
  | { kind: "set-region-payment-providers"; regionId: string; paymentProviderIds: string[] }
  | { kind: "create-price-preference"; attribute: "currency_code" | "region_id"; value: string }
  | { kind: "make-price-preference-tax-inclusive"; pricePreferenceId: string }
  | {
      kind: "add-store-currency"
      storeId: string
      /** every currency the store keeps, the new one last */
      currencies: Array<{ currencyCode: string; isDefault: boolean; isTaxInclusive?: boolean }>
    }
  | { kind: "create-tax-region"; providerId: string; defaultRate: TaxRateSpec }
  | { kind: "set-tax-region-provider"; taxRegionId: string; providerId: string }
  /** taxRegionId null: the tax region this run creates */
  | { kind: "create-tax-rate"; taxRegionId: string | null; rate: TaxRateSpec; isDefault: boolean }
  | { kind: "update-tax-rate"; taxRateId: string; rate: TaxRateSpec }

export type StoreSetupOutcome = "unchanged" | "create" | "update"

export interface StoreSetupCheck {
  outcome: StoreSetupOutcome
  /** what was checked: "payment provider pp_invoicebox_invoicebox in region «Россия»" */
  subject: string
  /** how it is, or what changes */
  detail?: string
  /** what makes it so; none when unchanged or done by an earlier check's change */
  change?: StoreSetupChange
}

export interface StoreSetupPlan {
  checks: StoreSetupCheck[]
  /** what the command does not change but the store owner should know */
  notes: string[]
}

/** 22 → «НДС 22 %», VAT22 */
export function vatRateSpec(rate: number): TaxRateSpec {
  return { name: `НДС ${String(rate).replace(".", ",")} %`, code: `VAT${rate}`, rate }
}

export function isInvoiceboxProviderId(providerId: string): boolean {
  return providerId.startsWith(`pp_${INVOICEBOX_PROVIDER_IDENTIFIER}_`)
}

function regionLabel(region: Pick<RegionState, "id" | "name">): string {
  return `«${region.name}» (${region.id})`
}

function regionList(regions: readonly RegionState[]): string {
  return regions.length
    ? regions.map((region) => `${regionLabel(region)}, ${region.currencyCode.toUpperCase()}`).join("; ")
    : "none"
}

function rateLabel(rate: Pick<TaxRateState, "name" | "code" | "rate">): string {
  return `${rate.rate ?? "no"} % «${rate.name}»${rate.code ? ` (${rate.code})` : ""}`
}

function assertInvoiceboxProvider(state: StoreState, providerId: string): void {
  const invoiceboxProviders = state.paymentProviders.filter((provider) => isInvoiceboxProviderId(provider.id))
  const provider = invoiceboxProviders.find((candidate) => candidate.id === providerId)
  if (!provider) {
    const registered = invoiceboxProviders.map((candidate) => candidate.id)
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      registered.length
        ? `${providerId} is not an InvoiceBox payment provider of this store. The InvoiceBox providers ` +
            `registered: ${registered.join(", ")}; pass provider=<one of them>.`
        : `${providerId} is not an InvoiceBox payment provider of this store: no InvoiceBox provider is ` +
            `registered. Add medusa-payment-invoicebox/providers/invoicebox to the payment module's ` +
            `providers in medusa-config and run the command again.`
    )
  }
  if (!provider.isEnabled)
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `${providerId} is registered but disabled in the payment module: it is no longer in medusa-config's ` +
        `payment providers. Add it back, or pass provider=<the id of one that is>.`
    )
}

/** The regions to set up (existing ones), or the name of the one to create. */
function chooseRegions(state: StoreState, options: StoreSetupOptions): RegionState[] | { create: string } {
  const wanted = options.region
  if (wanted !== undefined) {
    const byId = state.regions.find((region) => region.id === wanted)
    const byName = state.regions.filter((region) => region.name.trim().toLowerCase() === wanted.toLowerCase())
    if (!byId && byName.length > 1)
      throw new MedusaError(
        MedusaError.Types.INVALID_ARGUMENT,
        `The region name «${wanted}» is ambiguous: ${regionList(byName)}. Pass region=<id> instead.`
      )
    const region = byId ?? byName[0]
    if (!region) {
      if (options.createRegion && !wanted.startsWith("reg_")) return { create: wanted }
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `No region has the name or id «${wanted}». The store's regions: ${regionList(state.regions)}.` +
          (options.createRegion ? "" : " Add create-region to create it.")
      )
    }
    if (region.currencyCode !== RUB)
      throw new MedusaError(
        MedusaError.Types.INVALID_ARGUMENT,
        `Region ${regionLabel(region)} is in ${region.currencyCode.toUpperCase()}; InvoiceBox takes rubles. ` +
          `Choose a RUB region (${regionList(state.regions.filter((r) => r.currencyCode === RUB))}) ` +
          `or add create-region without region= to create «${RUSSIA_REGION_NAME}».`
      )
    return [region]
  }
  const rubRegions = state.regions.filter((region) => region.currencyCode === RUB)
  if (rubRegions.length) return rubRegions
  if (options.createRegion) return { create: RUSSIA_REGION_NAME }
  throw new MedusaError(
    MedusaError.Types.NOT_FOUND,
    `This store has no region in rubles (RUB), and InvoiceBox takes payments in rubles. Add create-region ` +
      `to the command to create the region «${RUSSIA_REGION_NAME}» (RUB, country ru), or create a RUB region ` +
      `in the admin (Settings → Regions) and run the command again.`
  )
}

function planCreatedRegion(state: StoreState, name: string, paymentProviderId: string): StoreSetupCheck {
  const holder = state.regions.find((region) => region.countries.includes(RUSSIA))
  if (holder)
    throw new MedusaError(
      MedusaError.Types.CONFLICT,
      `Russia (ru) already belongs to region ${regionLabel(holder)} in ${holder.currencyCode.toUpperCase()}, ` +
        `and a country belongs to one region only. Remove Russia from it in the admin (Settings → Regions) ` +
        `and run the command again, or make a RUB region yourself and pass region=<its name or id>.`
    )
  return {
    outcome: "create",
    subject: `region «${name}»`,
    detail: `RUB, country ru, payment provider ${paymentProviderId}, tax-inclusive prices`,
    change: { kind: "create-region", name, paymentProviderId },
  }
}

function planRegion(state: StoreState, region: RegionState, paymentProviderId: string): StoreSetupCheck[] {
  const checks: StoreSetupCheck[] = [{ outcome: "unchanged", subject: `RUB region ${regionLabel(region)}` }]
  if (region.paymentProviderIds.includes(paymentProviderId)) {
    checks.push({ outcome: "unchanged", subject: `payment provider ${paymentProviderId} in region «${region.name}»` })
  } else {
    checks.push({
      outcome: "update",
      subject: `payment provider ${paymentProviderId} in region «${region.name}»`,
      detail: region.paymentProviderIds.length
        ? `enabled, next to ${region.paymentProviderIds.join(", ")}`
        : "enabled (the region had no payment provider)",
      change: {
        kind: "set-region-payment-providers",
        regionId: region.id,
        paymentProviderIds: [...region.paymentProviderIds, paymentProviderId],
      },
    })
  }
  checks.push(
    taxInclusivePreferenceCheck(
      state,
      "region_id",
      region.id,
      `tax-inclusive prices set for region «${region.name}» (price preference region_id)`
    )
  )
  return checks
}

/** A price preference (of a region or a currency) that makes prices tax-inclusive: there, to update, or to create. */
function taxInclusivePreferenceCheck(
  state: StoreState,
  attribute: "region_id" | "currency_code",
  value: string,
  subject: string
): StoreSetupCheck {
  const preference = state.pricePreferences.find(
    (p) => p.attribute === attribute && p.value?.toLowerCase() === value.toLowerCase()
  )
  if (preference?.isTaxInclusive) return { outcome: "unchanged", subject }
  if (preference) {
    return {
      outcome: "update",
      subject,
      detail: "were tax-exclusive",
      change: { kind: "make-price-preference-tax-inclusive", pricePreferenceId: preference.id },
    }
  }
  return { outcome: "create", subject, change: { kind: "create-price-preference", attribute, value } }
}

function regionNotes(region: RegionState): string[] {
  const notes: string[] = []
  if (!region.countries.includes(RUSSIA))
    notes.push(
      `region ${regionLabel(region)} has no country ru: the tax region of Russia applies to addresses in ` +
        `Russia only, so its carts get no VAT until Russia is added to it (Settings → Regions).`
    )
  if (!region.automaticTaxes)
    notes.push(
      `region ${regionLabel(region)} has automatic taxes off: a cart gets its VAT lines only when taxes ` +
        `are calculated explicitly, and InvoiceBox receipts need them.`
    )
  return notes
}

function planCurrency(state: StoreState): StoreSetupCheck[] {
  const checks: StoreSetupCheck[] = []
  checks.push(
    taxInclusivePreferenceCheck(
      state,
      "currency_code",
      RUB,
      "tax-inclusive RUB prices (price preference currency_code rub)"
    )
  )

  // after the preference: the store's update upserts the preferences of the currencies it is given
  if (state.store) {
    const { id, currencies } = state.store
    if (currencies.some((currency) => currency.currencyCode === RUB)) {
      checks.push({ outcome: "unchanged", subject: "RUB among the store's currencies" })
    } else {
      const defaultCurrency = currencies.find((currency) => currency.isDefault)
      checks.push({
        outcome: "update",
        subject: "RUB among the store's currencies",
        detail: defaultCurrency
          ? `added; the default currency stays ${defaultCurrency.currencyCode.toUpperCase()}`
          : "added",
        change: {
          kind: "add-store-currency",
          storeId: id,
          currencies: [
            ...currencies.map((currency) => ({ currencyCode: currency.currencyCode, isDefault: currency.isDefault })),
            { currencyCode: RUB, isDefault: currencies.length === 0, isTaxInclusive: true },
          ],
        },
      })
    }
  }
  return checks
}

function planTaxRegion(state: StoreState, options: StoreSetupOptions): { checks: StoreSetupCheck[]; notes: string[] } {
  const standard = vatRateSpec(options.vatRate)
  const reduced = vatRateSpec(options.reducedVatRate)
  const providerId = state.taxProviderIds.includes(SYSTEM_TAX_PROVIDER_ID)
    ? SYSTEM_TAX_PROVIDER_ID
    : (state.taxProviderIds[0] ?? SYSTEM_TAX_PROVIDER_ID)
  const reducedSubject = `reduced tax rate ${reduced.rate} % in tax region ru`
  const reducedNote =
    `the reduced rate applies only to the products and product types added to it: in the admin, ` +
    `Settings → Tax Regions → Russia → the override «${reduced.name}» (foods, children's goods, books, medicines).`
  const taxRegion = state.russianTaxRegion
  if (!taxRegion)
    return {
      checks: [
        {
          outcome: "create",
          subject: "tax region ru",
          detail: `tax provider ${providerId}`,
          change: { kind: "create-tax-region", providerId, defaultRate: standard },
        },
        // made with the tax region
        {
          outcome: "create",
          subject: `default tax rate ${standard.rate} % in tax region ru`,
          detail: rateLabel(standard),
        },
        {
          outcome: "create",
          subject: reducedSubject,
          detail: rateLabel(reduced),
          change: { kind: "create-tax-rate", taxRegionId: null, rate: reduced, isDefault: false },
        },
      ],
      notes: [reducedNote],
    }

  const checks: StoreSetupCheck[] = []
  const notes: string[] = []
  if (taxRegion.providerId)
    checks.push({
      outcome: "unchanged",
      subject: `tax region ru (${taxRegion.id})`,
      detail: `tax provider ${taxRegion.providerId}`,
    })
  else
    checks.push({
      outcome: "update",
      subject: `tax region ru (${taxRegion.id})`,
      detail: `tax provider ${providerId} (it had none, so Medusa calculated no tax there)`,
      change: { kind: "set-tax-region-provider", taxRegionId: taxRegion.id, providerId },
    })

  const defaultSubject = `default tax rate ${standard.rate} % in tax region ru`
  const defaultRate = taxRegion.rates.find((rate) => rate.isDefault)
  if (!defaultRate)
    checks.push({
      outcome: "create",
      subject: defaultSubject,
      detail: rateLabel(standard),
      change: { kind: "create-tax-rate", taxRegionId: taxRegion.id, rate: standard, isDefault: true },
    })
  else if (defaultRate.rate === standard.rate)
    checks.push({ outcome: "unchanged", subject: defaultSubject, detail: rateLabel(defaultRate) })
  else
    checks.push({
      outcome: "update",
      subject: defaultSubject,
      detail: `${rateLabel(standard)}, was ${rateLabel(defaultRate)}`,
      change: { kind: "update-tax-rate", taxRateId: defaultRate.id, rate: standard },
    })

  const overrides = taxRegion.rates.filter((rate) => !rate.isDefault)
  const reducedRate =
    overrides.find((rate) => rate.rate === reduced.rate) ?? overrides.find((rate) => rate.code === reduced.code)
  if (!reducedRate) {
    checks.push({
      outcome: "create",
      subject: reducedSubject,
      detail: rateLabel(reduced),
      change: { kind: "create-tax-rate", taxRegionId: taxRegion.id, rate: reduced, isDefault: false },
    })
    notes.push(reducedNote)
  } else if (reducedRate.rate === reduced.rate) {
    checks.push({ outcome: "unchanged", subject: reducedSubject, detail: rateLabel(reducedRate) })
    if (!reducedRate.ruleCount) notes.push(reducedNote)
  } else {
    checks.push({
      outcome: "update",
      subject: reducedSubject,
      detail: `${rateLabel(reduced)}, was ${rateLabel(reducedRate)}`,
      change: { kind: "update-tax-rate", taxRateId: reducedRate.id, rate: reduced },
    })
    if (!reducedRate.ruleCount) notes.push(reducedNote)
  }
  return { checks, notes }
}

/** The checks in the order apply.ts carries them out. Throws a MedusaError for what it cannot set up. */
export function planStoreSetup(state: StoreState, options: StoreSetupOptions): StoreSetupPlan {
  assertInvoiceboxProvider(state, options.paymentProviderId)
  const regions = chooseRegions(state, options)
  const checks: StoreSetupCheck[] = []
  const notes: string[] = []
  if ("create" in regions) {
    checks.push(planCreatedRegion(state, regions.create, options.paymentProviderId))
  } else {
    for (const region of regions) {
      checks.push(...planRegion(state, region, options.paymentProviderId))
      notes.push(...regionNotes(region))
    }
  }
  checks.push(...planCurrency(state))
  const tax = planTaxRegion(state, options)
  checks.push(...tax.checks)
  notes.push(...tax.notes)
  return { checks, notes }
}
