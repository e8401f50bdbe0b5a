/** The store setup command's arguments and plan (pure; the real store is in integration-tests/http/setup-store.spec.ts). */
import {
  argumentsDroppedByMedusaExec,
  assertNoDroppedArguments,
  normalizeArguments,
  parseStoreSetupArguments,
  type StoreSetupOptions,
} from "../../src/scripts/setup-store/arguments"
import { planStoreSetup, vatRateSpec, type StoreSetupPlan } from "../../src/scripts/setup-store/plan"
import { checkLine, countOutcomes, summaryLine } from "../../src/scripts/setup-store/report"
import type { RegionState, StoreState, TaxRateState } from "../../src/scripts/setup-store/state"

const PROVIDER = "pp_invoicebox_invoicebox"

function options(overrides: Partial<StoreSetupOptions> = {}): StoreSetupOptions {
  return { ...parseStoreSetupArguments([]), ...overrides }
}

function region(overrides: Partial<RegionState> = {}): RegionState {
  return {
    id: "reg_rub",
    name: "Россия",
    currencyCode: "rub",
    countries: ["ru"],
    paymentProviderIds: ["pp_system_default"],
    automaticTaxes: true,
    ...overrides,
  }
}

function rate(overrides: Partial<TaxRateState> = {}): TaxRateState {
  return { id: "txr_22", name: "НДС 22%", code: "ru-vat-22", rate: 22, isDefault: true, ruleCount: 0, ...overrides }
}

/** A store as `medusa new` leaves it plus a bare RUB region: nothing of the setup done. */
function bareStore(overrides: Partial<StoreState> = {}): StoreState {
  return {
    regions: [region()],
    paymentProviders: [
      { id: "pp_system_default", isEnabled: true },
      { id: PROVIDER, isEnabled: true },
    ],
    taxProviderIds: ["tp_system"],
    russianTaxRegion: null,
    pricePreferences: [{ id: "prpref_reg", attribute: "region_id", value: "reg_rub", isTaxInclusive: false }],
    store: { id: "store_1", currencies: [{ currencyCode: "eur", isDefault: true }] },
    ...overrides,
  }
}

/** The same store once set up (as the demo's seed makes it, with its own names and codes). */
function setUpStore(): StoreState {
  return bareStore({
    regions: [region({ paymentProviderIds: ["pp_system_default", PROVIDER] })],
    russianTaxRegion: {
      id: "txreg_ru",
      providerId: "tp_system",
      rates: [
        rate(),
        rate({ id: "txr_10", name: "НДС 10%", code: "ru-vat-10", rate: 10, isDefault: false, ruleCount: 2 }),
      ],
    },
    pricePreferences: [
      { id: "prpref_reg", attribute: "region_id", value: "reg_rub", isTaxInclusive: true },
      { id: "prpref_rub", attribute: "currency_code", value: "rub", isTaxInclusive: true },
    ],
    store: {
      id: "store_1",
      currencies: [
        { currencyCode: "eur", isDefault: true },
        { currencyCode: "rub", isDefault: false },
      ],
    },
  })
}

const lines = (plan: StoreSetupPlan, dryRun = false) => plan.checks.map((check) => checkLine(check, dryRun))

describe("setup-store arguments", () => {
  it("takes the words medusa exec passes (no dashes) and the dashed form alike", () => {
    const expected: StoreSetupOptions = {
      dryRun: true,
      region: "Россия",
      createRegion: true,
      paymentProviderId: "pp_invoicebox_companies",
      vatRate: 20,
      reducedVatRate: 10,
    }
    expect(
      parseStoreSetupArguments([
        "dry-run",
        "region=Россия",
        "create-region",
        "provider=pp_invoicebox_companies",
        "vat=20",
      ])
    ).toEqual(expected)
    expect(
      parseStoreSetupArguments([
        "--dry-run",
        "--region",
        "Россия",
        "--create-region",
        "--provider",
        "pp_invoicebox_companies",
        "--vat",
        "20",
      ])
    ).toEqual(expected)
    expect(parseStoreSetupArguments(["region", "Москва и область"])?.region).toBe("Москва и область")
  })

  it("defaults: a real run on every RUB region with pp_invoicebox_invoicebox, 22 % and 10 %", () => {
    expect(parseStoreSetupArguments([])).toEqual({
      dryRun: false,
      region: undefined,
      createRegion: false,
      paymentProviderId: PROVIDER,
      vatRate: 22,
      reducedVatRate: 10,
    })
  })

  it("rejects what it does not know, with the usage", () => {
    expect(() => parseStoreSetupArguments(["dryrun"])).toThrow(/Usage: npx medusa exec/)
    expect(() => parseStoreSetupArguments(["--force"])).toThrow(/force/)
    expect(() => parseStoreSetupArguments(["vat=abc"])).toThrow(/vat=abc: a VAT rate is a number of percent/)
    expect(() => parseStoreSetupArguments(["vat=120"])).toThrow(/from 0 to 100/)
    expect(() => parseStoreSetupArguments(["reduced-vat=22"])).toThrow(/must differ/)
    expect(() => parseStoreSetupArguments(["region="])).toThrow(/region= needs/)
    expect(parseStoreSetupArguments(["reduced-vat=7,5"])?.reducedVatRate).toBe(7.5)
  })

  it("leaves values alone and only prefixes the option names", () => {
    expect(normalizeArguments(["region", "dry", "vat=22", "--help"])).toEqual(["--region", "dry", "--vat=22", "--help"])
  })

  it("refuses to run when medusa exec dropped the words after `--` (a dry run never becomes a real one)", () => {
    const argv = ["node", "/store/node_modules/.bin/medusa", "exec", "./setup-store.js", "--", "--dry-run"]
    expect(argumentsDroppedByMedusaExec(argv)).toEqual(["--dry-run"])
    expect(() => assertNoDroppedArguments(argv)).toThrow(
      /without dashes: npx medusa exec <path to setup-store.js> dry-run/
    )
    expect(argumentsDroppedByMedusaExec(["node", "medusa", "exec", "./setup-store.js", "dry-run"])).toEqual([])
    expect(argumentsDroppedByMedusaExec(["node", "jest", "--", "x"])).toEqual([])
  })
})

describe("setup-store plan", () => {
  it("sets a bare RUB region up: provider (keeping the others), prices, store currency, tax region and rates", () => {
    const plan = planStoreSetup(bareStore(), options())
    expect(lines(plan, true)).toEqual([
      "unchanged: RUB region «Россия» (reg_rub)",
      "would update: payment provider pp_invoicebox_invoicebox in region «Россия» — enabled, next to pp_system_default",
      "would update: tax-inclusive prices set for region «Россия» (price preference region_id) — were tax-exclusive",
      "would create: tax-inclusive RUB prices (price preference currency_code rub)",
      "would update: RUB among the store's currencies — added; the default currency stays EUR",
      "would create: tax region ru — tax provider tp_system",
      "would create: default tax rate 22 % in tax region ru — 22 % «НДС 22 %» (VAT22)",
      "would create: reduced tax rate 10 % in tax region ru — 10 % «НДС 10 %» (VAT10)",
    ])
    expect(plan.checks.map((check) => check.change)).toEqual([
      undefined,
      {
        kind: "set-region-payment-providers",
        regionId: "reg_rub",
        paymentProviderIds: ["pp_system_default", PROVIDER],
      },
      { kind: "make-price-preference-tax-inclusive", pricePreferenceId: "prpref_reg" },
      { kind: "create-price-preference", attribute: "currency_code", value: "rub" },
      {
        kind: "add-store-currency",
        storeId: "store_1",
        currencies: [
          { currencyCode: "eur", isDefault: true },
          { currencyCode: "rub", isDefault: false, isTaxInclusive: true },
        ],
      },
      { kind: "create-tax-region", providerId: "tp_system", defaultRate: vatRateSpec(22) },
      undefined, // the default rate comes with the tax region
      { kind: "create-tax-rate", taxRegionId: null, rate: vatRateSpec(10), isDefault: false },
    ])
    expect(countOutcomes(plan)).toEqual({ created: 4, updated: 3, unchanged: 1 })
    expect(plan.notes).toEqual([expect.stringContaining("the reduced rate applies only to the products")])
  })

  it("finds nothing to do in a store already set up, whatever the rates are called", () => {
    const plan = planStoreSetup(setUpStore(), options())
    expect(plan.checks.every((check) => check.outcome === "unchanged" && !check.change)).toBe(true)
    expect(lines(plan)).toContain("unchanged: default tax rate 22 % in tax region ru — 22 % «НДС 22%» (ru-vat-22)")
    expect(plan.notes).toEqual([]) // the 10 % rate has products
    expect(summaryLine(countOutcomes(plan), false)).toBe(
      "InvoiceBox store setup: 0 created, 0 updated, 8 unchanged. The store was already set up."
    )
  })

  it("updates a default rate of 20 % to 22 % and a reduced rate found by its code", () => {
    const state = setUpStore()
    state.russianTaxRegion!.rates = [
      rate({ rate: 20, name: "НДС 20%", code: "VAT20" }),
      rate({ id: "txr_r", name: "Льготный", code: "VAT10", rate: 9, isDefault: false }),
    ]
    const plan = planStoreSetup(state, options())
    expect(plan.checks.filter((check) => check.change)).toEqual([
      expect.objectContaining({
        detail: "22 % «НДС 22 %» (VAT22), was 20 % «НДС 20%» (VAT20)",
        change: { kind: "update-tax-rate", taxRateId: "txr_22", rate: vatRateSpec(22) },
      }),
      expect.objectContaining({ change: { kind: "update-tax-rate", taxRateId: "txr_r", rate: vatRateSpec(10) } }),
    ])
  })

  it("gives a tax region without a provider the system one, and one without a default rate its 22 %", () => {
    const state = setUpStore()
    state.russianTaxRegion = { id: "txreg_ru", providerId: null, rates: [] }
    const changes = planStoreSetup(state, options()).checks.flatMap((check) => (check.change ? [check.change] : []))
    expect(changes).toEqual([
      { kind: "set-tax-region-provider", taxRegionId: "txreg_ru", providerId: "tp_system" },
      { kind: "create-tax-rate", taxRegionId: "txreg_ru", rate: vatRateSpec(22), isDefault: true },
      { kind: "create-tax-rate", taxRegionId: "txreg_ru", rate: vatRateSpec(10), isDefault: false },
    ])
  })

  it("sets up every RUB region by default, and only the one named with region=", () => {
    const state = bareStore({
      regions: [
        region(),
        region({ id: "reg_kz", name: "Казахстан", countries: ["kz"] }),
        region({ id: "reg_eu", name: "Europe", currencyCode: "eur", countries: ["de"] }),
      ],
    })
    const regionLines = (plan: StoreSetupPlan) => lines(plan).filter((line) => line.includes("RUB region"))
    expect(regionLines(planStoreSetup(state, options()))).toEqual([
      "unchanged: RUB region «Россия» (reg_rub)",
      "unchanged: RUB region «Казахстан» (reg_kz)",
    ])
    expect(planStoreSetup(state, options()).notes).toContainEqual(
      expect.stringContaining("«Казахстан» (reg_kz) has no country ru")
    )
    expect(regionLines(planStoreSetup(state, options({ region: "казахстан" })))).toEqual([
      "unchanged: RUB region «Казахстан» (reg_kz)",
    ])
    expect(regionLines(planStoreSetup(state, options({ region: "reg_rub" })))).toEqual([
      "unchanged: RUB region «Россия» (reg_rub)",
    ])
    expect(() => planStoreSetup(state, options({ region: "Europe" }))).toThrow(/is in EUR; InvoiceBox takes rubles/)
    expect(() => planStoreSetup(state, options({ region: "Атлантида" }))).toThrow(
      /No region has the name or id «Атлантида».*«Europe» \(reg_eu\), EUR.*Add create-region/
    )
  })

  it("refuses an ambiguous region name", () => {
    const state = bareStore({ regions: [region(), region({ id: "reg_2", countries: [] })] })
    expect(() => planStoreSetup(state, options({ region: "Россия" }))).toThrow(
      /The region name «Россия» is ambiguous: «Россия» \(reg_rub\), RUB; «Россия» \(reg_2\), RUB. Pass region=<id>/
    )
  })

  it("without a RUB region: asks for create-region, or creates «Россия» with the provider", () => {
    const state = bareStore({
      regions: [region({ id: "reg_eu", name: "Europe", currencyCode: "eur", countries: ["de"] })],
    })
    expect(() => planStoreSetup(state, options())).toThrow(/no region in rubles \(RUB\).*Add create-region/)
    const plan = planStoreSetup(state, options({ createRegion: true }))
    expect(plan.checks[0]).toEqual({
      outcome: "create",
      subject: "region «Россия»",
      detail: "RUB, country ru, payment provider pp_invoicebox_invoicebox, tax-inclusive prices",
      change: { kind: "create-region", name: "Россия", paymentProviderId: PROVIDER },
    })
    expect(plan.checks.some((check) => check.change?.kind === "set-region-payment-providers")).toBe(false)
    expect(planStoreSetup(state, options({ createRegion: true, region: "РФ" })).checks[0]?.subject).toBe("region «РФ»")
  })

  it("cannot create the region while Russia belongs to another one", () => {
    const state = bareStore({
      regions: [region({ id: "reg_eu", name: "Europe", currencyCode: "eur", countries: ["de", "ru"] })],
    })
    expect(() => planStoreSetup(state, options({ createRegion: true }))).toThrow(
      /Russia \(ru\) already belongs to region «Europe» \(reg_eu\) in EUR/
    )
  })

  it("names the InvoiceBox providers registered when the provider is unknown", () => {
    const state = bareStore({
      paymentProviders: [
        { id: "pp_system_default", isEnabled: true },
        { id: PROVIDER, isEnabled: true },
        { id: "pp_invoicebox_companies", isEnabled: true },
      ],
    })
    expect(() => planStoreSetup(state, options({ paymentProviderId: "pp_invoicebox_nope" }))).toThrow(
      "pp_invoicebox_nope is not an InvoiceBox payment provider of this store. The InvoiceBox providers registered: " +
        "pp_invoicebox_invoicebox, pp_invoicebox_companies; pass provider=<one of them>."
    )
    expect(() => planStoreSetup(state, options({ paymentProviderId: "pp_system_default" }))).toThrow(
      /not an InvoiceBox/
    )
    expect(() =>
      planStoreSetup(bareStore({ paymentProviders: [{ id: "pp_system_default", isEnabled: true }] }), options())
    ).toThrow(/no InvoiceBox provider is registered/)
    expect(() =>
      planStoreSetup(bareStore({ paymentProviders: [{ id: PROVIDER, isEnabled: false }] }), options())
    ).toThrow(/registered but disabled/)
  })

  it("reports a dry run as what it would do", () => {
    const plan = planStoreSetup(bareStore(), options({ dryRun: true }))
    expect(summaryLine(countOutcomes(plan), true)).toBe(
      "InvoiceBox store setup, dry run: would create 4, would update 3, 1 unchanged. Nothing was changed; " +
        "run the command without dry-run to apply."
    )
  })
})
