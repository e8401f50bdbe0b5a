import fc from "fast-check"

import {
  BASKET_FIELD_LIMITS,
  DEFAULT_BASKET_DEFAULTS,
  basketItemFromPart,
  basketOrderAmounts,
  buildBasket,
  buildBasketForAmount,
  splitLineTotal,
  unitAmountFor,
  type BasketLineInput,
} from "../../src/invoicebox/basket"
import { checkOrderBasket } from "../../src/invoicebox/basket-reconcile"
import { InvoiceboxError } from "../../src/invoicebox/errors"
import { multiplyByQuantity, toKopecks, toQuantity } from "../../src/invoicebox/money"
import { VAT_CODES, type BasketItem } from "../../src/invoicebox/types"
import { errorOf } from "../helpers/errors"
import { docsBasketItem } from "../helpers/orders"

function line(overrides: Partial<BasketLineInput> = {}): BasketLineInput {
  return { sku: "TEA-1", name: "Чай зелёный, 100 г", unitPrice: 100, quantity: 1, vatCode: "RUS_VAT20", ...overrides }
}

/** [amount, quantity, totalAmount] of each item, for compact expectations. */
function figures(items: BasketItem[]): Array<[number, number, number]> {
  return items.map((item) => [item.amount, item.quantity, item.totalAmount])
}

function expectValid(items: BasketItem[], amount: number, vatAmount: number): void {
  expect(checkOrderBasket({ amount, vatAmount, basketItems: items })).toEqual([])
}

describe("buildBasket", () => {
  it("builds the docs' example line with the default unit and payment type", () => {
    const basket = buildBasket([
      {
        sku: "5fe0adcfa7fb4",
        name: "Бронирование номера",
        unitPrice: 123.96,
        quantity: 3,
        vatCode: "RUS_VAT20",
        type: "service",
      },
    ])
    expect(basket.items).toEqual([docsBasketItem()])
    expect(basket.amount).toBe(37188)
    expect(basket.vatAmount).toBe(6198)
    expect(basketOrderAmounts(basket)).toEqual({ amount: 371.88, vatAmount: 61.98 })
  })

  it("exposes the documented defaults", () => {
    expect(DEFAULT_BASKET_DEFAULTS).toEqual({
      type: "commodity",
      measure: "шт",
      measureCode: "796",
      paymentType: "full_prepayment",
    })
  })

  it("splits a total that does not divide over the quantity (3 × 33.34 style)", () => {
    const basket = buildBasket([line({ unitPrice: 40, quantity: 3, discount: 20 })])
    expect(figures(basket.items)).toEqual([
      [33.34, 1, 33.34],
      [33.33, 2, 66.66],
    ])
    expect(basket.items.every((item) => item.sku === "TEA-1" && item.name === "Чай зелёный, 100 г")).toBe(true)
    expect(basket.amount).toBe(10000)
    expect(basket.vatAmount).toBe(556 + 1111) // 33.34/6 = 5.5567, 66.66/6 = 11.11
    expectValid(basket.items, 100, 16.67)
  })

  it("spreads a 1/3 discount to the kopeck", () => {
    const thirds = buildBasket([line({ unitPrice: 10, quantity: 3, discount: 10 })])
    expect(figures(thirds.items)).toEqual([
      [6.67, 2, 13.34],
      [6.66, 1, 6.66],
    ])
    expect(thirds.amount).toBe(2000)

    // a discount of 1/3 rouble passed with many decimals is subtracted exactly, then rounded once
    const exact = buildBasket([line({ unitPrice: 10, quantity: 1, discount: "3.333333333" })])
    expect(figures(exact.items)).toEqual([[6.67, 1, 6.67]])
    const twice = buildBasket([line({ unitPrice: "0.333333", quantity: 3, discount: "0.000001" })])
    expect(twice.amount).toBe(100) // 0.999999 − 0.000001 = 0.999998 → 1.00
  })

  it("has no float drift on prices like 0.1 + 0.2", () => {
    const basket = buildBasket([line({ unitPrice: 0.1 + 0.2, quantity: 10 })])
    expect(figures(basket.items)).toEqual([[0.3, 10, 3]])
    expect(basket.amount).toBe(300)
  })

  it("computes the line total from the exact unit price, rounding once", () => {
    // 33.333 × 3 = 99.999 → 100.00, not 33.33 × 3 = 99.99
    const basket = buildBasket([line({ unitPrice: "33.333", quantity: 3 })])
    expect(basket.amount).toBe(10000)
    expect(figures(basket.items)).toEqual([
      [33.34, 1, 33.34],
      [33.33, 2, 66.66],
    ])
  })

  it("keeps a fractional quantity on one line when a unit price fits", () => {
    const kilos = buildBasket([line({ unitPrice: 100, quantity: 1.5, measure: "кг", measureCode: "166" })])
    expect(figures(kilos.items)).toEqual([[100, 1.5, 150]])
    expect(kilos.items[0]).toMatchObject({ measure: "кг", measureCode: "166" })

    const rounded = buildBasket([line({ unitPrice: "33.33", quantity: "1.5" })])
    expect(figures(rounded.items)).toEqual([[33.33, 1.5, 50]]) // 49.995 → 50.00
  })

  it("splits whole units from the fraction when no single price fits", () => {
    // 40.004 × 2.5 = 100.01: no price p has half-up(p × 2.5) = 100.01
    expect(unitAmountFor(10001, 2500)).toBeNull()
    const basket = buildBasket([line({ unitPrice: "40.004", quantity: 2.5 })])
    expect(figures(basket.items)).toEqual([
      [40.01, 1, 40.01],
      [40, 1.5, 60],
    ])
    expect(basket.amount).toBe(10001)
    expectValid(basket.items, 100.01, 16.67)
  })

  it("takes VAT-on-top prices for _ADDED codes", () => {
    const simple = buildBasket([line({ unitPrice: 100, vatCode: "RUS_VAT22_ADDED" })])
    expect(simple.items[0]).toMatchObject({
      amount: 122,
      amountWoVat: 100,
      totalAmount: 122,
      totalVatAmount: 22,
      vatCode: "RUS_VAT22_ADDED",
    })

    // net 99.99 × 3 = 299.97, + 20 % = 359.96 gross, which does not divide by 3
    const split = buildBasket([line({ unitPrice: 99.99, quantity: 3, vatCode: "RUS_VAT20_ADDED" })])
    expect(figures(split.items)).toEqual([
      [119.99, 2, 239.98],
      [119.98, 1, 119.98],
    ])
    expect(split.items.map((item) => item.amountWoVat)).toEqual([99.99, 99.98])
    expect(split.amount).toBe(35996)
    expect(split.vatAmount).toBe(4000 + 2000)
  })

  it("computes 22 % VAT per line and in total", () => {
    const basket = buildBasket([
      line({ sku: "A", unitPrice: 1000, quantity: 1, vatCode: "RUS_VAT22" }),
      line({ sku: "B", unitPrice: 1, quantity: 7, vatCode: "RUS_VAT22" }),
    ])
    expect(basket.items[0]).toMatchObject({ amount: 1000, amountWoVat: 819.67, totalVatAmount: 180.33 })
    expect(basket.items[1]).toMatchObject({ amount: 1, amountWoVat: 0.82, totalAmount: 7, totalVatAmount: 1.26 })
    expect(basket.vatAmount).toBe(18033 + 126)
    expectValid(basket.items, 1007, 181.59)
  })

  it("keeps a fully discounted line with amount 0", () => {
    const basket = buildBasket([
      line({ sku: "GIFT", unitPrice: 500, quantity: 2, discount: 1000 }),
      line({ sku: "PAID" }),
    ])
    expect(basket.items[0]).toMatchObject({
      sku: "GIFT",
      quantity: 2,
      amount: 0,
      amountWoVat: 0,
      totalAmount: 0,
      totalVatAmount: 0,
    })
    expect(basket.amount).toBe(10000)
    expectValid(basket.items, 100, 16.67)
  })

  it("lets total and grossTotal override the computed line total", () => {
    const total = buildBasket([line({ unitPrice: 999, quantity: 2, total: "150.5" })])
    expect(figures(total.items)).toEqual([[75.25, 2, 150.5]])
    const addedTotal = buildBasket([line({ unitPrice: 1, quantity: 1, total: 100, vatCode: "RUS_VAT10_ADDED" })])
    expect(addedTotal.amount).toBe(11000)
    const gross = buildBasket([
      line({ unitPrice: 1, quantity: 1, total: 5, grossTotal: 100, vatCode: "RUS_VAT10_ADDED" }),
    ])
    expect(gross.amount).toBe(10000)
    expect(gross.items[0]).toMatchObject({ amount: 100, totalVatAmount: 9.09, amountWoVat: 90.91 })
  })

  it("accepts BigNumber-like money", () => {
    const basket = buildBasket([
      line({
        unitPrice: { value: "10.005", precision: 20 },
        quantity: "2",
        discount: { numeric: 0.01 },
      }),
      line({
        sku: "SHIP",
        name: "Доставка курьером",
        unitPrice: { raw: { value: "350" } },
        type: "service",
        vatCode: "VATNONE",
      }),
    ])
    // 10.005 × 2 − 0.01 = 20.00
    expect(figures(basket.items)).toEqual([
      [10, 2, 20],
      [350, 1, 350],
    ])
    expect(basket.items[1]).toMatchObject({ type: "service", totalVatAmount: 0, amountWoVat: 350 })
  })

  it("passes optional fields through and applies defaults per basket and per line", () => {
    const metaData = { medusaLineItemId: "item_1" }
    const basket = buildBasket(
      [
        line({
          sku: "  TEA-1 ",
          name: " Чай ",
          groupName: "Чай",
          originCountry: "Китай",
          originCountryCode: "156",
          metaData,
        }),
        line({ sku: "SHIP", type: "commodity", paymentType: "full_payment", measure: "шт", measureCode: "796" }),
      ],
      { type: "service", measure: "усл", measureCode: "876", paymentType: "advance" }
    )
    expect(basket.items[0]).toEqual(
      expect.objectContaining({
        sku: "TEA-1",
        name: "Чай",
        groupName: "Чай",
        originCountry: "Китай",
        originCountryCode: "156",
        type: "service",
        measure: "усл",
        measureCode: "876",
        paymentType: "advance",
        metaData: { medusaLineItemId: "item_1" },
      })
    )
    expect(basket.items[0]?.metaData).not.toBe(metaData)
    expect(basket.items[1]).toMatchObject({ type: "commodity", paymentType: "full_payment", measure: "шт" })
    expect(basket.items[1]).not.toHaveProperty("groupName")
    expect(basket.items[1]).not.toHaveProperty("metaData")
  })

  it("builds a 1000-line basket quickly and exactly", () => {
    const lines: BasketLineInput[] = Array.from({ length: 1000 }, (_, i) =>
      line({
        sku: `SKU-${i}`,
        name: `Товар ${i}`,
        unitPrice: ((i * 7919) % 100000) / 100,
        quantity: (i % 7) + 1,
        discount: i % 3 === 0 ? (i % 50) / 100 : undefined,
        vatCode: VAT_CODES[i % VAT_CODES.length],
      })
    )
    const started = performance.now()
    const basket = buildBasket(lines)
    const elapsed = performance.now() - started
    expect(elapsed).toBeLessThan(2000)
    expect(basket.items.length).toBeGreaterThanOrEqual(1000)
    expect(new Set(basket.items.map((item) => item.sku)).size).toBe(1000)
    const { amount, vatAmount } = basketOrderAmounts(basket)
    expectValid(basket.items, amount, vatAmount)
    expect(basket.amount).toBe(basket.items.reduce((sum, item) => sum + toKopecks(item.totalAmount, "exact"), 0))
    expect(basket.vatAmount).toBe(basket.items.reduce((sum, item) => sum + toKopecks(item.totalVatAmount, "exact"), 0))
  })

  describe("refuses bad input, naming the line", () => {
    it("an empty basket", () => {
      expect(errorOf(() => buildBasket([])).code).toBe("invalid_basket")
    })

    it.each<[string, Partial<BasketLineInput>, string]>([
      ["an empty name", { name: "  " }, "name must be a non-empty string"],
      ["an empty sku", { sku: "" }, "sku must be a non-empty string"],
      [
        "a name over 500 characters",
        { name: "я".repeat(501) },
        "name is 501 characters long; InvoiceBox accepts at most 500",
      ],
      ["a measure over 10 characters", { measure: "килограммов" }, "measure is 11 characters"],
      ["a measureCode over 4 characters", { measureCode: "79600" }, "measureCode is 5 characters"],
      ["a negative unit price", { unitPrice: -1 }, "unitPrice -1.00 must not be negative"],
      ["a negative discount", { discount: "-0.01" }, "discount -0.01 must not be negative"],
      ["a negative total", { total: -5 }, "total -5.00 must not be negative"],
      [
        "a discount above the line total",
        { unitPrice: 10, quantity: 2, discount: "20.01" },
        "discount 20.01 exceeds the line total 20.00 (unitPrice × quantity)",
      ],
      ["a zero quantity", { quantity: 0 }, "must be greater than 0"],
      ["a quantity with 4 decimals", { quantity: "1.0001" }, "more than 3 decimal places"],
      ["a non-numeric price", { unitPrice: "сто" }, "Invalid unitPrice"],
      ["NaN", { unitPrice: NaN }, "Invalid unitPrice"],
      ["an unknown VAT code", { vatCode: "RUS_VAT18" as BasketLineInput["vatCode"] }, 'vatCode "RUS_VAT18"'],
      ["an unknown type", { type: "goods" as BasketLineInput["type"] }, 'type "goods"'],
      ["a non-integer type code", { type: 1.5 }, "type 1.5"],
      ["an unknown payment type", { paymentType: "credit" as BasketLineInput["paymentType"] }, 'paymentType "credit"'],
    ])("%s", (_label, overrides, fragment) => {
      const error = errorOf(() => buildBasket([line({ sku: "OK-0" }), line({ sku: "BAD-1", ...overrides })]))
      expect(error.code).toBe("invalid_basket_line")
      expect(error.message).toMatch(/^Basket line 1/)
      if (overrides.sku === undefined) expect(error.message).toContain('(sku "BAD-1")')
      expect(error.message).toContain(fragment)
    })

    it("keeps the original error as the cause", () => {
      const error = errorOf(() => buildBasket([line({ unitPrice: "abc" })]))
      expect(error.cause).toBeInstanceOf(InvoiceboxError)
      expect((error.cause as InvoiceboxError).code).toBe("invalid_amount")
    })

    it("accepts a name of exactly 500 characters", () => {
      expect(buildBasket([line({ name: "я".repeat(BASKET_FIELD_LIMITS.name) })]).items[0]?.name).toHaveLength(500)
    })
  })
})

describe("buildBasketForAmount", () => {
  it("is buildBasket when the rounded lines already add up", () => {
    const lines = [
      line({ unitPrice: 40, quantity: 3, discount: 20 }),
      line({ sku: "B", unitPrice: "0.1", quantity: 3 }),
    ]
    expect(buildBasketForAmount(lines, "100.30")).toEqual(buildBasket(lines))
  })

  it("takes a kopeck off the line rounded up the most when the store rounds the cart once", () => {
    // three lines of 10.005: each rounds to 10.01 (30.03) but the cart total 30.015 rounds to 30.02
    const lines = ["A", "B", "C"].map((sku) => line({ sku, unitPrice: "10.005", vatCode: "VATNONE" }))
    expect(buildBasket(lines).amount).toBe(3003)
    const basket = buildBasketForAmount(lines, { value: "30.015", precision: 20 })
    expect(basket.amount).toBe(3002)
    expect(basket.items.map((item) => [item.sku, item.totalAmount])).toEqual([
      ["A", 10],
      ["B", 10.01],
      ["C", 10.01],
    ])
    expectValid(basket.items, 30.02, 0)
  })

  it("adds a kopeck to the line rounded down the most", () => {
    const lines = [
      line({ sku: "A", unitPrice: "0.331", vatCode: "VATNONE" }),
      line({ sku: "B", unitPrice: "0.334", vatCode: "VATNONE" }),
      line({ sku: "C", unitPrice: "0.333", vatCode: "VATNONE" }),
    ]
    // 0.33 + 0.33 + 0.33 = 0.99, exact 0.998 → 1.00: B (0.004 below) gets the kopeck
    const basket = buildBasketForAmount(lines, 1)
    expect(basket.items.map((item) => item.totalAmount)).toEqual([0.33, 0.34, 0.33])
  })

  it("refuses a gap larger than rounding can explain, with both figures", () => {
    const lines = [line({ unitPrice: "10.005" }), line({ sku: "B", unitPrice: 5 })]
    const error = errorOf(() => buildBasketForAmount(lines, 15.03))
    expect(error.code).toBe("basket_amount_mismatch")
    expect(error.message).toContain("total 15.01 but the amount to charge is 15.03")
    expect(errorOf(() => buildBasketForAmount(lines, 14.99)).code).toBe("basket_amount_mismatch")
    expect(buildBasketForAmount(lines, 15.0).amount).toBe(1500)
  })

  it("always hits the once-rounded cart total for tax-inclusive lines", () => {
    const priced = fc.record({
      units: fc.bigInt({ min: 0n, max: 10_000_000n }),
      scale: fc.constantFrom(2, 3, 4, 6),
      milli: fc.integer({ min: 1, max: 5000 }),
      vatCode: fc.constantFrom(
        "VATNONE",
        "RUS_VAT0",
        "RUS_VAT5",
        "RUS_VAT7",
        "RUS_VAT10",
        "RUS_VAT20",
        "RUS_VAT22" as const
      ),
    })
    fc.assert(
      fc.property(fc.array(priced, { minLength: 1, maxLength: 12 }), (cart) => {
        const lines = cart.map((p, i) =>
          line({ sku: `S${i}`, unitPrice: `${p.units}e-${p.scale}`, quantity: `${p.milli}e-3`, vatCode: p.vatCode })
        )
        // the cart total rounded once: Σ units × milli / 10^(scale+3), in kopecks, half-up
        const denominator = 10n ** 9n
        const exact = cart.reduce((sum, p) => sum + p.units * BigInt(p.milli) * 10n ** BigInt(9 - p.scale - 3), 0n)
        const target = (2n * exact * 100n + denominator) / (2n * denominator)
        const basket = buildBasketForAmount(lines, `${target}e-2`)
        expect(BigInt(basket.amount)).toBe(target)
        const { amount, vatAmount } = basketOrderAmounts(basket)
        expectValid(basket.items, amount, vatAmount)
      }),
      { numRuns: 1000 }
    )
  })
})

describe("splitLineTotal", () => {
  it.each<[number, number, Array<{ amount: number; quantity: number; total: number }>]>([
    [
      10000,
      3000,
      [
        { amount: 3334, quantity: 1000, total: 3334 },
        { amount: 3333, quantity: 2000, total: 6666 },
      ],
    ],
    [9999, 3000, [{ amount: 3333, quantity: 3000, total: 9999 }]],
    [
      1,
      3000,
      [
        { amount: 1, quantity: 1000, total: 1 },
        { amount: 0, quantity: 2000, total: 0 },
      ],
    ],
    [0, 2500, [{ amount: 0, quantity: 2500, total: 0 }]],
    [
      100,
      3500,
      [
        { amount: 29, quantity: 1500, total: 44 },
        { amount: 28, quantity: 2000, total: 56 },
      ],
    ],
    [7, 250, [{ amount: 28, quantity: 250, total: 7 }]],
  ])("(%p kopecks, %p thousandths)", (total, quantity, parts) => {
    expect(splitLineTotal(total, quantity)).toEqual(parts)
  })

  it("always covers the total and the quantity with lines that satisfy R2", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e11 }), fc.integer({ min: 1, max: 1e7 }), (total, quantity) => {
        const parts = splitLineTotal(total, quantity)
        expect(parts.length).toBeGreaterThanOrEqual(1)
        expect(parts.length).toBeLessThanOrEqual(3)
        expect(parts.reduce((sum, p) => sum + p.total, 0)).toBe(total)
        expect(parts.reduce((sum, p) => sum + p.quantity, 0)).toBe(quantity)
        for (const part of parts) {
          expect(part.quantity).toBeGreaterThan(0)
          expect(part.amount).toBeGreaterThanOrEqual(0)
          expect(multiplyByQuantity(part.amount, part.quantity)).toBe(part.total)
        }
      }),
      { numRuns: 5000 }
    )
  })

  it("finds a single price for every quantity below one unit", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 1, max: 999 }), (total, quantity) => {
        const price = unitAmountFor(total, quantity)
        expect(price).not.toBeNull()
        expect(multiplyByQuantity(price ?? -1, quantity)).toBe(total)
      }),
      { numRuns: 2000 }
    )
  })

  it("refuses impossible input", () => {
    expect(() => splitLineTotal(-1, 1000)).toThrow(RangeError)
    expect(() => splitLineTotal(1, 0)).toThrow(RangeError)
    expect(unitAmountFor(-1, 1000)).toBeNull()
  })
})

describe("basketItemFromPart", () => {
  it("fills the VAT fields by the builder's rule", () => {
    const item = basketItemFromPart(
      {
        sku: "X",
        name: "X",
        measure: "кг",
        measureCode: "166",
        vatCode: "RUS_VAT10",
        type: "commodity",
        paymentType: "full_prepayment",
      },
      { amount: 15001, quantity: toQuantity("0.5"), total: 7501 }
    )
    expect(item).toMatchObject({
      quantity: 0.5,
      amount: 150.01,
      amountWoVat: 136.37,
      totalAmount: 75.01,
      totalVatAmount: 6.82,
    })
  })
})
