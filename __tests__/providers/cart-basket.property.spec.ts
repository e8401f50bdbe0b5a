/**
 * Property test over random Medusa carts: every line (item or shipping method) randomly tax-inclusive
 * or not, VAT 22 %, 10 %, 0 % or none, promotions whose amounts include tax or not (up to the whole
 * line), whole and fractional quantities; totals computed by Medusa's own decorateCartTotals. For every
 * cart and every vatCodeVariant:
 * - the basket passes the reconciler and the sandbox's own order check;
 * - it charges Medusa's total rounded to the kopeck, exactly;
 * - each line carries Medusa's total to the kopeck's rounding and Medusa's VAT to its parts' rounding;
 * - the codes follow the variant (per-line: each line's own is_tax_inclusive), the amounts never do.
 */
import fc from "fast-check"

import type { Basket } from "../../src/invoicebox/basket"
import { toKopecks } from "../../src/invoicebox/money"
import { isAddedVat } from "../../src/invoicebox/vat"
import { VAT_CODE_VARIANTS } from "../../src/payment/options"
import { basketOf, expectLinesAsMedusa, medusaCart, optionsWith, type LineSpec } from "../helpers/medusa-cart"

// fewer under StrykerJS (jest.stryker.config.js), where the test runs once per mutant
const CARTS = Number(process.env.INVOICEBOX_PROPERTY_CARTS ?? 1_000)

const RATES: number[][] = [[22], [10], [0], [], [12, 10]]

const line = (shipping: boolean) =>
  fc
    .record({
      kopecks: fc.integer({ min: 1, max: 2_000_000 }),
      quantity: shipping
        ? fc.constant(1)
        : fc.oneof(fc.integer({ min: 1, max: 7 }), fc.constantFrom("1.5", "0.25", "2.125")),
      inclusive: fc.boolean(),
      rates: fc.constantFrom(...RATES),
      discount: fc.option(fc.record({ share: fc.integer({ min: 1, max: 100 }), inclusive: fc.boolean() }), {
        nil: undefined,
      }),
    })
    .map(({ kopecks, quantity, inclusive, rates, discount }): Omit<LineSpec, "sku"> => {
      const price = kopecks / 100
      const rate = rates.reduce((sum, r) => sum + r, 0)
      // a promotion takes a share of the line (whole kopecks) on the price's own basis: with tax for a
      // tax-inclusive price, without it for a tax-exclusive one…
      const onPrice = Math.floor((kopecks * Number(quantity) * (discount?.share ?? 0)) / 100)
      // …or the same share on the other basis, when the promotion's amount is the other kind
      const otherBasis = inclusive
        ? Math.floor((onPrice * 100) / (100 + rate))
        : Math.floor((onPrice * (100 + rate)) / 100)
      const amount = discount && discount.inclusive === inclusive ? onPrice : otherBasis
      return {
        price,
        quantity,
        inclusive,
        rates,
        ...(discount && amount > 0 ? { discount: { amount: amount / 100, inclusive: discount.inclusive } } : {}),
      }
    })

const named = (prefix: string) => (specs: Array<Omit<LineSpec, "sku">>) =>
  specs.map((spec, index): LineSpec => ({ ...spec, sku: `${prefix}${index}` }))

const cart = fc.record({
  items: fc.array(line(false), { minLength: 1, maxLength: 5 }).map(named("SKU-")),
  shipping: fc.array(line(true), { maxLength: 2 }).map(named("ship")),
})

const figures = (basket: Basket) =>
  basket.items.map((item) => [item.sku, item.quantity, item.amount, item.totalAmount, item.totalVatAmount])

describe("cart basket property: random Medusa carts, tax-inclusive or not line by line", () => {
  it(`${CARTS} carts: Medusa's total to the kopeck, each line's VAT as Medusa computed it, codes by the variant`, () => {
    const seen = { inclusive: 0, exclusive: 0, discounted: 0, split: 0 }
    fc.assert(
      fc.property(cart, ({ items, shipping }) => {
        const medusa = medusaCart(items, shipping)
        const all = [...items, ...shipping.map((method) => ({ ...method, sku: `shipping-${method.sku}` }))]
        const baskets = VAT_CODE_VARIANTS.map((variant) => basketOf(medusa, optionsWith({ vatCodeVariant: variant })))
        const [plain, added, perLine] = baskets as [Basket, Basket, Basket]

        expect(plain.amount).toBe(toKopecks(medusa.total, "half-up"))
        expectLinesAsMedusa(plain, medusa)
        // the variant never moves an amount
        expect(figures(added)).toEqual(figures(plain))
        expect(figures(perLine)).toEqual(figures(plain))

        for (const spec of all) {
          const rate = spec.rates.reduce((sum, r) => sum + r, 0)
          const codes = (basket: Basket) => basket.items.filter((item) => item.sku === spec.sku).map((i) => i.vatCode)
          const taxed = rate > 0
          expect(codes(plain).every((code) => !isAddedVat(code))).toBe(true)
          expect(codes(added).every((code) => isAddedVat(code) === taxed)).toBe(true)
          expect(codes(perLine).every((code) => isAddedVat(code) === (taxed && spec.inclusive === false))).toBe(true)
          if (spec.inclusive) seen.inclusive += 1
          else seen.exclusive += 1
          if (spec.discount) seen.discounted += 1
          if (codes(plain).length > 1) seen.split += 1
        }
      }),
      { numRuns: CARTS }
    )
    // the generator really mixes the flags, discounts and split lines
    expect(seen.inclusive).toBeGreaterThan(CARTS / 2)
    expect(seen.exclusive).toBeGreaterThan(CARTS / 2)
    expect(seen.discounted).toBeGreaterThan(CARTS / 2)
    expect(seen.split).toBeGreaterThan(CARTS / 20)
  }, 120_000)
})
