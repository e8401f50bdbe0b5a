/**
 * Carries a store setup plan out with Medusa's own workflows, in the plan's order, reporting each
 * check once it holds (so a failure part-way shows what was done; running the command again picks up
 * from there).
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import {
  createPricePreferencesWorkflow,
  createRegionsWorkflow,
  createTaxRatesWorkflow,
  createTaxRegionsWorkflow,
  updatePricePreferencesWorkflow,
  updateRegionsWorkflow,
  updateStoresWorkflow,
  updateTaxRatesWorkflow,
  updateTaxRegionsWorkflow,
} from "@medusajs/medusa/core-flows"

import type { StoreSetupChange, StoreSetupCheck, StoreSetupPlan } from "./plan"
import { RUB, RUSSIA } from "./state"

/** What earlier changes of the same run made, for the later ones that refer to it. */
interface AppliedSoFar {
  taxRegionId: string | null
}

async function applyChange(container: MedusaContainer, change: StoreSetupChange, made: AppliedSoFar): Promise<void> {
  switch (change.kind) {
    case "create-region":
      await createRegionsWorkflow(container).run({
        input: {
          regions: [
            {
              name: change.name,
              currency_code: RUB,
              countries: [RUSSIA],
              payment_providers: [change.paymentProviderId],
              automatic_taxes: true,
              // the region's own price preference: prices set for the region include VAT
              is_tax_inclusive: true,
            },
          ],
        },
      })
      return
    case "set-region-payment-providers":
      // the step replaces the region's providers with this list, which keeps the ones it had
      await updateRegionsWorkflow(container).run({
        input: { selector: { id: change.regionId }, update: { payment_providers: change.paymentProviderIds } },
      })
      return
    case "create-price-preference":
      await createPricePreferencesWorkflow(container).run({
        input: [{ attribute: change.attribute, value: change.value, is_tax_inclusive: true }],
      })
      return
    case "make-price-preference-tax-inclusive":
      await updatePricePreferencesWorkflow(container).run({
        input: { selector: { id: [change.pricePreferenceId] }, update: { is_tax_inclusive: true } },
      })
      return
    case "add-store-currency":
      await updateStoresWorkflow(container).run({
        input: {
          selector: { id: change.storeId },
          update: {
            supported_currencies: change.currencies.map((currency) => ({
              currency_code: currency.currencyCode,
              is_default: currency.isDefault,
              // undefined keeps a currency's price preference as it is
              is_tax_inclusive: currency.isTaxInclusive,
            })),
          },
        },
      })
      return
    case "create-tax-region": {
      const { result } = await createTaxRegionsWorkflow(container).run({
        input: [
          {
            country_code: RUSSIA,
            provider_id: change.providerId,
            default_tax_rate: {
              name: change.defaultRate.name,
              code: change.defaultRate.code,
              rate: change.defaultRate.rate,
            },
          },
        ],
      })
      made.taxRegionId = result[0]?.id ?? null
      return
    }
    case "set-tax-region-provider":
      await updateTaxRegionsWorkflow(container).run({
        input: [{ id: change.taxRegionId, provider_id: change.providerId }],
      })
      return
    case "create-tax-rate": {
      const taxRegionId = change.taxRegionId ?? made.taxRegionId
      if (!taxRegionId) throw new Error("The tax region of Russia was to be created first, and it was not")
      await createTaxRatesWorkflow(container).run({
        input: [
          {
            tax_region_id: taxRegionId,
            name: change.rate.name,
            code: change.rate.code,
            rate: change.rate.rate,
            is_default: change.isDefault,
          },
        ],
      })
      return
    }
    case "update-tax-rate":
      await updateTaxRatesWorkflow(container).run({
        input: {
          selector: { id: [change.taxRateId] },
          update: { name: change.rate.name, code: change.rate.code, rate: change.rate.rate },
        },
      })
      return
  }
}

export async function applyStoreSetup(
  container: MedusaContainer,
  plan: StoreSetupPlan,
  onDone: (check: StoreSetupCheck) => void
): Promise<void> {
  const made: AppliedSoFar = { taxRegionId: null }
  for (const check of plan.checks) {
    if (check.change) await applyChange(container, check.change, made)
    onDone(check)
  }
}
