import fc from "fast-check"

import { VAT_CODES, type VatCode } from "../../src/invoicebox/types"
import {
  VAT_RATES,
  grossOfNet,
  isAddedVat,
  isVatCode,
  netOfGross,
  vatCodeFor,
  vatOfGross,
  vatRateOf,
} from "../../src/invoicebox/vat"
import { errorOf } from "../helpers/errors"

describe("VAT_RATES", () => {
  it("covers exactly the wire VAT codes", () => {
    expect(Object.keys(VAT_RATES).sort()).toEqual([...VAT_CODES].sort())
  })

  it.each<[VatCode, number, boolean]>([
    ["VATNONE", 0, false],
    ["RUS_VAT0", 0, false],
    ["RUS_VAT5", 5, false],
    ["RUS_VAT5_ADDED", 5, true],
    ["RUS_VAT7", 7, false],
    ["RUS_VAT7_ADDED", 7, true],
    ["RUS_VAT10", 10, false],
    ["RUS_VAT10_ADDED", 10, true],
    ["RUS_VAT20", 20, false],
    ["RUS_VAT20_ADDED", 20, true],
    ["RUS_VAT22", 22, false],
    ["RUS_VAT22_ADDED", 22, true],
  ])("%s is %p %% (added: %p)", (code, rate, added) => {
    expect(VAT_RATES[code]).toEqual({ rate, added })
    expect(vatRateOf(code)).toBe(rate)
    expect(isAddedVat(code)).toBe(added)
  })

  it("recognises codes and refuses unknown ones", () => {
    expect(isVatCode("RUS_VAT22")).toBe(true)
    expect(isVatCode("RUS_VAT18")).toBe(false)
    expect(isVatCode(20)).toBe(false)
    const error = errorOf(() => vatRateOf("RUS_VAT18" as VatCode))
    expect(error.code).toBe("invalid_vat_code")
    expect(error.message).toContain("RUS_VAT18")
  })
})

describe("vatCodeFor", () => {
  it.each<[number | null | undefined, boolean, VatCode]>([
    [22, true, "RUS_VAT22"],
    [20, true, "RUS_VAT20"],
    [10, true, "RUS_VAT10"],
    [7, true, "RUS_VAT7"],
    [5, true, "RUS_VAT5"],
    [0, true, "RUS_VAT0"],
    [22, false, "RUS_VAT22_ADDED"],
    [20, false, "RUS_VAT20_ADDED"],
    [10, false, "RUS_VAT10_ADDED"],
    [7, false, "RUS_VAT7_ADDED"],
    [5, false, "RUS_VAT5_ADDED"],
    [0, false, "RUS_VAT0"],
    [null, true, "VATNONE"],
    [undefined, false, "VATNONE"],
  ])("rate %p, plain code %p → %s", (rate, plain, code) => {
    expect(vatCodeFor(rate, { added: !plain })).toBe(code)
    // the deprecated spelling of the same choice
    expect(vatCodeFor(rate, { taxInclusive: plain })).toBe(code)
  })

  it("defaults to the plain codes; `added` wins over the deprecated taxInclusive", () => {
    expect(vatCodeFor(22)).toBe("RUS_VAT22")
    expect(vatCodeFor(22.0)).toBe("RUS_VAT22")
    expect(vatCodeFor(22, { added: false, taxInclusive: false })).toBe("RUS_VAT22")
    expect(vatCodeFor(22, { added: true, taxInclusive: true })).toBe("RUS_VAT22_ADDED")
  })

  it("lets a mapping keyed by the rate text override the table", () => {
    expect(vatCodeFor(0, { mapping: { "0": "VATNONE" } })).toBe("VATNONE")
    expect(vatCodeFor(18, { mapping: { "18": "RUS_VAT20" } })).toBe("RUS_VAT20")
    expect(vatCodeFor(10.5, { mapping: { "10.5": "RUS_VAT10" } })).toBe("RUS_VAT10")
    expect(vatCodeFor(22, { mapping: { "10": "VATNONE" } })).toBe("RUS_VAT22")
  })

  it("uses noVat for a missing rate", () => {
    expect(vatCodeFor(null, { noVat: "RUS_VAT0" })).toBe("RUS_VAT0")
    expect(errorOf(() => vatCodeFor(null, { noVat: "NONE" as VatCode })).code).toBe("invalid_vat_code")
  })

  it("refuses a rate with no code, saying how to map it", () => {
    const error = errorOf(() => vatCodeFor(18))
    expect(error.code).toBe("unsupported_vat_rate")
    expect(error.message).toContain("18%")
    expect(error.message).toContain("mapping")
    expect(errorOf(() => vatCodeFor(12.5, { added: true })).code).toBe("unsupported_vat_rate")
  })

  it.each<[string, number]>([
    ["negative", -10],
    ["NaN", NaN],
    ["Infinity", Infinity],
  ])("refuses a %s rate", (_label, rate) => {
    expect(errorOf(() => vatCodeFor(rate)).code).toBe("unsupported_vat_rate")
  })

  it("refuses a mapping to an unknown code", () => {
    const error = errorOf(() => vatCodeFor(18, { mapping: { "18": "RUS_VAT18" as VatCode } }))
    expect(error.code).toBe("invalid_vat_code")
    expect(error.message).toContain('mapping["18"]')
  })
})

describe("VAT arithmetic", () => {
  it("matches the docs' example line (123.96 × 3 at 20 %)", () => {
    expect(vatOfGross(12396, "RUS_VAT20")).toBe(2066)
    expect(netOfGross(12396, "RUS_VAT20")).toBe(10330)
    expect(vatOfGross(37188, "RUS_VAT20")).toBe(6198)
  })

  it("computes 22 % (the 2026 standard rate)", () => {
    expect(vatOfGross(12200, "RUS_VAT22")).toBe(2200)
    expect(vatOfGross(100000, "RUS_VAT22")).toBe(18033) // 1000 × 22/122 = 180.327…
    expect(netOfGross(100000, "RUS_VAT22")).toBe(81967)
    expect(vatOfGross(100, "RUS_VAT22")).toBe(18) // 18.03 kopecks
  })

  it("rounds the VAT half-up", () => {
    expect(vatOfGross(3, "RUS_VAT20")).toBe(1) // 0.5 kopeck
    expect(vatOfGross(2, "RUS_VAT20")).toBe(0) // 0.33 kopeck
    expect(vatOfGross(11, "RUS_VAT10")).toBe(1)
    expect(vatOfGross(5, "RUS_VAT10")).toBe(0) // 0.4545 kopeck
    expect(vatOfGross(6, "RUS_VAT10")).toBe(1) // 0.5454 kopeck
  })

  it("has no VAT for VATNONE and RUS_VAT0", () => {
    expect(vatOfGross(99999, "VATNONE")).toBe(0)
    expect(vatOfGross(99999, "RUS_VAT0")).toBe(0)
    expect(netOfGross(99999, "VATNONE")).toBe(99999)
    expect(grossOfNet(99999, "RUS_VAT0")).toBe(99999)
  })

  it("treats _ADDED codes with the same rate on the gross amount", () => {
    expect(vatOfGross(12200, "RUS_VAT22_ADDED")).toBe(vatOfGross(12200, "RUS_VAT22"))
    expect(vatOfGross(37188, "RUS_VAT20_ADDED")).toBe(6198)
  })

  it("adds VAT on top of a net amount", () => {
    expect(grossOfNet(10000, "RUS_VAT22_ADDED")).toBe(12200)
    expect(grossOfNet(999, "RUS_VAT20")).toBe(1199) // 9.99 + 1.998 → 11.99
    expect(grossOfNet(1, "RUS_VAT10_ADDED")).toBe(1) // 0.1 kopeck of VAT rounds away
    expect(grossOfNet(5, "RUS_VAT10_ADDED")).toBe(6) // 0.5 kopeck → up
  })

  it("keeps gross = net + VAT and the VAT within half a kopeck of the exact share", () => {
    const taxed = VAT_CODES.filter((code) => VAT_RATES[code].rate > 0)
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.constantFrom(...taxed), (gross, code) => {
        const rate = BigInt(VAT_RATES[code].rate)
        const vat = vatOfGross(gross, code)
        expect(netOfGross(gross, code) + vat).toBe(gross)
        // |vat − gross·r/(100+r)| ≤ 1/2  ⇔  |2·vat·(100+r) − 2·gross·r| ≤ 100+r
        const diff = 2n * BigInt(vat) * (100n + rate) - 2n * BigInt(gross) * rate
        expect((diff < 0n ? -diff : diff) <= 100n + rate).toBe(true)
      }),
      { numRuns: 3000 }
    )
  })
})
