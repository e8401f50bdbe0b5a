/**
 * Baskets by goods and quantities (refund orders naming the returned goods, shipments naming one
 * fulfilment's goods): examples for every rule and error, then a property test over random baskets
 * used up in 1–4 shipments or refunds with 0 kopeck drift.
 */
import fc from "fast-check"

import { buildBasket, type BasketLineInput } from "../../src/invoicebox/basket"
import {
  GoodsSelectionError,
  basketForGoods,
  remainingBasket,
  type PickedBasket,
  type WantedGoods,
} from "../../src/invoicebox/basket-by-items"
import { checkOrderBasket } from "../../src/invoicebox/basket-reconcile"
import { kopecksToMajor, toKopecks, toQuantity } from "../../src/invoicebox/money"
import type { BasketItem, RefundableBasketItem, VatCode } from "../../src/invoicebox/types"
import { vatOfGross } from "../../src/invoicebox/vat"
import { checkOrderArithmetic } from "../../src/sandbox/order-validation"
import { errorOf } from "../helpers/errors"

// fewer under StrykerJS (jest.stryker.config.js), where the test runs once per mutant
const CASES = Number(process.env.INVOICEBOX_PROPERTY_CARTS ?? 10_000)

function basket(lines: Array<Partial<BasketLineInput>>): BasketItem[] {
  const built = buildBasket(
    lines.map((line, i) => ({
      sku: `SKU-${i}`,
      name: `Товар ${i}`,
      unitPrice: 100,
      quantity: 1,
      vatCode: "RUS_VAT20" as const,
      ...line,
    }))
  )
  // as it comes back from the API: JSON
  return JSON.parse(JSON.stringify(built.items)) as BasketItem[]
}

const rows = (picked: PickedBasket | BasketItem[]) =>
  (Array.isArray(picked) ? picked : picked.items).map((item) => [
    item.sku,
    item.amount,
    item.quantity,
    item.totalAmount,
    item.totalVatAmount,
  ])

const kopecks = (value: number) => toKopecks(value, "exact")
const sumOf = (items: BasketItem[], field: "totalAmount" | "totalVatAmount") =>
  items.reduce((sum, item) => sum + kopecks(item[field]), 0)

function expectValid(picked: PickedBasket): void {
  const order = {
    amount: kopecksToMajor(picked.amount),
    vatAmount: kopecksToMajor(picked.vatAmount),
    basketItems: picked.items,
  }
  expect(checkOrderBasket(order)).toEqual([])
  expect(checkOrderArithmetic(order)).toBeNull()
  expect(sumOf(picked.items, "totalAmount")).toBe(picked.amount)
  expect(sumOf(picked.items, "totalVatAmount")).toBe(picked.vatAmount)
  expect(picked.sourceLineIndexes).toHaveLength(picked.items.length)
}

/** Ships `rounds` one after the other, each from what the earlier ones left; returns every pick. */
function shipInTurn(order: BasketItem[], rounds: WantedGoods[][]): PickedBasket[] {
  const shipped: BasketItem[] = []
  return rounds.map((wanted) => {
    const picked = basketForGoods(remainingBasket(order, shipped), wanted)
    expectValid(picked)
    shipped.push(...picked.items)
    return picked
  })
}

describe("basketForGoods", () => {
  it("takes part of a line at its unit price, with the VAT of that part", () => {
    const order = basket([{ unitPrice: 100, quantity: 3 }, { vatCode: "RUS_VAT22" }])
    const picked = basketForGoods(order, [{ sku: "SKU-0", quantity: 1 }])
    expect(rows(picked)).toEqual([["SKU-0", 100, 1, 100, 16.67]])
    expect(picked.items[0]).toMatchObject({ name: "Товар 0", vatCode: "RUS_VAT20", amountWoVat: 83.33 })
    expect(picked.sourceLineIndexes).toEqual([0])
    expect(picked.amount).toBe(10000)
    expect(picked.vatAmount).toBe(1667)
    expectValid(picked)
  })

  it("takes a line named whole as it is, and lists picks in basket order", () => {
    const order = basket([
      { unitPrice: 100, quantity: 3 },
      { unitPrice: 50, vatCode: "RUS_VAT10" },
    ])
    const picked = basketForGoods(order, [
      { sku: "SKU-1", quantity: 1 },
      { sku: "SKU-0", quantity: "3" },
    ])
    expect(picked.items).toEqual(order)
    expect(picked.sourceLineIndexes).toEqual([0, 1])
    expectValid(picked)
  })

  it("takes a sku split over several lines from them in order (3 × 33.34 → 1 × 33.34 + 2 × 33.33)", () => {
    const order = basket([{ unitPrice: 100, quantity: 3, discount: 200 }])
    expect(rows(order)).toEqual([
      ["SKU-0", 33.34, 1, 33.34, 5.56],
      ["SKU-0", 33.33, 2, 66.66, 11.11],
    ])
    const picked = basketForGoods(order, [{ sku: "SKU-0", quantity: 2 }])
    expect(rows(picked)).toEqual([
      ["SKU-0", 33.34, 1, 33.34, 5.56],
      ["SKU-0", 33.33, 1, 33.33, 5.56],
    ])
    expect(picked.sourceLineIndexes).toEqual([0, 1])
    expectValid(picked)
    // the last unit carries the rest of the line's VAT: 11.11 − 5.56
    const rest = basketForGoods(remainingBasket(order, picked.items), [{ sku: "SKU-0", quantity: 1 }])
    expect(rows(rest)).toEqual([["SKU-0", 33.33, 1, 33.33, 5.55]])
    expect(picked.amount + rest.amount).toBe(10000)
    expect(picked.vatAmount + rest.vatAmount).toBe(1667)
  })

  it("takes the same sku at two prices from its lines in order; wanted entries of one sku add up", () => {
    const order = basket([
      { sku: "TEA", unitPrice: 200, quantity: 2 },
      { sku: "HONEY", unitPrice: 300, quantity: 1 },
      { sku: "TEA", unitPrice: 150, quantity: 2 },
    ])
    const picked = basketForGoods(order, [
      { sku: "TEA", quantity: 1 },
      { sku: "TEA", quantity: 2 },
    ])
    expect(rows(picked)).toEqual([
      ["TEA", 200, 2, 400, 66.67],
      ["TEA", 150, 1, 150, 25],
    ])
    expect(picked.sourceLineIndexes).toEqual([0, 2])
    expectValid(picked)
  })

  it("takes a zero-total line (a free gift) by its sku like any other", () => {
    const order = basket([{ sku: "GIFT", unitPrice: 500, quantity: 2, discount: 1000 }, { sku: "BOOK" }])
    const picked = basketForGoods(order, [{ sku: "GIFT", quantity: 1 }])
    expect(rows(picked)).toEqual([["GIFT", 0, 1, 0, 0]])
    expect(picked.amount).toBe(0)
    expectValid(picked)
    const whole = basketForGoods(order, [{ sku: "GIFT", quantity: 2 }])
    expect(rows(whole)).toEqual([["GIFT", 0, 2, 0, 0]])
  })

  it("includes lines by sku prefix whole (delivery), unless a wanted entry names their sku", () => {
    const order = basket([
      { sku: "BOOK", unitPrice: 100, quantity: 2 },
      { sku: "shipping-1", unitPrice: 300, type: "service", vatCode: "RUS_VAT22" },
    ])
    const first = basketForGoods(order, [{ sku: "BOOK", quantity: 1 }], { includeSkuPrefixes: ["shipping-"] })
    expect(rows(first)).toEqual([
      ["BOOK", 100, 1, 100, 16.67],
      ["shipping-1", 300, 1, 300, 54.1],
    ])
    expectValid(first)
    // once shipped, the delivery is not in what is left, so a second shipment does not repeat it
    const second = basketForGoods(remainingBasket(order, first.items), [{ sku: "BOOK", quantity: 1 }], {
      includeSkuPrefixes: ["shipping-"],
    })
    expect(rows(second)).toEqual([["BOOK", 100, 1, 100, 16.66]])
    expect(() => basketForGoods(order, [{ sku: "shipping-1", quantity: 2 }])).toThrow(/shipping-1/)
  })

  it("ships a fractional quantity in parts whose totals and VAT add up to the line's", () => {
    const order = basket([{ sku: "CHEESE", unitPrice: "99.99", quantity: 2.5, vatCode: "RUS_VAT10", measure: "кг" }])
    expect(rows(order)).toEqual([["CHEESE", 99.99, 2.5, 249.98, 22.73]])
    const picks = shipInTurn(order, [
      [{ sku: "CHEESE", quantity: 1 }],
      [{ sku: "CHEESE", quantity: 1 }],
      [{ sku: "CHEESE", quantity: "0.5" }],
    ])
    expect(picks.map(rows)).toEqual([
      [["CHEESE", 99.99, 1, 99.99, 9.09]],
      [["CHEESE", 99.99, 1, 99.99, 9.09]],
      [["CHEESE", 99.99, 0.5, 50, 4.55]],
    ])
    expect(picks.reduce((sum, pick) => sum + pick.amount, 0)).toBe(24998)
    expect(picks.reduce((sum, pick) => sum + pick.vatAmount, 0)).toBe(2273)
    expect(picks[0]!.items[0]!.measure).toBe("кг")
  })

  it("prices the fraction left on a line so that its total is exact", () => {
    // 1.001 kg for 100.00: one kilogram at 100.00 leaves 0.001 kg with the rest of the total
    const order = basket([{ sku: "SALT", unitPrice: 100, quantity: "1.001", vatCode: "RUS_VAT20" }])
    expect(rows(order)).toEqual([["SALT", 100, 1.001, 100.1, 16.68]])
    const [kilo, crumb] = shipInTurn(order, [[{ sku: "SALT", quantity: 1 }], [{ sku: "SALT", quantity: 0.001 }]])
    expect(rows(kilo!)).toEqual([["SALT", 100, 1, 100, 16.67]])
    expect(rows(crumb!)).toEqual([["SALT", 100, 0.001, 0.1, 0.01]])
    expect(kilo!.amount + crumb!.amount).toBe(10010)
    expect(kilo!.vatAmount + crumb!.vatAmount).toBe(1668)
  })

  it("keeps the VAT of parts within a kopeck and sums them exactly where half-up parts would drift", () => {
    // 4 × 0.03 at 20 %: 0.02 VAT on the line; half-up of each 0.03 (0.005) would be 0.01, four of them 0.04
    const order = basket([{ sku: "CLIP", unitPrice: "0.03", quantity: 4 }])
    expect(rows(order)).toEqual([["CLIP", 0.03, 4, 0.12, 0.02]])
    expect(vatOfGross(3, "RUS_VAT20") * 4).toBe(4)
    const picks = shipInTurn(
      order,
      [1, 2, 3, 4].map(() => [{ sku: "CLIP", quantity: 1 }])
    )
    expect(picks.map((pick) => pick.vatAmount)).toEqual([1, 0, 1, 0])
    expect(picks.reduce((sum, pick) => sum + pick.amount, 0)).toBe(12)
  })

  it("a line taken whole keeps its own VAT even when a recomputation would differ", () => {
    // 333.34 with 60.12 VAT passes R4 (exact 60.1105) though half-up gives 60.11
    const tea: BasketItem = {
      sku: "TEA",
      name: "Чай",
      measure: "шт",
      measureCode: "796",
      quantity: 1,
      amount: 333.34,
      amountWoVat: 273.23,
      totalAmount: 333.34,
      totalVatAmount: 60.12,
      vatCode: "RUS_VAT22",
      type: "commodity",
      paymentType: "full_prepayment",
    }
    const picked = basketForGoods([tea], [{ sku: "TEA", quantity: 1 }])
    expect(rows(picked)).toEqual([["TEA", 333.34, 1, 333.34, 60.12]])
    expectValid(picked)
  })

  it("shares a line's excise by quantity, the last part taking the rest", () => {
    const [wine] = basket([{ sku: "WINE", unitPrice: 1000, quantity: 3, type: 2 }])
    const order = [{ ...wine!, excise: 10 }]
    const picks = shipInTurn(
      order,
      [1, 2, 3].map(() => [{ sku: "WINE", quantity: 1 }])
    )
    expect(picks.map((pick) => pick.items.map((item) => item.excise))).toEqual([[3.33], [3.33], [3.34]])
    // whole, it keeps its excise; without one, none is added
    expect(basketForGoods(order, [{ sku: "WINE", quantity: 3 }]).items[0]!.excise).toBe(10)
    expect(basketForGoods([wine!], [{ sku: "WINE", quantity: 1 }]).items[0]).not.toHaveProperty("excise")
  })

  describe("from refundable lines", () => {
    const line = (overrides: Partial<RefundableBasketItem>): RefundableBasketItem => ({
      sku: "BOOT",
      name: "Сапоги",
      measure: "пар",
      measureCode: "715",
      quantity: 2,
      amount: 100,
      amountWoVat: 83.33,
      totalAmount: 200,
      totalVatAmount: 33.33,
      vatCode: "RUS_VAT20",
      type: "commodity",
      paymentType: "full_prepayment",
      ...overrides,
    })

    it("takes a whole line at its available amounts and leaves the available fields out", () => {
      const picked = basketForGoods(
        [line({ availableAmount: 200, availableVatAmount: 33.33 })],
        [{ sku: "BOOT", quantity: 2 }]
      )
      expect(rows(picked)).toEqual([["BOOT", 100, 2, 200, 33.33]])
      expect(picked.items[0]).not.toHaveProperty("availableAmount")
      expect(picked.items[0]).not.toHaveProperty("availableVatAmount")
      expectValid(picked)
    })

    it("reads what is left from availableAmount: a line refunded in money is re-split, a part takes its share", () => {
      // 150.03 left on 2 pairs (an earlier refund by amount), 25.01 VAT left
      const lines = [line({ availableAmount: 150.03, availableVatAmount: 25.01 })]
      const whole = basketForGoods(lines, [{ sku: "BOOT", quantity: 2 }])
      expect(rows(whole)).toEqual([
        ["BOOT", 75.02, 1, 75.02, 12.5],
        ["BOOT", 75.01, 1, 75.01, 12.51],
      ])
      expect(whole.amount).toBe(15003)
      expect(whole.vatAmount).toBe(2501)
      expectValid(whole)
      const part = basketForGoods(lines, [{ sku: "BOOT", quantity: 1 }])
      expect(rows(part)).toEqual([["BOOT", 75.02, 1, 75.02, 12.5]])
      expectValid(part)
    })

    it("takes the VAT of availableAmount when availableVatAmount is missing", () => {
      const picked = basketForGoods([line({ availableAmount: 100, quantity: 1 })], [{ sku: "BOOT", quantity: 1 }])
      expect(rows(picked)).toEqual([["BOOT", 100, 1, 100, 16.67]])
    })

    it("has nothing left of a line with availableAmount 0 or quantity 0", () => {
      for (const spent of [line({ availableAmount: 0, availableVatAmount: 0 }), line({ quantity: 0 })]) {
        const error = errorOf(() => basketForGoods([spent], [{ sku: "BOOT", quantity: 1 }]))
        expect(error).toBeInstanceOf(GoodsSelectionError)
        expect(error.code).toBe("goods_exceed_available")
        expect(error.message).toContain("only 0 available")
      }
    })
  })

  describe("errors", () => {
    const order = basket([
      { sku: "TEA", unitPrice: 200, quantity: 2 },
      { sku: "TEA", unitPrice: 150, quantity: 1.5 },
    ])

    it("refuses a sku on no line, naming it", () => {
      const error = errorOf(() => basketForGoods(order, [{ sku: "COFFEE", quantity: 1 }]))
      expect(error).toBeInstanceOf(GoodsSelectionError)
      expect(error.code).toBe("unknown_goods")
      expect(error.message).toBe('sku "COFFEE" is on none of the 2 available lines')
    })

    it("refuses more than the lines hold, with both figures", () => {
      const error = errorOf(() => basketForGoods(order, [{ sku: "TEA", quantity: "3.501" }]))
      expect(error.code).toBe("goods_exceed_available")
      expect(error.message).toBe('sku "TEA": 3.501 wanted, only 3.5 available (lines 0, 1)')
      // entries of one sku add up before the check
      const summed = errorOf(() =>
        basketForGoods(order, [
          { sku: "TEA", quantity: 2 },
          { sku: "TEA", quantity: 2 },
        ])
      )
      expect(summed.message).toContain("4 wanted, only 3.5 available")
    })

    it.each([
      [0, "must be greater than 0"],
      [-1, "must be greater than 0"],
      ["abc", "is not a finite decimal number"],
      [Number.NaN, "is not a finite decimal number"],
      [1.0005, "more than 3 decimal places"],
      [0.1 + 0.2, "more than 3 decimal places"],
    ])("refuses the quantity %p", (quantity, detail) => {
      const error = errorOf(() => basketForGoods(order, [{ sku: "TEA", quantity }]))
      expect(error).toBeInstanceOf(GoodsSelectionError)
      expect(error.code).toBe("invalid_goods_quantity")
      expect(error.message).toContain('quantity of sku "TEA"')
      expect(error.message).toContain(detail)
    })

    it("refuses an unreadable wanted list or entry, and an empty pick", () => {
      const code = (run: () => unknown) => errorOf(run).code
      expect(code(() => basketForGoods(order, "TEA" as unknown as WantedGoods[]))).toBe("invalid_goods")
      expect(code(() => basketForGoods(order, [null as unknown as WantedGoods]))).toBe("invalid_goods")
      expect(code(() => basketForGoods(order, [{ sku: "", quantity: 1 }]))).toBe("invalid_goods")
      expect(code(() => basketForGoods(order, []))).toBe("invalid_goods")
      expect(code(() => basketForGoods(order, [], { includeSkuPrefixes: ["shipping-"] }))).toBe("invalid_goods")
    })

    it("refuses an unreadable available line, naming it", () => {
      const broken = [order[0]!, { ...order[1]!, totalAmount: 1.005 }]
      const error = errorOf(() => basketForGoods(broken, [{ sku: "TEA", quantity: 1 }]))
      expect(error.code).toBe("invalid_basket_item")
      expect(error.message).toMatch(/^Available line 1 \(sku "TEA"\): /)
      const badVat = [{ ...order[0]!, vatCode: "VAT18" as VatCode }]
      expect(errorOf(() => basketForGoods(badVat, [{ sku: "TEA", quantity: 1 }])).code).toBe("invalid_basket_item")
    })
  })
})

describe("remainingBasket", () => {
  const order = basket([
    { sku: "TEA", unitPrice: 100, quantity: 3, discount: 200 },
    { sku: "HONEY", unitPrice: 300, quantity: 2, vatCode: "RUS_VAT10" },
  ])

  it("is the basket itself when nothing was shipped, and empty when everything was", () => {
    expect(remainingBasket(order, [])).toEqual(order)
    expect(remainingBasket(order, order)).toEqual([])
  })

  it("takes the shipped goods off their lines in order, to the kopeck", () => {
    const shipped = basketForGoods(order, [
      { sku: "TEA", quantity: 2 },
      { sku: "HONEY", quantity: 1 },
    ])
    const left = remainingBasket(order, shipped.items)
    expect(rows(left)).toEqual([
      ["TEA", 33.33, 1, 33.33, 5.55],
      ["HONEY", 300, 1, 300, 27.28],
    ])
    expect(sumOf(left, "totalAmount") + shipped.amount).toBe(sumOf(order, "totalAmount"))
    expect(sumOf(left, "totalVatAmount") + shipped.vatAmount).toBe(sumOf(order, "totalVatAmount"))
  })

  it("pools a sku's money over its lines: a shipment priced from another line of the sku still adds up", () => {
    // one TEA shipped at 33.33 (the second line's price) instead of 33.34
    const shipped: BasketItem[] = [{ ...order[1]!, quantity: 1, totalAmount: 33.33, totalVatAmount: 5.56 }]
    const left = remainingBasket(order, shipped)
    // one line for what is left of the second TEA line: 66.67 is no price × 2, so it keeps 33.33
    expect(rows(left)).toEqual([
      ["TEA", 33.33, 2, 66.67, 11.11],
      ["HONEY", 300, 2, 600, 54.55],
    ])
    expect(sumOf(left, "totalAmount") + 3333).toBe(sumOf(order, "totalAmount"))
    expect(sumOf(left, "totalVatAmount") + 556).toBe(sumOf(order, "totalVatAmount"))
    // taken whole it is re-split; a part of it is its share
    const rest = basketForGoods(left, [{ sku: "TEA", quantity: 2 }])
    expect(rows(rest)).toEqual([
      ["TEA", 33.34, 1, 33.34, 5.56],
      ["TEA", 33.33, 1, 33.33, 5.55],
    ])
    expectValid(rest)
    const one = basketForGoods(left, [{ sku: "TEA", quantity: 1 }])
    expect(rows(one)).toEqual([["TEA", 33.34, 1, 33.34, 5.56]])
  })

  it("keeps a line shipped in part as one line at its unit price, or at a price that fits the rest", () => {
    const cheese = basket([{ sku: "CHEESE", unitPrice: "99.99", quantity: 2.5, vatCode: "RUS_VAT10" }])
    const first = basketForGoods(cheese, [{ sku: "CHEESE", quantity: "1.001" }])
    expect(rows(first)).toEqual([["CHEESE", 99.99, 1.001, 100.09, 9.1]])
    expect(rows(remainingBasket(cheese, first.items))).toEqual([["CHEESE", 99.99, 1.499, 149.89, 13.63]])
    // 1.001 × 10.01 = 10.02; half of it at 10.01 is 5.01, leaving 5.01 on 0.501, which 10.01 does not fit
    const nuts = basket([{ sku: "NUTS", unitPrice: "10.01", quantity: "1.001", vatCode: "RUS_VAT20" }])
    const half = basketForGoods(nuts, [{ sku: "NUTS", quantity: 0.5 }])
    expect(rows(half)).toEqual([["NUTS", 10.01, 0.5, 5.01, 0.84]])
    const left = remainingBasket(nuts, half.items)
    expect(rows(left)).toEqual([["NUTS", 10, 0.501, 5.01, 0.83]])
    expect(checkOrderBasket({ amount: 5.01, vatAmount: 0.83, basketItems: left })).toEqual([])
  })

  it("refuses shipped goods that are not in the basket or exceed it", () => {
    const unknown = errorOf(() => remainingBasket(order, [{ ...order[0]!, sku: "COFFEE" }]))
    expect(unknown).toBeInstanceOf(GoodsSelectionError)
    expect(unknown.code).toBe("unknown_goods")
    expect(unknown.message).toBe('Shipped line 0: sku "COFFEE" is not in the basket')

    const tooMany = errorOf(() => remainingBasket(order, [{ ...order[2]!, quantity: 3, totalAmount: 900 }]))
    expect(tooMany.code).toBe("goods_exceed_available")
    expect(tooMany.message).toBe(
      'sku "HONEY": shipped 3 for 900.00 (VAT 54.55), more than the basket\'s 2 for 600.00 (VAT 54.55)'
    )

    const dearer = errorOf(() => remainingBasket(order, [{ ...order[0]!, amount: 100.01, totalAmount: 100.01 }]))
    expect(dearer.code).toBe("goods_exceed_available")
    expect(dearer.message).toBe(
      'sku "TEA": shipped 1 for 100.01 (VAT 5.56), more than the basket\'s 3 for 100.00 (VAT 16.67)'
    )

    // within the sku's money, but more than the lines it used up and the line it stops in hold
    const prices = basket([
      { sku: "TEA", unitPrice: 100, quantity: 1 },
      { sku: "TEA", unitPrice: 100, quantity: 1 },
      { sku: "TEA", unitPrice: 300, quantity: 1 },
    ])
    const past = errorOf(() =>
      remainingBasket(prices, [{ ...prices[0]!, amount: 250, totalAmount: 250, totalVatAmount: 41.67 }])
    )
    expect(past.code).toBe("goods_exceed_available")
    expect(past.message).toBe(
      'sku "TEA": shipped 1 for 250.00 (VAT 41.67), more money than its basket lines 0, 1 hold (200.00, VAT 33.34)'
    )
  })

  it("refuses shipments that take a sku's whole quantity but not its whole money", () => {
    const cheap = order.slice(0, 2).map((item) => ({ ...item, amount: 30, totalAmount: 30 * item.quantity }))
    const error = errorOf(() => remainingBasket(order, cheap))
    expect(error.code).toBe("shipped_goods_mismatch")
    expect(error.message).toBe(
      'sku "TEA": shipped 3 for 90.00 (VAT 16.67), the basket\'s whole quantity but not its 3 for 100.00 (VAT 16.67)'
    )
  })
})

// ---- property: random baskets used up in 1–4 shipments or refunds ----

const CODES: VatCode[] = ["RUS_VAT20", "RUS_VAT10", "RUS_VAT0", "VATNONE", "RUS_VAT22", "RUS_VAT22_ADDED", "RUS_VAT5"]

interface RandomLine {
  sku: number
  /** unit price, kopecks */
  price: number
  /** thousandths */
  milli: number
  discount: [number, number] | null
  vatCode: VatCode
}

const randomLine: fc.Arbitrary<RandomLine> = fc.record({
  sku: fc.integer({ min: 0, max: 3 }),
  price: fc.oneof(
    fc.integer({ min: 0, max: 12 }),
    fc.integer({ min: 1, max: 100_000 }),
    fc.constantFrom(3333, 9999, 10_000)
  ),
  milli: fc.oneof(
    fc.integer({ min: 1, max: 12 }).map((n) => n * 1000),
    fc.integer({ min: 1, max: 7500 }),
    fc.constantFrom(1500, 2500, 333, 1001)
  ),
  discount: fc.option(fc.constantFrom<[number, number]>([1, 3], [2, 3], [1, 2], [1, 1], [1, 7]), { freq: 3 }),
  vatCode: fc.constantFrom(...CODES),
})

const randomCase = fc.record({
  lines: fc.array(randomLine, { minLength: 1, maxLength: 6 }),
  refunds: fc.boolean(),
  rounds: fc.integer({ min: 1, max: 4 }),
  /** per sku: the weight of each round (up to 4) */
  weights: fc.array(fc.array(fc.nat({ max: 10 }), { minLength: 4, maxLength: 4 }), { minLength: 4, maxLength: 4 }),
  wholeUnits: fc.boolean(),
  /** per basket item: an excise of n/10 of its total, or none */
  excises: fc.array(fc.option(fc.nat({ max: 10 }), { freq: 2 }), { minLength: 20, maxLength: 20 }),
})

function decimal(units: number, scale: number): string {
  const digits = String(units).padStart(scale + 1, "0")
  return `${digits.slice(0, -scale)}.${digits.slice(-scale)}`
}

function inputOf(line: RandomLine, index: number): BasketLineInput {
  const subtotal = BigInt(line.price) * BigInt(line.milli) // at 5 decimals
  const discount = line.discount === null ? null : (subtotal * BigInt(line.discount[0])) / BigInt(line.discount[1])
  return {
    sku: `SKU-${line.sku}`,
    name: `Товар ${line.sku}`,
    unitPrice: decimal(line.price, 2),
    quantity: decimal(line.milli, 3),
    ...(discount !== null ? { discount: decimal(Number(discount), 5) } : {}),
    vatCode: line.vatCode,
    ...(index % 2 === 1 ? { measure: "кг", measureCode: "166" } : {}),
  }
}

/** Cuts `total` into `rounds` chunks by the weights (cumulative rounding; whole units when asked). */
function chunks(total: number, weights: number[], rounds: number, wholeUnits: boolean): number[] {
  const used = weights.slice(0, rounds).map((weight) => weight + 1)
  const sum = used.reduce((a, b) => a + b, 0)
  const unit = wholeUnits && total % 1000 === 0 ? 1000 : 1
  let cumulative = 0
  let cut = 0
  return used.map((weight, i) => {
    cumulative += weight
    const next = i === used.length - 1 ? total : Math.floor((total / unit) * (cumulative / sum)) * unit
    const chunk = next - cut
    cut = next
    return chunk
  })
}

function check(condition: boolean, message: () => string): void {
  if (!condition) throw new Error(message())
}

const milliOf = (item: BasketItem) => toQuantity(item.quantity)

/** What the sandbox (like the real API) lists as refundable: per original line, what is left of it. */
interface Balance {
  quantity: number
  total: number
  vat: number
  excise: number | null
}

function refundableLines(order: BasketItem[], balances: Balance[]): { lines: RefundableBasketItem[]; from: number[] } {
  const lines: RefundableBasketItem[] = []
  const from: number[] = []
  order.forEach((item, index) => {
    const left = balances[index]!
    if (left.quantity <= 0) return
    const available = { availableAmount: kopecksToMajor(left.total), availableVatAmount: kopecksToMajor(left.vat) }
    from.push(index)
    if (left.quantity === milliOf(item) && left.total === kopecks(item.totalAmount)) {
      lines.push({ ...item, ...available })
      return
    }
    // a line refunded in part: its remainder, priced at total / quantity (not always amount × quantity)
    const unit = Math.round((left.total * 1000) / left.quantity)
    lines.push({
      ...item,
      ...(left.excise !== null ? { excise: kopecksToMajor(left.excise) } : {}),
      quantity: left.quantity / 1000,
      amount: kopecksToMajor(unit),
      amountWoVat: kopecksToMajor(unit - vatOfGross(unit, item.vatCode)),
      totalAmount: kopecksToMajor(left.total),
      totalVatAmount: kopecksToMajor(left.vat),
      ...available,
    })
  })
  return { lines, from }
}

describe("basket by goods property: random baskets used up in 1–4 shipments or refunds", () => {
  it(`uses up ${CASES} random baskets with 0 kopeck drift, every pick passing the basket checks`, () => {
    let partialPicks = 0
    let splitSkus = 0
    fc.assert(
      fc.property(randomCase, ({ lines, refunds, rounds, weights, wholeUnits, excises }) => {
        const order = basket(lines.map(inputOf)).map((item, i) => {
          const tenths = excises[i] ?? null
          return tenths === null
            ? item
            : { ...item, excise: kopecksToMajor(Math.floor((kopecks(item.totalAmount) * tenths) / 10)) }
        })
        const skus = [...new Set(order.map((item) => item.sku))]
        if (skus.some((sku) => order.filter((item) => item.sku === sku).length > 1)) splitSkus += 1
        const held = new Map(
          skus.map((sku) => [sku, order.filter((item) => item.sku === sku).reduce((s, i) => s + milliOf(i), 0)])
        )
        const plan = new Map(
          skus.map((sku) => [sku, chunks(held.get(sku)!, weights[Number(sku.slice(4))]!, rounds, wholeUnits)])
        )

        const shipped: BasketItem[] = []
        const balances: Balance[] = order.map((item) => ({
          quantity: milliOf(item),
          total: kopecks(item.totalAmount),
          vat: kopecks(item.totalVatAmount),
          excise: item.excise === undefined ? null : kopecks(item.excise),
        }))
        const taken = new Map(skus.map((sku) => [sku, { quantity: 0, total: 0, vat: 0, excise: 0 }]))
        for (let round = 0; round < rounds; round++) {
          const wanted = skus
            .filter((sku) => plan.get(sku)![round]! > 0)
            .map((sku) => ({ sku, quantity: decimal(plan.get(sku)![round]!, 3) }))
          if (wanted.length === 0) continue
          const refundable = refunds ? refundableLines(order, balances) : null
          const available = refundable ? refundable.lines : remainingBasket(order, shipped)
          const picked = basketForGoods(available, wanted)

          // the pick passes the core's and the sandbox's basket checks
          const wire = {
            amount: kopecksToMajor(picked.amount),
            vatAmount: kopecksToMajor(picked.vatAmount),
            basketItems: JSON.parse(JSON.stringify(picked.items)) as BasketItem[],
          }
          const problems = checkOrderBasket(wire)
          check(problems.length === 0, () => `round ${round}: ${JSON.stringify(problems)}`)
          const verdict = checkOrderArithmetic(wire)
          check(verdict === null, () => `round ${round}: sandbox ${JSON.stringify(verdict)}`)
          check(picked.sourceLineIndexes.length === picked.items.length, () => "one source per item")

          // exactly the wanted quantities; never more quantity or money than a line holds
          for (const { sku, quantity } of wanted) {
            const got = picked.items.filter((item) => item.sku === sku).reduce((s, i) => s + milliOf(i), 0)
            check(got === toQuantity(quantity), () => `round ${round}: ${sku} picked ${got}, wanted ${quantity}`)
          }
          const perLine = available.map(() => ({ quantity: 0, total: 0 }))
          picked.items.forEach((item, i) => {
            const source = picked.sourceLineIndexes[i]!
            const line = available[source]!
            check(item.sku === line.sku && item.vatCode === line.vatCode, () => `item ${i} ≠ its source line`)
            perLine[source]!.quantity += milliOf(item)
            perLine[source]!.total += kopecks(item.totalAmount)
          })
          perLine.forEach((sum, i) => {
            const line = available[i]!
            const money = kopecks((line as RefundableBasketItem).availableAmount ?? line.totalAmount)
            check(sum.quantity <= milliOf(line), () => `line ${i}: quantity ${sum.quantity} of ${line.quantity}`)
            check(sum.total <= money, () => `line ${i}: ${sum.total} kopecks of ${money}`)
            if (sum.quantity > 0 && sum.quantity < milliOf(line)) partialPicks += 1
          })

          picked.items.forEach((item, i) => {
            const sum = taken.get(item.sku)!
            sum.quantity += milliOf(item)
            sum.total += kopecks(item.totalAmount)
            sum.vat += kopecks(item.totalVatAmount)
            sum.excise += item.excise === undefined ? 0 : kopecks(item.excise)
            if (refundable) {
              const balance = balances[refundable.from[picked.sourceLineIndexes[i]!]!]!
              balance.quantity -= milliOf(item)
              balance.total -= kopecks(item.totalAmount)
              balance.vat -= kopecks(item.totalVatAmount)
              if (balance.excise !== null) balance.excise -= kopecks(item.excise ?? 0)
            }
          })
          shipped.push(...picked.items)
        }

        // summed over all parts: the original quantities, totals and VAT, per sku, to the kopeck
        for (const sku of skus) {
          const ofSku = order.filter((item) => item.sku === sku)
          const sum = taken.get(sku)!
          check(sum.quantity === held.get(sku), () => `${sku}: quantity ${sum.quantity} of ${held.get(sku)}`)
          check(sum.total === sumOf(ofSku, "totalAmount"), () => `${sku}: total ${sum.total} drifts`)
          check(sum.vat === sumOf(ofSku, "totalVatAmount"), () => `${sku}: VAT ${sum.vat} drifts`)
          const excise = ofSku.reduce((total, item) => total + kopecks(item.excise ?? 0), 0)
          check(sum.excise === excise, () => `${sku}: excise ${sum.excise} of ${excise}`)
        }
        if (refunds) {
          check(
            balances.every((b) => b.quantity === 0 && b.total === 0 && b.vat === 0 && (b.excise ?? 0) === 0),
            () => `balances left: ${JSON.stringify(balances)}`
          )
        } else {
          const left = remainingBasket(order, shipped)
          check(left.length === 0, () => `left after every shipment: ${JSON.stringify(left)}`)
        }
      }),
      { numRuns: CASES }
    )
    // the generator really exercises parts of lines and skus on several lines
    expect(partialPicks).toBeGreaterThan(CASES / 2)
    expect(splitSkus).toBeGreaterThan(CASES / 5)
  }, 120_000)
})
