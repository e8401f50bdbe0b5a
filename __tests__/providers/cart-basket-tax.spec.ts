/**
 * Tax as Medusa computes it, line by line: carts whose totals are made by Medusa's own
 * `decorateCartTotals` (the function the cart and order modules use), with tax-inclusive and
 * tax-exclusive lines side by side, 22 % and 10 %, promotions and shipping. The basket must charge
 * Medusa's total to the kopeck and carry each line's VAT as Medusa computed it, whatever
 * `vatCodeVariant` says (it only picks the plain or `_ADDED` codes).
 */
import type { Basket } from "../../src/invoicebox/basket"
import { toExactDecimal, toKopecks, type MoneyInput } from "../../src/invoicebox/money"
import { buildOrderRequest } from "../../src/payment/order-request"
import { cartBasketLines, type CartLike } from "../../src/payment/cart-basket"
import { providerOptionWarnings } from "../../src/payment/options"
import {
  account,
  basketOf,
  expectLinesAsMedusa,
  lineSums,
  medusaCart,
  optionsWith,
  type LineSpec,
} from "../helpers/medusa-cart"

const options = optionsWith()

const kopecksOf = (value: MoneyInput) => toKopecks(value, "half-up")

describe("tax as Medusa computed it, line by line", () => {
  // tea: the price includes 22 %; honey: 10 % on top; the course: 22 % on top; courier: 22 % on top
  const mixed = () =>
    medusaCart(
      [
        { sku: "TEA", price: 450, quantity: 3, inclusive: true, rates: [22] },
        { sku: "HONEY", price: 333.33, quantity: 2, inclusive: false, rates: [10] },
        { sku: "CLASS", price: 999.99, inclusive: false, rates: [22] },
      ],
      [{ sku: "courier", price: 300, inclusive: false, rates: [22] }]
    )

  it("a tax-inclusive and a tax-exclusive line in one cart, 22 % and 10 %: Medusa's total to the kopeck", () => {
    const medusa = mixed()
    // 1350 + 666.66 × 1.1 + 999.99 × 1.22 + 300 × 1.22 = 1350 + 733.326 + 1219.9878 + 366
    expect(Number(medusa.total)).toBeCloseTo(3669.3138, 8)
    const basket = basketOf(medusa)
    expect(basket.amount).toBe(kopecksOf(medusa.total))
    expect(basket.amount).toBe(366_931)
    expectLinesAsMedusa(basket, medusa)

    // the tea keeps its shelf price and the VAT inside it
    expect(basket.items.filter((i) => i.sku === "TEA")).toEqual([
      expect.objectContaining({
        quantity: 3,
        amount: 450,
        totalAmount: 1350,
        totalVatAmount: 243.44,
        vatCode: "RUS_VAT22",
      }),
    ])
    // the honey: 333.33 + 10 % = 366.663 a kilogram, 733.326 for two. The lines rounded one by one
    // make 3669.32 where Medusa charges 3669.31: the line rounded furthest up gives the kopeck back;
    // its VAT 733.32 × 10/110 = 66.665 → 66.67 is Medusa's 66.666 to the kopeck
    expect(basket.items.filter((i) => i.sku === "HONEY")).toEqual([
      expect.objectContaining({
        quantity: 2,
        amount: 366.66,
        totalAmount: 733.32,
        totalVatAmount: 66.67,
        vatCode: "RUS_VAT10",
      }),
    ])
    // the course: 999.99 + 22 % = 1219.9878 → 1219.99, VAT 219.9978 → 220.00
    expect(basket.items.filter((i) => i.sku === "CLASS")).toEqual([
      expect.objectContaining({ totalAmount: 1219.99, totalVatAmount: 220, vatCode: "RUS_VAT22" }),
    ])
    expect(basket.items.filter((i) => i.sku === "shipping-courier")).toEqual([
      expect.objectContaining({ totalAmount: 366, totalVatAmount: 66, vatCode: "RUS_VAT22", type: "service" }),
    ])
  })

  it("the receipt's unit price is the price with its tax, for either flag", () => {
    const lines = cartBasketLines(mixed().cart, options)
    expect(lines.map((line) => [line.sku, Number(line.unitPrice)])).toEqual([
      ["TEA", 450],
      ["HONEY", 366.663],
      ["CLASS", 1219.9878],
      ["shipping-courier", 366],
    ])
  })

  it("promotions: tax-inclusive and tax-exclusive discounts on either kind of line", () => {
    const medusa = medusaCart(
      [
        // 10 % off a tax-inclusive price, the discount with tax
        {
          sku: "TEA",
          price: 450,
          quantity: 3,
          inclusive: true,
          rates: [22],
          discount: { amount: 135, inclusive: true },
        },
        // a third off a tax-exclusive price, the discount without tax: 100.00 net over 3 units
        {
          sku: "MUG",
          price: 100,
          quantity: 3,
          inclusive: false,
          rates: [22],
          discount: { amount: 100, inclusive: false },
        },
        // a tax-inclusive promotion amount on a tax-exclusive price
        {
          sku: "HONEY",
          price: 333.33,
          quantity: 2,
          inclusive: false,
          rates: [10],
          discount: { amount: 66.66, inclusive: true },
        },
        // the whole line free
        { sku: "GIFT", price: 50, inclusive: false, rates: [22], discount: { amount: 50, inclusive: false } },
      ],
      [{ sku: "courier", price: 300, inclusive: true, rates: [22], discount: { amount: 300, inclusive: true } }]
    )
    const basket = basketOf(medusa)
    expect(basket.amount).toBe(kopecksOf(medusa.total))
    expectLinesAsMedusa(basket, medusa)
    expect(lineSums(basket, "TEA")).toEqual({ total: 121_500, vat: 21_910, parts: 1 })
    // 200.00 net + 22 % = 244.00 over 3 mugs: 81.34 + 2 × 81.33
    expect(lineSums(basket, "MUG")).toMatchObject({ total: 24_400, parts: 2 })
    expect(lineSums(basket, "GIFT")).toEqual({ total: 0, vat: 0, parts: 1 })
    expect(lineSums(basket, "shipping-courier")).toEqual({ total: 0, vat: 0, parts: 1 })
  })

  it("shipping whose price includes tax and shipping whose tax is added on top", () => {
    const goods: LineSpec[] = [{ sku: "TEA", price: 450, inclusive: true, rates: [22] }]
    const inclusive = medusaCart(goods, [{ sku: "courier", price: 300, inclusive: true, rates: [22] }])
    const exclusive = medusaCart(goods, [{ sku: "courier", price: 300, inclusive: false, rates: [22] }])
    const a = basketOf(inclusive)
    const b = basketOf(exclusive)
    expect(a.amount).toBe(kopecksOf(inclusive.total))
    expect(b.amount).toBe(kopecksOf(exclusive.total))
    expect(lineSums(a, "shipping-courier")).toEqual({ total: 30_000, vat: 5_410, parts: 1 })
    expect(lineSums(b, "shipping-courier")).toEqual({ total: 36_600, vat: 6_600, parts: 1 })
    expectLinesAsMedusa(a, inclusive)
    expectLinesAsMedusa(b, exclusive)
  })

  it("a line discounted in full that Medusa's division leaves a hair below zero is a 0 line", () => {
    // 3 × 0.01 tax-inclusive, 0.03 off: Medusa divides the discount per unit and multiplies it back
    const medusa = medusaCart([
      { sku: "TEA", price: 450, inclusive: true, rates: [22] },
      {
        sku: "GIFT",
        price: 0.01,
        quantity: 3,
        inclusive: true,
        rates: [22],
        discount: { amount: 0.03, inclusive: true },
      },
    ])
    expect(toExactDecimal(medusa.totalBySku.get("GIFT")!).units < 0n).toBe(true)
    const basket = basketOf(medusa)
    expect(basket.amount).toBe(45_000)
    expect(lineSums(basket, "GIFT")).toEqual({ total: 0, vat: 0, parts: 1 })
    // a total really below zero is refused, naming the line
    const broken: CartLike = { id: "c", items: [{ ...medusa.cart.items![0]!, total: -0.01 }] }
    expect(() => cartBasketLines(broken, options)).toThrow(/cart item item_TEA: Medusa's total -0.01 is negative/)
  })

  it("several tax lines on one line: their rates add up, as Medusa adds them", () => {
    const medusa = medusaCart([{ sku: "TEA", price: 100, inclusive: false, rates: [12, 10] }])
    const basket = basketOf(medusa)
    expect(basket.items).toEqual([
      expect.objectContaining({ totalAmount: 122, totalVatAmount: 22, vatCode: "RUS_VAT22" }),
    ])
  })
})

describe("vatCodeVariant: only the codes, never an amount", () => {
  const medusa = () =>
    medusaCart(
      [
        { sku: "TEA", price: 450, quantity: 3, inclusive: true, rates: [22] },
        { sku: "HONEY", price: 333.33, quantity: 2, inclusive: false, rates: [10] },
        { sku: "ZERO", price: 80, inclusive: false, rates: [0] },
        { sku: "UNTAXED", price: 70, inclusive: false, rates: [] },
      ],
      [{ sku: "courier", price: 300, inclusive: false, rates: [22] }]
    )
  const codes = (basket: Basket) => [...new Map(basket.items.map((item) => [item.sku, item.vatCode]))]

  it("plain (the default), added and per-line give the same amounts and VAT", () => {
    const plain = basketOf(medusa())
    const added = basketOf(medusa(), optionsWith({ vatCodeVariant: "added" }))
    const perLine = basketOf(medusa(), optionsWith({ vatCodeVariant: "per-line" }))
    expect(options.vatCodeVariant).toBe("plain")
    expect(codes(plain)).toEqual([
      ["TEA", "RUS_VAT22"],
      ["HONEY", "RUS_VAT10"],
      ["ZERO", "RUS_VAT0"],
      ["UNTAXED", "VATNONE"],
      ["shipping-courier", "RUS_VAT22"],
    ])
    expect(codes(added)).toEqual([
      ["TEA", "RUS_VAT22_ADDED"],
      ["HONEY", "RUS_VAT10_ADDED"],
      ["ZERO", "RUS_VAT0"],
      ["UNTAXED", "VATNONE"],
      ["shipping-courier", "RUS_VAT22_ADDED"],
    ])
    // per-line: the tea's price includes its VAT, the rest has it on top
    expect(codes(perLine)).toEqual([
      ["TEA", "RUS_VAT22"],
      ["HONEY", "RUS_VAT10_ADDED"],
      ["ZERO", "RUS_VAT0"],
      ["UNTAXED", "VATNONE"],
      ["shipping-courier", "RUS_VAT22_ADDED"],
    ])
    const figures = (basket: Basket) =>
      basket.items.map((item) => [
        item.sku,
        item.quantity,
        item.amount,
        item.amountWoVat,
        item.totalAmount,
        item.totalVatAmount,
      ])
    expect(figures(added)).toEqual(figures(plain))
    expect(figures(perLine)).toEqual(figures(plain))
    expect([added.amount, added.vatAmount]).toEqual([plain.amount, plain.vatAmount])
  })

  it("per-line needs Medusa's flag; plain and added do not read it", () => {
    const unflagged = medusaCart([{ sku: "TEA", price: 450, rates: [22] }])
    expect(() => cartBasketLines(unflagged.cart, optionsWith({ vatCodeVariant: "per-line" }))).toThrow(
      /cart item item_TEA: the cart was loaded without is_tax_inclusive/
    )
    expect(cartBasketLines(unflagged.cart, options)[0]!.vatCode).toBe("RUS_VAT22")
    expect(cartBasketLines(unflagged.cart, optionsWith({ vatCodeVariant: "added" }))[0]!.vatCode).toBe(
      "RUS_VAT22_ADDED"
    )
    // a line without tax has one code whatever the flag
    const untaxed = medusaCart([{ sku: "BOOK", price: 500, rates: [] }])
    expect(cartBasketLines(untaxed.cart, optionsWith({ vatCodeVariant: "per-line" }))[0]!.vatCode).toBe("VATNONE")
  })

  it("a product's invoicebox_vat_code and vatMapping still name the code outright", () => {
    const medusa = medusaCart([{ sku: "TEA", price: 450, inclusive: false, rates: [22] }])
    const item = medusa.cart.items![0]!
    const overridden: CartLike = { id: "c", items: [{ ...item, metadata: { invoicebox_vat_code: "RUS_VAT22" } }] }
    expect(cartBasketLines(overridden, optionsWith({ vatCodeVariant: "per-line" }))[0]!.vatCode).toBe("RUS_VAT22")
    const mapped = optionsWith({ vatCodeVariant: "added", vatMapping: { "22": "RUS_VAT22" } })
    expect(cartBasketLines(medusa.cart, mapped)[0]!.vatCode).toBe("RUS_VAT22")
  })

  it("a line for the whole amount with an _ADDED default code charges the amount, nothing on top", () => {
    const provider = optionsWith({ defaultVatCode: "RUS_VAT22_ADDED" })
    const { request, basket } = buildOrderRequest(
      {
        sessionId: "payses_1",
        merchantOrderId: "payses_1",
        amount: 1220,
        currencyCode: "rub",
        basket: null,
        customer: { type: "private" },
      },
      provider
    )
    expect(request.amount).toBe(1220)
    expect(basket.items).toEqual([
      expect.objectContaining({ totalAmount: 1220, totalVatAmount: 220, vatCode: "RUS_VAT22_ADDED" }),
    ])
  })
})

describe("the deprecated taxInclusive option", () => {
  it("is still accepted and means what it always did: which VAT codes", () => {
    expect(optionsWith({ taxInclusive: true }).vatCodeVariant).toBe("plain")
    expect(optionsWith({ taxInclusive: false }).vatCodeVariant).toBe("added")
    expect(optionsWith({ taxInclusive: false, vatCodeVariant: "added" }).vatCodeVariant).toBe("added")
    expect("taxInclusive" in optionsWith({ taxInclusive: false })).toBe(false)
    // the same basket as before: _ADDED codes, Medusa's amounts
    const medusa = medusaCart([{ sku: "TEA", price: 450, inclusive: true, rates: [22] }])
    const basket = basketOf(medusa, optionsWith({ taxInclusive: false }))
    expect(basket.items).toEqual([
      expect.objectContaining({ totalAmount: 450, totalVatAmount: 81.15, vatCode: "RUS_VAT22_ADDED" }),
    ])
  })

  it("refuses a taxInclusive that contradicts vatCodeVariant, naming both", () => {
    expect(() => optionsWith({ taxInclusive: false, vatCodeVariant: "plain" })).toThrow(
      /taxInclusive: taxInclusive: false means vatCodeVariant "added" but vatCodeVariant is "plain"/
    )
    expect(() => optionsWith({ taxInclusive: true, vatCodeVariant: "per-line" })).toThrow(/taxInclusive/)
    expect(() => optionsWith({ vatCodeVariant: "inclusive" as "plain" })).toThrow(/vatCodeVariant/)
  })

  it("gets a boot warning saying what it is read as and that amounts follow Medusa", () => {
    expect(providerOptionWarnings({ ...account })).toEqual([])
    expect(providerOptionWarnings({ ...account, vatCodeVariant: "added" })).toEqual([])
    const [warning, ...more] = providerOptionWarnings({ ...account, taxInclusive: false })
    expect(more).toEqual([])
    expect(warning).toContain('`taxInclusive: false` is read as `vatCodeVariant: "added"`')
    expect(warning).toContain("RUS_VAT22_ADDED")
    expect(warning).toContain("never changed an amount")
    expect(providerOptionWarnings({ taxInclusive: true })[0]).toContain('`vatCodeVariant: "plain"`')
    // options that do not parse get no warning: the boot fails on them
    expect(providerOptionWarnings({ taxInclusive: "no" })).toEqual([])
  })
})
