/**
 * The store setup command (src/scripts/setup-store.ts, what `npx medusa exec …/setup-store.js` runs)
 * on a real Medusa + PostgreSQL: a store with a bare RUB region — no InvoiceBox in it, no tax region,
 * no price preference for RUB — is set up by one run, a dry run changes nothing, a second run finds
 * nothing to do, and a cart then costs the shelf price with VAT inside it.
 */
import type { Query } from "@medusajs/framework"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  deleteRegionsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
} from "@medusajs/medusa/core-flows"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { AxiosInstance } from "axios"

import setupStore from "../../src/scripts/setup-store"
import { useSandboxForMedusa } from "../helpers/sandbox"

jest.setTimeout(180_000)

useSandboxForMedusa()

const PROVIDER = "pp_invoicebox_invoicebox"

interface StoreSnapshot {
  regions: Array<{ id: string; name: string; currency_code: string; providers: string[] }>
  taxRegions: Array<{ id: string; provider_id: string | null; rates: string[] }>
  /** "attribute=value: true|false" */
  pricePreferences: string[]
  currencies: string[]
}

/** What the setup touches, read with Query, in a form a test compares whole. */
async function snapshot(container: MedusaContainer): Promise<StoreSnapshot> {
  const query = container.resolve<Query>(ContainerRegistrationKeys.QUERY)
  const { data: regions } = await query.graph({
    entity: "region",
    fields: ["id", "name", "currency_code", "payment_providers.id"],
  })
  const { data: taxRegions } = await query.graph({
    entity: "tax_region",
    fields: ["id", "provider_id", "tax_rates.rate", "tax_rates.code", "tax_rates.name", "tax_rates.is_default"],
    filters: { country_code: "ru" },
  })
  const { data: preferences } = await query.graph({
    entity: "price_preference",
    fields: ["attribute", "value", "is_tax_inclusive"],
  })
  const { data: stores } = await query.graph({ entity: "store", fields: ["supported_currencies.currency_code"] })
  return {
    regions: (
      regions as Array<{ id: string; name: string; currency_code: string; payment_providers: Array<{ id: string }> }>
    )
      .map((region) => ({
        id: region.id,
        name: region.name,
        currency_code: region.currency_code,
        providers: region.payment_providers.map((provider) => provider.id).sort(),
      }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    taxRegions: (
      taxRegions as Array<{
        id: string
        provider_id: string | null
        tax_rates: Array<{ rate: number; code: string; name: string; is_default: boolean }>
      }>
    ).map((taxRegion) => ({
      id: taxRegion.id,
      provider_id: taxRegion.provider_id,
      rates: taxRegion.tax_rates
        .map((rate) => `${rate.is_default ? "default" : "override"} ${rate.rate} ${rate.code} ${rate.name}`)
        .sort(),
    })),
    pricePreferences: (preferences as Array<{ attribute: string; value: string; is_tax_inclusive: boolean }>)
      .map((preference) => `${preference.attribute}=${preference.value}: ${preference.is_tax_inclusive}`)
      .sort(),
    currencies: (stores as Array<{ supported_currencies: Array<{ currency_code: string }> }>)
      .flatMap((store) => store.supported_currencies.map((currency) => currency.currency_code))
      .sort(),
  }
}

medusaIntegrationTestRunner({
  testSuite: ({ getContainer, api }) => {
    let regionId: string
    let salesChannelId: string
    let publishableKey: string
    let variantId: string

    // the state every test starts from (the runner restores it before each): a RUB region for Russia
    // paid only by Medusa's system provider, a product at 100 ₽, a storefront key — nothing else
    beforeAll(async () => {
      const container = getContainer()
      const {
        result: [region],
      } = await createRegionsWorkflow(container).run({
        input: {
          regions: [
            { name: "Россия", currency_code: "rub", countries: ["ru"], payment_providers: ["pp_system_default"] },
          ],
        },
      })
      regionId = region!.id
      const {
        result: [salesChannel],
      } = await createSalesChannelsWorkflow(container).run({
        input: { salesChannelsData: [{ name: "Интернет-магазин" }] },
      })
      salesChannelId = salesChannel!.id
      const {
        result: [apiKey],
      } = await createApiKeysWorkflow(container).run({
        input: { api_keys: [{ title: "Витрина", type: "publishable", created_by: "test" }] },
      })
      publishableKey = apiKey!.token
      await linkSalesChannelsToApiKeyWorkflow(container).run({ input: { id: apiKey!.id, add: [salesChannelId] } })
      const {
        result: [product],
      } = await createProductsWorkflow(container).run({
        input: {
          products: [
            {
              title: "Чай улун",
              status: "published",
              options: [{ title: "Фасовка", values: ["100 г"] }],
              variants: [
                {
                  title: "100 г",
                  manage_inventory: false,
                  options: { Фасовка: "100 г" },
                  prices: [{ amount: 100, currency_code: "rub" }],
                },
              ],
              sales_channels: [{ id: salesChannelId }],
            },
          ],
        },
      })
      variantId = product!.variants[0]!.id
    })

    it("a dry run reports what it would do and changes nothing", async () => {
      const container = getContainer()
      const before = await snapshot(container)
      expect(before.taxRegions).toEqual([])
      expect(before.regions.find((region) => region.id === regionId)?.providers).toEqual(["pp_system_default"])

      const report = await setupStore({ container, args: ["dry-run"] })

      expect(report.dryRun).toBe(true)
      expect(report.lines).toEqual([
        `unchanged: RUB region «Россия» (${regionId})`,
        "would update: payment provider pp_invoicebox_invoicebox in region «Россия» — enabled, next to pp_system_default",
        "would update: tax-inclusive prices set for region «Россия» (price preference region_id) — were tax-exclusive",
        "would create: tax-inclusive RUB prices (price preference currency_code rub)",
        expect.stringMatching(/^would update: RUB among the store's currencies — added/),
        "would create: tax region ru — tax provider tp_system",
        "would create: default tax rate 22 % in tax region ru — 22 % «НДС 22 %» (VAT22)",
        "would create: reduced tax rate 10 % in tax region ru — 10 % «НДС 10 %» (VAT10)",
        expect.stringMatching(/^note: the reduced rate applies only to the products and product types added to it/),
        "InvoiceBox store setup, dry run: would create 4, would update 3, 1 unchanged. Nothing was changed; " +
          "run the command without dry-run to apply.",
      ])
      expect(await snapshot(container)).toEqual(before)
    })

    it("a real run sets the store up; a second one finds nothing to do and duplicates nothing", async () => {
      const container = getContainer()
      const before = await snapshot(container)

      const first = await setupStore({ container, args: [] })

      expect(first.lines.slice(0, 8)).toEqual([
        `unchanged: RUB region «Россия» (${regionId})`,
        "updated: payment provider pp_invoicebox_invoicebox in region «Россия» — enabled, next to pp_system_default",
        "updated: tax-inclusive prices set for region «Россия» (price preference region_id) — were tax-exclusive",
        "created: tax-inclusive RUB prices (price preference currency_code rub)",
        expect.stringMatching(/^updated: RUB among the store's currencies — added/),
        "created: tax region ru — tax provider tp_system",
        "created: default tax rate 22 % in tax region ru — 22 % «НДС 22 %» (VAT22)",
        "created: reduced tax rate 10 % in tax region ru — 10 % «НДС 10 %» (VAT10)",
      ])
      expect(first).toMatchObject({ created: 4, updated: 3, unchanged: 1 })
      const after = await snapshot(container)
      expect(after.regions.find((region) => region.id === regionId)?.providers).toEqual([PROVIDER, "pp_system_default"])
      expect(after.taxRegions).toEqual([
        {
          id: expect.any(String),
          provider_id: "tp_system",
          rates: ["default 22 VAT22 НДС 22 %", "override 10 VAT10 НДС 10 %"],
        },
      ])
      expect(after.pricePreferences).toEqual(
        expect.arrayContaining(["currency_code=rub: true", `region_id=${regionId}: true`])
      )
      expect(after.pricePreferences.filter((preference) => preference.startsWith("currency_code=rub"))).toHaveLength(1)
      expect(after.currencies).toEqual([...before.currencies, "rub"].sort())

      const second = await setupStore({ container, args: [] })

      expect(second.lines.filter((line) => !line.startsWith("note:"))).toEqual([
        `unchanged: RUB region «Россия» (${regionId})`,
        "unchanged: payment provider pp_invoicebox_invoicebox in region «Россия»",
        "unchanged: tax-inclusive prices set for region «Россия» (price preference region_id)",
        "unchanged: tax-inclusive RUB prices (price preference currency_code rub)",
        "unchanged: RUB among the store's currencies",
        expect.stringMatching(/^unchanged: tax region ru \(txreg_\w+\) — tax provider tp_system$/),
        "unchanged: default tax rate 22 % in tax region ru — 22 % «НДС 22 %» (VAT22)",
        "unchanged: reduced tax rate 10 % in tax region ru — 10 % «НДС 10 %» (VAT10)",
        "InvoiceBox store setup: 0 created, 0 updated, 8 unchanged. The store was already set up.",
      ])
      expect(await snapshot(container)).toEqual(after)
    })

    it("then a cart at 100 ₽ costs 100 ₽ with VAT 22 % inside", async () => {
      await setupStore({ container: getContainer(), args: [] })
      const storefront = api as AxiosInstance
      const headers = { "x-publishable-api-key": publishableKey }
      const {
        data: { cart },
      } = await storefront.post<{
        cart: {
          total: number
          tax_total: number
          items: Array<{ tax_lines: Array<{ code: string; rate: number }> }>
          shipping_address: { country_code: string } | null
        }
      }>(
        "/store/carts",
        {
          region_id: regionId,
          sales_channel_id: salesChannelId,
          email: "buyer@example.com",
          items: [{ variant_id: variantId, quantity: 1 }],
        },
        { headers }
      )
      expect(cart.shipping_address?.country_code).toBe("ru") // the region's only country
      expect(Number(cart.total)).toBe(100)
      expect(Number(cart.tax_total)).toBeCloseTo((100 * 22) / 122, 2)
      expect(cart.items[0]!.tax_lines).toEqual([expect.objectContaining({ code: "VAT22", rate: 22 })])
      const {
        data: { payment_providers: providers },
      } = await storefront.get<{ payment_providers: Array<{ id: string }> }>(
        `/store/payment-providers?region_id=${regionId}`,
        {
          headers,
        }
      )
      expect(providers.map((provider) => provider.id)).toContain(PROVIDER)
    })

    it("an unknown provider: a clear error naming the InvoiceBox providers, and nothing changed", async () => {
      const container = getContainer()
      const before = await snapshot(container)
      await expect(setupStore({ container, args: ["provider=pp_invoicebox_nope"] })).rejects.toThrow(
        "pp_invoicebox_nope is not an InvoiceBox payment provider of this store. The InvoiceBox providers " +
          "registered: pp_invoicebox_invoicebox; pass provider=<one of them>."
      )
      expect(await snapshot(container)).toEqual(before)
    })

    it("no RUB region: a clear error without create-region; with it, «Россия» is created and set up", async () => {
      const container = getContainer()
      await deleteRegionsWorkflow(container).run({ input: { ids: [regionId] } })
      const before = await snapshot(container)

      await expect(setupStore({ container, args: [] })).rejects.toThrow(
        /This store has no region in rubles \(RUB\).*Add create-region to the command/
      )
      expect(await snapshot(container)).toEqual(before)

      const report = await setupStore({ container, args: ["create-region"] })

      expect(report.lines[0]).toBe(
        "created: region «Россия» — RUB, country ru, payment provider pp_invoicebox_invoicebox, tax-inclusive prices"
      )
      const created = (await snapshot(container)).regions.filter((region) => region.currency_code === "rub")
      expect(created).toEqual([{ id: expect.any(String), name: "Россия", currency_code: "rub", providers: [PROVIDER] }])
      expect((await snapshot(container)).pricePreferences).toContain(`region_id=${created[0]!.id}: true`)
      const again = await setupStore({ container, args: ["create-region"] })
      expect(again).toMatchObject({ created: 0, updated: 0 })
    })

    it("an ambiguous region name: a clear error", async () => {
      const container = getContainer()
      const {
        result: [twin],
      } = await createRegionsWorkflow(container).run({
        input: { regions: [{ name: "Россия", currency_code: "rub" }] },
      })
      const refusal = setupStore({ container, args: ["region=Россия", "dry-run"] })
      await expect(refusal).rejects.toThrow(/^The region name «Россия» is ambiguous: .* Pass region=<id> instead\.$/)
      await expect(refusal).rejects.toThrow(`«Россия» (${regionId}), RUB`)
      await expect(refusal).rejects.toThrow(`«Россия» (${twin!.id}), RUB`)
      const byId = await setupStore({ container, args: ["dry-run", `region=${twin!.id}`] })
      expect(byId.lines[0]).toBe(`unchanged: RUB region «Россия» (${twin!.id})`)
    })
  },
})
