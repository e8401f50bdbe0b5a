/**
 * The basket of a Medusa v1 (1.20) cart: src/v1/cart-basket.ts.
 *
 * The carts are what v1's `cartService.retrieveWithTotals` hands over: plain objects shaped as
 * TypeORM loads them with V1_CART_BASKET_RELATIONS, their totals written by `withV1Totals` below,
 * which follows v1's own arithmetic step by step (services/cart decorateTotals, services/new-totals,
 * strategies/tax-calculation: integer kopecks, JS floats and Math.round where v1 has them). When the
 * v1 fixture store is installed (integration-tests/medusa-v1), the last block runs v1's real
 * decorateTotals on the same carts and checks that it writes the same totals, for the hand-made carts
 * and for random ones, and that their baskets charge exactly its cart.total.
 */
import { existsSync } from "fs"
import path from "path"

import fc from "fast-check"

import { buildBasketForAmount, type Basket } from "../../src/invoicebox/basket"
import { errorOf } from "../helpers/errors"
import { toKopecks } from "../../src/invoicebox/money"
import { DEMO_SHOP } from "../../src/invoicebox/types"
import { StoreDataError } from "../../src/payment/errors"
import { parseProviderOptions, VAT_CODE_VARIANTS, type VatCodeVariant } from "../../src/payment/options"
import {
  V1_CART_BASKET_RELATIONS,
  v1Amount,
  v1CartBasketLines,
  type V1CartForBasket,
  type V1LineItemForBasket,
  type V1ShippingMethodForBasket,
} from "../../src/v1/cart-basket"

// fewer under StrykerJS (jest.stryker.config.js), where the test runs once per mutant
const CARTS = Number(process.env.INVOICEBOX_PROPERTY_CARTS ?? 500)

const optionsWith = (vatCodeVariant?: VatCodeVariant) =>
  parseProviderOptions({
    merchantId: DEMO_SHOP.merchantId,
    token: DEMO_SHOP.token,
    notificationKey: DEMO_SHOP.notificationKey,
    ...(vatCodeVariant ? { vatCodeVariant } : {}),
  })
const options = optionsWith()

// ---------------------------------------------------------------------------------------------
// v1 carts as TypeORM loads them, and v1's totals

type Metadata = Record<string, unknown>

interface ItemSpec {
  /** kopecks; with the item's tax when includesTax */
  unitPrice: number
  quantity: number
  /** v1's includes_tax; undefined: the tax_inclusive_pricing flag is off (no column) */
  includesTax?: boolean
  rates: number[]
  /** the item's discount adjustment, kopecks: fractional for a fixed discount spread over items */
  discount?: number
  title?: string
  variantTitle?: string
  sku?: string
  metadata?: { item?: Metadata; variant?: Metadata; product?: Metadata }
}

interface MethodSpec {
  price: number
  includesTax?: boolean
  rates: number[]
  name?: string
}

interface CartSpec {
  items: ItemSpec[]
  methods?: MethodSpec[]
  /** a free-shipping discount on the cart */
  freeShipping?: boolean
  giftCards?: Array<{ balance: number; taxRate: number | null }>
  /** the region's gift_cards_taxable */
  giftCardsTaxable?: boolean
}

interface RawTaxLine {
  rate: number
  name: string
  code: string | null
  item_id?: string
  shipping_method_id?: string
}

type RawItem = V1LineItemForBasket & {
  unit_price: number
  quantity: number
  allow_discounts: boolean
  is_return: boolean
  tax_lines: RawTaxLine[]
  adjustments: Array<{ item_id: string; discount_id: string | null; amount: number }>
  subtotal?: number
  tax_total?: number
  discount_total?: number
  raw_discount_total?: number
}

type RawMethod = V1ShippingMethodForBasket & {
  price: number
  tax_lines: RawTaxLine[]
  subtotal?: number
  tax_total?: number
}

type RawCart = Omit<V1CartForBasket, "items" | "shipping_methods"> & {
  id: string
  items: RawItem[]
  shipping_methods: RawMethod[]
  region: { id: string; automatic_taxes: boolean; gift_cards_taxable: boolean }
  discounts: Array<{ id: string; rule: { type: "fixed" | "percentage" | "free_shipping" } }>
  gift_cards: Array<{ id: string; balance: number; tax_rate: number | null }>
  subtotal?: number
  discount_total?: number
  tax_total?: number
  shipping_total?: number
}

/** The cart as `retrieveWithTotals` loads it (before its totals). */
function v1Cart(spec: CartSpec): RawCart {
  const discounted = spec.items.some((item) => item.discount !== undefined)
  return {
    id: "cart_01HV1",
    region: { id: "reg_ru", automatic_taxes: true, gift_cards_taxable: spec.giftCardsTaxable ?? true },
    discounts: [
      ...(discounted ? [{ id: "disc_1", rule: { type: "fixed" as const } }] : []),
      ...(spec.freeShipping ? [{ id: "disc_ship", rule: { type: "free_shipping" as const } }] : []),
    ],
    gift_cards: (spec.giftCards ?? []).map((card, index) => ({
      id: `gift_${index}`,
      balance: card.balance,
      tax_rate: card.taxRate,
    })),
    items: spec.items.map((item, index): RawItem => {
      const id = `item_${index}`
      const title = item.title ?? `Товар ${index}`
      const variantTitle = item.variantTitle ?? `Вариант ${index}`
      return {
        id,
        title,
        description: variantTitle,
        product_id: `prod_${index}`,
        variant_id: `variant_${index}`,
        unit_price: item.unitPrice,
        quantity: item.quantity,
        ...(item.includesTax === undefined ? {} : { includes_tax: item.includesTax }),
        allow_discounts: true,
        is_return: false,
        metadata: item.metadata?.item ?? {},
        tax_lines: item.rates.map((rate) => ({ item_id: id, rate, name: `НДС ${rate}`, code: null })),
        adjustments: item.discount === undefined ? [] : [{ item_id: id, discount_id: "disc_1", amount: item.discount }],
        variant: {
          title: variantTitle,
          sku: item.sku ?? `SKU-${index}`,
          metadata: item.metadata?.variant ?? null,
          product: { title, metadata: item.metadata?.product ?? null },
        },
      }
    }),
    shipping_methods: (spec.methods ?? []).map((method, index): RawMethod => {
      const id = `sm_${index}`
      return {
        id,
        price: method.price,
        ...(method.includesTax === undefined ? {} : { includes_tax: method.includesTax }),
        tax_lines: method.rates.map((rate) => ({ shipping_method_id: id, rate, name: `НДС ${rate}`, code: null })),
        shipping_option: { name: method.name ?? `Курьер ${index}` },
      }
    }),
  }
}

/**
 * v1's decorateTotals for a cart with the tax_inclusive_pricing flag on, step by step as
 * services/new-totals (getLineItemTotals_, getShippingMethodTotals_, getGiftCardableAmount,
 * getGiftCardTotals), strategies/tax-calculation and services/cart decorateTotals compute it.
 */
function withV1Totals(cart: RawCart): RawCart {
  const round = Math.round
  const freeShipping = cart.discounts.some((discount) => discount.rule.type === "free_shipping")
  for (const item of cart.items) {
    const inclusive = item.includes_tax === true
    const raw = item.adjustments.reduce((sum, adjustment) => sum + adjustment.amount, 0)
    const discount = round(raw)
    let subtotal = inclusive ? 0 : item.unit_price * item.quantity
    let total = subtotal - discount
    let tax = 0
    if (item.tax_lines.length > 0) {
      const taxOf = (deducted: number) => {
        const rate = item.tax_lines.reduce((sum, line) => sum + (line.rate || 0) / 100, 0)
        let taxable = item.unit_price * item.quantity
        if (inclusive) taxable = (item.unit_price - round((rate * item.unit_price) / (1 + rate))) * item.quantity
        taxable -= deducted
        return round(item.tax_lines.reduce((sum, line) => sum + round(taxable * (line.rate / 100)), 0))
      }
      tax = taxOf(raw)
      const originalTax = taxOf(0)
      if (inclusive) {
        subtotal += item.unit_price * item.quantity - originalTax
        total += subtotal
      }
      total += tax
    }
    Object.assign(item, { subtotal, tax_total: tax, total, discount_total: discount, raw_discount_total: raw })
  }
  for (const method of cart.shipping_methods) {
    let subtotal = method.price
    let total = method.price
    let tax = 0
    if (method.tax_lines.length > 0) {
      const inclusive = method.includes_tax === true
      tax = round(
        method.tax_lines.reduce((sum, line) => {
          const rate = line.rate / 100
          return sum + (inclusive ? (rate * method.price) / (1 + rate) : method.price * rate)
        }, 0)
      )
      if (inclusive) subtotal -= tax
      else total += tax
    }
    if (freeShipping) [subtotal, total, tax] = [0, 0, 0]
    Object.assign(method, { subtotal, tax_total: tax, total })
  }
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0)
  const subtotal = sum(cart.items.map((item) => item.subtotal ?? 0))
  const discount = round(sum(cart.items.map((item) => item.raw_discount_total ?? 0)))
  const shipping = sum(cart.shipping_methods.map((method) => method.subtotal ?? 0))
  const tax =
    sum(cart.items.map((item) => item.tax_total ?? 0)) + sum(cart.shipping_methods.map((m) => m.tax_total ?? 0))
  const giftCardable =
    (cart.region.gift_cards_taxable ? subtotal + shipping - discount : subtotal + shipping + tax - discount) || 0
  let balance = giftCardable
  let giftCardTax = 0
  for (const card of cart.gift_cards) {
    const taxable = Math.min(balance, card.balance)
    if (taxable <= 0 || !card.tax_rate) continue
    giftCardTax += round(taxable * (card.tax_rate / 100))
    balance -= taxable
  }
  const giftCardTotal = cart.gift_cards.length ? Math.min(giftCardable, sum(cart.gift_cards.map((c) => c.balance))) : 0
  Object.assign(cart, {
    subtotal,
    discount_total: discount,
    tax_total: tax,
    shipping_total: shipping,
    gift_card_total: giftCardTotal,
    gift_card_tax_total: round(giftCardTax),
    total: subtotal + shipping + tax - (giftCardTotal + discount + round(giftCardTax)),
  })
  return cart
}

const cartOf = (spec: CartSpec) => withV1Totals(v1Cart(spec))

/** A free gift (100 % off, tax-inclusive) and a paid item: v1 totals the gift at −0.01 ₽ */
const FREE_GIFT_CART: CartSpec = {
  items: [
    { unitPrice: 10000, quantity: 10, includesTax: true, rates: [20], discount: 83334 },
    { unitPrice: 60000, quantity: 1, includesTax: true, rates: [20] },
  ],
}

/** The line totals of a basket in kopecks (split lines of one sku summed), in basket order. */
function lineTotals(basket: Basket): Map<string, number> {
  const totals = new Map<string, number>()
  for (const item of basket.items) totals.set(item.sku, (totals.get(item.sku) ?? 0) + toKopecks(item.totalAmount))
  return totals
}

const basketOf = (cart: V1CartForBasket, vatCodeVariant?: VatCodeVariant) =>
  buildBasketForAmount(v1CartBasketLines(cart, optionsWith(vatCodeVariant)), v1Amount(cart.total ?? 0))

// ---------------------------------------------------------------------------------------------

describe("v1Amount", () => {
  it("turns v1's integer minor units into exact rouble text", () => {
    expect(v1Amount(123456)).toBe("1234.56")
    expect(v1Amount(100)).toBe("1.00")
    expect(v1Amount(5)).toBe("0.05")
    expect(v1Amount(0)).toBe("0.00")
    expect(v1Amount(-5)).toBe("-0.05")
    expect(v1Amount(Number.MAX_SAFE_INTEGER)).toBe("90071992547409.91")
  })

  it("refuses what is not an integer number of minor units", () => {
    for (const bad of [12.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(errorOf(() => v1Amount(bad)).code).toBe("invalid_amount")
    }
  })
})

describe("V1_CART_BASKET_RELATIONS", () => {
  it("loads what the lines read and what v1's totals need", () => {
    expect(V1_CART_BASKET_RELATIONS).toEqual(
      expect.arrayContaining([
        "items.variant.product",
        "items.tax_lines",
        "items.adjustments",
        "shipping_methods.shipping_option",
        "shipping_methods.tax_lines",
        "discounts.rule",
        "gift_cards",
        "region",
      ])
    )
    expect(new Set(V1_CART_BASKET_RELATIONS).size).toBe(V1_CART_BASKET_RELATIONS.length)
  })
})

describe("v1CartBasketLines: a v1 cart with totals → basket lines", () => {
  it("a tax-inclusive cart, VAT 20 (a plain object as retrieveWithTotals returns it)", () => {
    // 2 × 1 200.00 ₽ with VAT, delivery 300.00 ₽ with VAT: v1's totals as decorateTotals writes them
    const cart: V1CartForBasket = {
      id: "cart_inclusive",
      total: 270000,
      gift_card_total: 0,
      gift_card_tax_total: 0,
      items: [
        {
          id: "item_tea",
          title: "Чай улун",
          description: "100 г",
          product_id: "prod_tea",
          variant_id: "variant_tea_100",
          unit_price: 120000,
          quantity: 2,
          includes_tax: true,
          metadata: {},
          total: 240000,
          tax_lines: [{ rate: 20 }],
          variant: { title: "100 г", sku: "TEA-100", metadata: null, product: { title: "Чай улун", metadata: null } },
        },
      ],
      shipping_methods: [
        {
          id: "sm_courier",
          includes_tax: true,
          total: 30000,
          tax_lines: [{ rate: 20 }],
          shipping_option: { name: "Курьер" },
        },
      ],
    }
    expect(
      cartOf({ items: [{ unitPrice: 120000, quantity: 2, includesTax: true, rates: [20] }] }).items[0]?.total
    ).toBe(240000)

    const lines = v1CartBasketLines(cart, options)
    expect(lines).toEqual([
      expect.objectContaining({
        sku: "TEA-100",
        name: "Чай улун — 100 г",
        quantity: 2,
        unitPrice: "1200.00",
        grossTotal: "2400.00",
        vatCode: "RUS_VAT20",
        type: "commodity",
        paymentType: "full_prepayment",
      }),
      expect.objectContaining({
        sku: "shipping-sm_courier",
        name: "Доставка: Курьер",
        grossTotal: "300.00",
        vatCode: "RUS_VAT20",
        type: "service",
      }),
    ])
    const basket = buildBasketForAmount(lines, v1Amount(cart.total ?? 0))
    expect(basket.amount).toBe(270000)
    // the VAT inside the prices: 400.00 + 50.00, what v1 computed (tax_total 40000 and 5000)
    expect(basket.vatAmount).toBe(45000)
    // tax-inclusive lines keep the plain code under per-line too
    expect(v1CartBasketLines(cart, optionsWith("per-line")).map((line) => line.vatCode)).toEqual([
      "RUS_VAT20",
      "RUS_VAT20",
    ])
  })

  it("a tax-exclusive cart (includes_tax false): item total = net + tax; delivery without tax lines", () => {
    const cart = cartOf({
      items: [
        { unitPrice: 100000, quantity: 3, includesTax: false, rates: [20], title: "Чайник", variantTitle: "1 л" },
      ],
      methods: [{ price: 25000, includesTax: false, rates: [], name: "Почта России" }],
    })
    expect(cart.items[0]).toMatchObject({ subtotal: 300000, tax_total: 60000, total: 360000 })
    expect(cart.total).toBe(385000)

    const lines = v1CartBasketLines(cart, options)
    expect(lines.map((line) => [line.name, line.grossTotal, line.vatCode])).toEqual([
      ["Чайник — 1 л", "3600.00", "RUS_VAT20"],
      ["Доставка: Почта России", "250.00", "VATNONE"],
    ])
    // the receipt's unit price carries the tax on top of v1's net price
    expect(toKopecks(lines[0]!.unitPrice)).toBe(120000)
    // per-line: a tax-exclusive price gets the _ADDED code; a line without tax lines keeps defaultVatCode
    expect(v1CartBasketLines(cart, optionsWith("per-line")).map((line) => line.vatCode)).toEqual([
      "RUS_VAT20_ADDED",
      "VATNONE",
    ])
    const basket = basketOf(cart)
    expect(basket.amount).toBe(385000)
    expect(basket.vatAmount).toBe(60000)
  })

  it("reads a missing includes_tax (the tax_inclusive_pricing flag off) as a tax-exclusive price", () => {
    const cart = cartOf({
      items: [{ unitPrice: 50000, quantity: 1, rates: [10] }],
      methods: [{ price: 30000, rates: [20] }],
    })
    expect(cart.items[0]).not.toHaveProperty("includes_tax")
    expect(cart.total).toBe(55000 + 36000)
    expect(v1CartBasketLines(cart, optionsWith("per-line")).map((line) => [line.grossTotal, line.vatCode])).toEqual([
      ["550.00", "RUS_VAT10_ADDED"],
      ["360.00", "RUS_VAT20_ADDED"],
    ])
  })

  it("a discount: each line's total after its own discount, the basket charges cart.total", () => {
    // 10 % off: 2 × 500.00 net (VAT 20) and 1 × 300.00 net (VAT 10)
    const cart = cartOf({
      items: [
        { unitPrice: 50000, quantity: 2, includesTax: false, rates: [20], discount: 10000 },
        { unitPrice: 30000, quantity: 1, includesTax: false, rates: [10], discount: 3000 },
      ],
      methods: [{ price: 30000, includesTax: true, rates: [20] }],
    })
    expect(cart.items.map((item) => item.total)).toEqual([108000, 29700])
    expect(cart).toMatchObject({ discount_total: 13000, total: 108000 + 29700 + 30000 })
    const basket = basketOf(cart)
    expect([...lineTotals(basket).values()]).toEqual([108000, 29700, 30000])
    expect(basket.amount).toBe(cart.total)
    // VAT of the discounted lines: 18 000 and 2 700 kopecks, as v1's tax_total; 50.00 in the delivery
    expect(basket.vatAmount).toBe(18000 + 2700 + 5000)
  })

  it("a fixed discount spread over items: v1's lines exceed cart.total by its rounding, the basket does not", () => {
    // 1.00 ₽ off three 100.00 ₽ items: 33.33… kopecks each, rounded per item (33 × 3) but once on the cart (100)
    const cart = cartOf({
      items: [0, 1, 2].map(() => ({
        unitPrice: 10000,
        quantity: 1,
        includesTax: false,
        rates: [20],
        discount: 100 / 3,
      })),
    })
    expect(cart.items.map((item) => item.total)).toEqual([11960, 11960, 11960])
    expect(cart).toMatchObject({ discount_total: 100, total: 35879 })

    const lines = v1CartBasketLines(cart, options)
    // equal remainders: the kopecks go to the earlier lines, the last one gives up the kopeck
    expect(lines.map((line) => line.grossTotal)).toEqual(["119.60", "119.60", "119.59"])
    expect(buildBasketForAmount(lines, v1Amount(35879)).amount).toBe(35879)
    // the lines as v1 totals them (35880) could not be charged as 358.79: rounding cannot absorb it
    expect(
      errorOf(() =>
        buildBasketForAmount(
          lines.map((line) => ({ ...line, grossTotal: "119.60" })),
          "358.79"
        )
      ).code
    ).toBe("basket_amount_mismatch")
  })

  it("a tax-inclusive item with a discount and free shipping", () => {
    const cart = cartOf({
      items: [{ unitPrice: 99900, quantity: 1, includesTax: true, rates: [20], discount: 8325 }],
      methods: [{ price: 35000, includesTax: true, rates: [20] }],
      freeShipping: true,
    })
    // net 832.50 → 832.50 − 83.25 = 749.25 net, VAT 149.85: 899.10 ₽ — the discount comes off the net
    expect(cart.items[0]?.total).toBe(89910)
    expect(cart.shipping_methods[0]?.total).toBe(0)
    const basket = basketOf(cart)
    expect(basket.amount).toBe(89910)
    expect([...lineTotals(basket).values()]).toEqual([89910, 0])
  })

  it("a tax-inclusive item discounted in full that v1 totals at −0.01: a 0 line, the kopeck off the others", () => {
    // 10 × 100.00 ₽ with VAT 20 at 100 % off: v1 takes the discount (833.34) off the line's net, but the
    // tax out of the price unit by unit (16.67 × 10): the tax comes out at −0.01, and so does the total
    const cart = cartOf(FREE_GIFT_CART)
    expect(cart.items.map((item) => item.total)).toEqual([-1, 60000])
    expect(cart.total).toBe(59999)

    const lines = v1CartBasketLines(cart, options)
    expect(lines.map((line) => line.grossTotal)).toEqual(["0.00", "599.99"])
    const basket = basketOf(cart)
    expect(basket.amount).toBe(59999)
    // the free goods are on the receipt, at 0
    expect(basket.items[0]).toMatchObject({ sku: "SKU-0", quantity: 10, totalAmount: 0 })
  })

  it("gift cards paying part: every line reduced in proportion, the basket equals cart.total exactly", () => {
    // 2 × 1 500.00 net + VAT 20 = 3 600.00, delivery 500.00 + VAT = 600.00; a 1 000.00 gift card of a
    // region whose gift cards are taxable: 1 000.00 + its VAT 200.00 come off
    const cart = cartOf({
      items: [{ unitPrice: 150000, quantity: 2, includesTax: false, rates: [20] }],
      methods: [{ price: 50000, includesTax: false, rates: [20] }],
      giftCards: [{ balance: 100000, taxRate: 20 }],
      giftCardsTaxable: true,
    })
    expect(cart).toMatchObject({ gift_card_total: 100000, gift_card_tax_total: 20000, total: 300000 })
    expect([cart.items[0]?.total, cart.shipping_methods[0]?.total]).toEqual([360000, 60000])

    const lines = v1CartBasketLines(cart, options)
    // 300 000 / 420 000 of each: 257 142.86 → 257 143 (the larger remainder), 42 857.14 → 42 857
    expect(lines.map((line) => line.grossTotal)).toEqual(["2571.43", "428.57"])
    // names, codes and quantities stay; only the totals change
    expect(lines.map((line) => [line.sku, line.quantity, line.vatCode])).toEqual([
      ["SKU-0", 2, "RUS_VAT20"],
      ["shipping-sm_0", 1, "RUS_VAT20"],
    ])
    const basket = buildBasketForAmount(lines, v1Amount(cart.total ?? 0))
    expect(basket.amount).toBe(300000)
    // 2 571.43 over 2 units does not divide: the builder splits the line, the total stays
    expect(lineTotals(basket).get("SKU-0")).toBe(257143)
  })

  it("gift cards of a region whose gift cards are not taxable: the gross amount comes off", () => {
    const cart = cartOf({
      items: [
        { unitPrice: 70000, quantity: 1, includesTax: true, rates: [20] },
        { unitPrice: 30000, quantity: 1, includesTax: true, rates: [10] },
      ],
      giftCards: [{ balance: 25000, taxRate: null }],
      giftCardsTaxable: false,
    })
    expect(cart).toMatchObject({ gift_card_total: 25000, gift_card_tax_total: 0, total: 75000 })
    const lines = v1CartBasketLines(cart, options)
    expect(lines.map((line) => line.grossTotal)).toEqual(["525.00", "225.00"])
    expect(basketOf(cart).amount).toBe(75000)
  })

  it("a cart paid in full by gift cards has nothing to pay for", () => {
    const cart = cartOf({
      items: [{ unitPrice: 100000, quantity: 1, includesTax: true, rates: [20] }],
      giftCards: [{ balance: 500000, taxRate: null }],
      giftCardsTaxable: false,
    })
    expect(cart.total).toBe(0)
    const error = errorOf(() => v1CartBasketLines(cart, options))
    expect(error.code).toBe("invalid_basket")
    expect(error.message).toContain("nothing to pay for")
    expect(error.message).toContain("gift cards cover 1000.00")
  })

  it("marked goods: the variant's and product's metadata flow through; the item's own keys do not", () => {
    const cart = cartOf({
      items: [
        {
          unitPrice: 12000,
          quantity: 2,
          includesTax: true,
          rates: [10],
          title: "Молоко",
          variantTitle: "1 л",
          sku: "MILK-1L",
          metadata: {
            variant: { invoicebox_category_type: "honestSign", invoicebox_category: "milk", invoicebox_type: "33" },
            product: { invoicebox_measure: "л", invoicebox_measure_code: "112", invoicebox_category: "water" },
            // what the storefront may write: never a marked goods field
            item: { invoicebox_category: "caviar" },
          },
        },
        {
          unitPrice: 150000,
          quantity: 2,
          includesTax: true,
          rates: [20],
          title: "Коньяк",
          variantTitle: "0,5 л",
          metadata: { variant: { invoicebox_type: "2", invoicebox_excise: "125.50" } },
        },
      ],
    })
    const [milk, cognac] = v1CartBasketLines(cart, options)
    expect(milk).toMatchObject({
      sku: "MILK-1L",
      name: "Молоко — 1 л",
      type: 33,
      categoryType: "honestSign",
      category: "milk",
      measure: "л",
      measureCode: "112",
    })
    expect(cognac).toMatchObject({ type: 2, excise: "251.00" })
    const basket = basketOf(cart)
    expect(basket.items.find((item) => item.sku === "MILK-1L")).toMatchObject({ categoryType: "honestSign" })
    expect(basket.amount).toBe(24000 + 300000)
  })

  it("a bad metadata value is the shared code's StoreDataError naming the goods", () => {
    const cart = cartOf({
      items: [
        {
          unitPrice: 12000,
          quantity: 1,
          rates: [10],
          title: "Молоко",
          metadata: { variant: { invoicebox_category_type: "honestSign", invoicebox_category: "milkk" } },
        },
      ],
    })
    expect(() => v1CartBasketLines(cart, options)).toThrow(StoreDataError)
    expect(() => v1CartBasketLines(cart, options)).toThrow(/product "Молоко" \(prod_0\).*invoicebox_category "milkk"/)
  })

  it("names an item by the item's own titles when the variant was not loaded", () => {
    const cart = cartOf({ items: [{ unitPrice: 10000, quantity: 1, rates: [] }] })
    const item = cart.items[0]!
    Object.assign(item, { title: "Открытка", description: "Default Variant", variant: undefined, variant_id: null })
    const [line] = v1CartBasketLines(cart, options)
    expect(line).toMatchObject({ name: "Открытка", sku: "item_0", grossTotal: "100.00", vatCode: "VATNONE" })
  })

  it("refuses a cart without its totals, a line without its total and a total nothing explains", () => {
    const fresh = () => cartOf({ items: [{ unitPrice: 10000, quantity: 1, includesTax: false, rates: [20] }] })

    const noTotals = { ...fresh(), total: undefined }
    expect(errorOf(() => v1CartBasketLines(noTotals, options))).toMatchObject({
      code: "invalid_basket",
      message: expect.stringContaining("retrieveWithTotals"),
    })

    const noItemTotal = fresh()
    noItemTotal.items[0]!.total = undefined
    expect(errorOf(() => v1CartBasketLines(noItemTotal, options))).toMatchObject({
      code: "invalid_basket_line",
      message: expect.stringContaining("item_0"),
    })

    // below 0 by more than v1's rounding could make it, or a tax-exclusive item below 0 at all
    const negative = fresh()
    negative.items[0]!.total = -1
    expect(errorOf(() => v1CartBasketLines({ ...negative, total: 100 }, options))).toMatchObject({
      code: "invalid_basket_line",
      message: expect.stringContaining("is negative"),
    })

    const fractional = fresh()
    fractional.items[0]!.total = 11999.5
    expect(errorOf(() => v1CartBasketLines(fractional, options))).toMatchObject({
      code: "invalid_basket_line",
      message: expect.stringContaining("not an integer number of minor units"),
    })

    // 2 kopecks off one item: more than one item's discount rounding, and no gift card
    const off = { ...fresh(), total: 11998 }
    const error = errorOf(() => v1CartBasketLines(off, options))
    expect(error.code).toBe("basket_amount_mismatch")
    expect(error.message).toContain("the lines total 120.00 but the cart's total is 119.98")

    expect(errorOf(() => v1CartBasketLines(cartOf({ items: [] }), options)).code).toBe("invalid_basket")
  })
})

// ---------------------------------------------------------------------------------------------
// random v1 carts

const RATES = [[20], [10], [0], [22], [10, 10]]

const itemSpec = fc
  .record({
    unitPrice: fc.integer({ min: 1, max: 1_000_000 }),
    quantity: fc.integer({ min: 1, max: 5 }),
    includesTax: fc.option(fc.boolean(), { nil: undefined }),
    rates: fc.constantFrom(...RATES, []),
  })
  // v1 gives a tax-inclusive price a tax line at least (the region's rate, maybe 0)
  .map((item): ItemSpec => (item.includesTax && item.rates.length === 0 ? { ...item, rates: [0] } : item))

const methodSpec = fc.record({
  price: fc.integer({ min: 0, max: 500_000 }),
  includesTax: fc.option(fc.boolean(), { nil: undefined }),
  rates: fc.constantFrom(...RATES, []),
})

/** v1's discounts (services/discount calculateDiscountForLineItem): a percentage, rounded per item, or a fixed sum spread over the items in proportion, unrounded */
const discount = fc.oneof(
  { weight: 1, arbitrary: fc.constant({ kind: "none" as const }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("percentage" as const), value: fc.integer({ min: 1, max: 100 }) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("fixed" as const), value: fc.integer({ min: 1, max: 3_000_000 }) }),
  }
)

const cartSpec = fc
  .record({
    items: fc.array(itemSpec, { minLength: 1, maxLength: 5 }),
    methods: fc.array(methodSpec, { maxLength: 2 }),
    freeShipping: fc.boolean(),
    discount,
    giftCardsTaxable: fc.boolean(),
    giftCards: fc.oneof(
      { weight: 1, arbitrary: fc.constant<number[]>([]) },
      { weight: 1, arbitrary: fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 2 }) }
    ),
  })
  .map(({ items, methods, freeShipping, discount, giftCardsTaxable, giftCards }): CartSpec => {
    // v1 takes a discount off the item's subtotal without tax (for a tax-inclusive price: the price less its tax)
    const subtotals = cartOf({ items }).items.map((item) => item.subtotal ?? 0)
    const all = subtotals.reduce((a, b) => a + b, 0)
    const discounted = items.map((item, index): ItemSpec => {
      const full = subtotals[index] ?? 0
      if (discount.kind === "none" || full === 0) return item
      const amount =
        discount.kind === "percentage"
          ? Math.round((full / 100) * discount.value)
          : Math.min(discount.value, all) * (full / all)
      return { ...item, discount: Math.min(amount, full) }
    })
    return {
      items: discounted,
      methods,
      freeShipping,
      giftCardsTaxable,
      // a gift card of a taxable region carries the region's rate
      giftCards: giftCards.map((balance) => ({ balance, taxRate: giftCardsTaxable ? 20 : null })),
    }
  })

/** Every line of the cart: its v1 total, in line order (items, then shipping methods); an item below 0 is 0. */
const v1LineTotals = (cart: RawCart) => [
  ...cart.items.map((item) => Math.max(item.total ?? 0, 0)),
  ...cart.shipping_methods.map((method) => method.total ?? 0),
]

/** The property: the basket charges exactly cart.total, each line its share of it, never below 0. */
interface Seen {
  /** paid in full by gift cards */
  paid: boolean
  giftCards: boolean
  /** the items' discounts rounded one by one differ from the cart's discount rounded once */
  rounding: boolean
}

function expectBasketOfV1Cart(cart: RawCart, vatCodeVariant: VatCodeVariant): Seen {
  const total = cart.total ?? 0
  const giftCards = (cart.gift_card_total ?? 0) + (cart.gift_card_tax_total ?? 0)
  if (total <= 0) {
    expect(errorOf(() => v1CartBasketLines(cart, optionsWith(vatCodeVariant))).code).toBe("invalid_basket")
    return { paid: true, giftCards: true, rounding: false }
  }
  const lines = v1CartBasketLines(cart, optionsWith(vatCodeVariant))
  const basket = buildBasketForAmount(lines, v1Amount(total))
  expect(basket.amount).toBe(total)
  expect(basket.items.reduce((sum, item) => sum + toKopecks(item.totalAmount), 0)).toBe(total)

  const v1Totals = v1LineTotals(cart)
  const sum = BigInt(v1Totals.reduce((a, b) => a + b, 0))
  const shares = lines.map((line) => toKopecks(line.grossTotal ?? -1))
  shares.forEach((share, index) => {
    const own = v1Totals[index] ?? 0
    expect(share).toBeGreaterThanOrEqual(0)
    // within one kopeck of the line's exact share of cart.total: |share − own × total / Σ| < 1
    const gap = BigInt(share) * sum - BigInt(own) * BigInt(total)
    expect(gap < 0n ? -gap : gap).toBeLessThan(sum)
    if (total <= Number(sum)) expect(share).toBeLessThanOrEqual(own)
  })
  return { paid: false, giftCards: giftCards > 0, rounding: Number(sum) - giftCards !== total }
}

describe("property: random v1 carts (tax-inclusive or not, discounts, free shipping, gift cards)", () => {
  it(`${CARTS} carts: the basket of buildBasketForAmount(v1CartBasketLines(cart), v1Amount(cart.total)) is cart.total`, () => {
    const seen = { paid: 0, giftCards: 0, rounding: 0, exact: 0 }
    fc.assert(
      fc.property(cartSpec, fc.constantFrom(...VAT_CODE_VARIANTS), (spec, variant) => {
        const cart = expectBasketOfV1Cart(cartOf(spec), variant)
        if (cart.paid) seen.paid += 1
        else if (cart.giftCards) seen.giftCards += 1
        if (cart.rounding) seen.rounding += 1
        if (!cart.giftCards && !cart.rounding) seen.exact += 1
      }),
      { numRuns: CARTS }
    )
    // the generator reaches every case: lines = cart.total, a discount's rounding, gift cards, paid in full
    expect(seen.exact).toBeGreaterThan(CARTS / 10)
    expect(seen.giftCards).toBeGreaterThan(CARTS / 10)
    expect(seen.rounding).toBeGreaterThan(CARTS / 100)
    expect(seen.paid).toBeGreaterThan(0)
  }, 120_000)

  it("the VAT code variant never moves an amount", () => {
    fc.assert(
      fc.property(cartSpec, (spec) => {
        const cart = cartOf(spec)
        fc.pre((cart.total ?? 0) > 0)
        const [plain, ...others] = VAT_CODE_VARIANTS.map((variant) =>
          v1CartBasketLines(cart, optionsWith(variant)).map((line) => line.grossTotal)
        )
        for (const other of others) expect(other).toEqual(plain)
      }),
      { numRuns: Math.min(CARTS, 200) }
    )
  })
})

// ---------------------------------------------------------------------------------------------
// the same carts through Medusa v1's own decorateTotals (when the v1 fixture store is installed)

const V1_DIST = path.join(__dirname, "../../integration-tests/medusa-v1/node_modules/@medusajs/medusa/dist")
const describeWithV1 = existsSync(path.join(V1_DIST, "services/cart.js")) ? describe : describe.skip

interface V1Service {
  withTransaction(): V1Service
}
type V1ServiceClass = new (container: Record<string, unknown>) => V1Service
interface V1CartServicePrototype {
  decorateTotals(this: Record<string, unknown>, cart: RawCart, totalsConfig: object): Promise<RawCart>
}

describeWithV1("Medusa v1's own decorateTotals (integration-tests/medusa-v1)", () => {
  let decorate: (cart: RawCart) => Promise<RawCart>

  beforeAll(() => {
    const load = <T>(file: string) => (require(path.join(V1_DIST, file)) as { default: T }).default
    const CartService = load<{ prototype: V1CartServicePrototype }>("services/cart.js")
    const NewTotalsService = load<V1ServiceClass>("services/new-totals.js")
    const TotalsService = load<V1ServiceClass>("services/totals.js")
    const TaxCalculationStrategy = load<V1ServiceClass>("strategies/tax-calculation.js")

    const featureFlagRouter = { isFeatureEnabled: (key: string) => key === "tax_inclusive_pricing" }
    // the tax provider gives the lines the cart was loaded with (items.tax_lines, shipping_methods.tax_lines)
    const taxProviderService = {
      withTransaction() {
        return this
      },
      async getTaxLinesMap(items: RawItem[], context: { shipping_methods?: RawMethod[] }) {
        return {
          lineItemsTaxLines: Object.fromEntries(items.map((item) => [item.id, item.tax_lines])),
          shippingMethodsTaxLines: Object.fromEntries(
            (context.shipping_methods ?? []).map((method) => [method.id, method.tax_lines])
          ),
        }
      },
    }
    const taxCalculationStrategy = new TaxCalculationStrategy({ featureFlagRouter })
    const newTotalsService = new NewTotalsService({ taxProviderService, featureFlagRouter, taxCalculationStrategy })
    const totalsService = new TotalsService({
      taxProviderService,
      newTotalsService,
      taxCalculationStrategy,
      featureFlagRouter,
    })
    const cartService = {
      newTotalsService_: newTotalsService,
      totalsService_: totalsService,
      taxProviderService_: taxProviderService,
    }
    decorate = (cart) => CartService.prototype.decorateTotals.call(cartService, cart, {})
  })

  const totalsOf = (cart: RawCart) => ({
    items: cart.items.map((item) => [item.subtotal, item.tax_total, item.total]),
    methods: cart.shipping_methods.map((method) => [method.subtotal, method.tax_total, method.total]),
    cart: [
      cart.subtotal,
      cart.discount_total,
      cart.tax_total,
      cart.gift_card_total,
      cart.gift_card_tax_total,
      cart.total,
    ],
  })

  it("writes the totals the hand-made carts above carry", async () => {
    const specs: CartSpec[] = [
      { items: [{ unitPrice: 120000, quantity: 2, includesTax: true, rates: [20] }] },
      {
        items: [0, 1, 2].map(() => ({
          unitPrice: 10000,
          quantity: 1,
          includesTax: false,
          rates: [20],
          discount: 100 / 3,
        })),
      },
      {
        items: [{ unitPrice: 99900, quantity: 1, includesTax: true, rates: [20], discount: 8325 }],
        methods: [{ price: 35000, includesTax: true, rates: [20] }],
        freeShipping: true,
      },
      {
        items: [{ unitPrice: 150000, quantity: 2, includesTax: false, rates: [20] }],
        methods: [{ price: 50000, includesTax: false, rates: [20] }],
        giftCards: [{ balance: 100000, taxRate: 20 }],
        giftCardsTaxable: true,
      },
      FREE_GIFT_CART,
    ]
    for (const spec of specs) {
      const real = await decorate(v1Cart(spec))
      expect(totalsOf(real)).toEqual(totalsOf(cartOf(spec)))
    }
    const fixed = await decorate(v1Cart(specs[1]!))
    expect(fixed.total).toBe(35879)
    expect(basketOf(fixed).amount).toBe(35879)
    const gift = await decorate(v1Cart(FREE_GIFT_CART))
    expect(gift.items[0]?.total).toBe(-1)
    expect(basketOf(gift).amount).toBe(59999)
  })

  it(`${Math.min(CARTS, 300)} random carts: the same totals, and a basket of exactly v1's cart.total`, async () => {
    await fc.assert(
      fc.asyncProperty(cartSpec, fc.constantFrom(...VAT_CODE_VARIANTS), async (spec, variant) => {
        const real = await decorate(v1Cart(spec))
        expect(totalsOf(real)).toEqual(totalsOf(cartOf(spec)))
        expectBasketOfV1Cart(real, variant)
      }),
      { numRuns: Math.min(CARTS, 300) }
    )
  }, 120_000)
})
