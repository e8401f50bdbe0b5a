/** Marked and excise goods in the basket builder: category fields on every item, excise shared to the kopeck. */
import { buildBasket, buildBasketForAmount, type BasketLineInput } from "../../src/invoicebox/basket"
import { checkOrderBasket } from "../../src/invoicebox/basket-reconcile"
import { InvoiceboxError } from "../../src/invoicebox/errors"
import { validateMarkedGoods } from "../../src/invoicebox/marked-goods"
import { toKopecks } from "../../src/invoicebox/money"
import { errorOf } from "../helpers/errors"

function line(overrides: Partial<BasketLineInput> = {}): BasketLineInput {
  return { sku: "MILK-1L", name: "Молоко 3,2 %, 1 л", unitPrice: 100, quantity: 1, vatCode: "RUS_VAT10", ...overrides }
}

describe("buildBasket: marked goods", () => {
  it("copies categoryType and category to the line", () => {
    const basket = buildBasket([line({ type: 33, categoryType: "honestSign", category: "milk" })])
    expect(basket.items[0]).toMatchObject({ type: 33, categoryType: "honestSign", category: "milk" })
    expect(basket.items[0]).not.toHaveProperty("excise")
  })

  it("keeps the category fields on every item of a split line", () => {
    // 100.00 over 3 units does not divide: 33.34 + 2 × 33.33
    const basket = buildBasket([
      line({ quantity: 3, total: 100, type: 33, categoryType: "merchantHonestSignMap", category: "dairy-1" }),
    ])
    expect(basket.items).toHaveLength(2)
    for (const item of basket.items) {
      expect(item).toMatchObject({ categoryType: "merchantHonestSignMap", category: "dairy-1" })
    }
  })

  it("leaves lines without marked goods fields as they were", () => {
    const basket = buildBasket([line()])
    expect(basket.items[0]).not.toHaveProperty("categoryType")
    expect(basket.items[0]).not.toHaveProperty("category")
  })

  it("refuses what the docs refuse, naming the line", () => {
    const bad = errorOf(() => buildBasket([line(), line({ sku: "X", categoryType: "honestSign", category: "caviar" })]))
    expect(bad).toBeInstanceOf(InvoiceboxError)
    expect((bad as InvoiceboxError).code).toBe("invalid_basket_line")
    expect((bad as Error).message).toMatch(/^Basket line 1 \(sku "X"\): category "caviar" is not a «Честный знак»/)
    expect(() => buildBasket([line({ category: "milk" })])).toThrow(/categoryType is required/)
    expect(() => buildBasket([line({ type: 1, categoryType: "honestSign", category: "milk" })])).toThrow(
      /excludes goods subject to marking/
    )
    expect(() => buildBasket([line({ type: 99 })])).toThrow(/type 99 is not/)
  })
})

describe("buildBasket: excise", () => {
  it("puts the excise on an unsplit line", () => {
    const basket = buildBasket([line({ type: 31, quantity: 2, unitPrice: 250, excise: "40.5" })])
    expect(basket.items).toHaveLength(1)
    expect(basket.items[0]!.excise).toBe(40.5)
  })

  it("shares the excise of a split line by quantity, to the kopeck", () => {
    // 100.00 over 3 units: 1 × 33.34 + 2 × 33.33; excise 10.00 → 3.34 + 6.66
    const basket = buildBasket([line({ type: 2, quantity: 3, total: 100, excise: 10 })])
    expect(basket.items.map((item) => [item.quantity, item.excise])).toEqual([
      [1, 3.34],
      [2, 6.66],
    ])
    const sum = basket.items.reduce((total, item) => total + toKopecks(item.excise!), 0)
    expect(sum).toBe(1000)
    for (const item of basket.items) expect(validateMarkedGoods(item)).toEqual([])
  })

  it("gives the kopecks left over to the first items, never more than there are", () => {
    // 4.99 over 5 units → 4 × 1.00 + 1 × 0.99 (dearer first); excise 0.03 by quantity: 0.024 and 0.006,
    // rounded down to 0.02 + 0.00, the kopeck left over to the first item
    const basket = buildBasket([line({ type: 2, quantity: 5, total: "4.99", unitPrice: 1, excise: "0.03" })])
    expect(basket.items.map((item) => [item.quantity, item.excise])).toEqual([
      [4, 0.03],
      [1, 0],
    ])
    expect(basket.items.reduce((total, item) => total + toKopecks(item.excise!), 0)).toBe(3)
  })

  it("keeps the basket arithmetic valid with excise and buildBasketForAmount", () => {
    const basket = buildBasketForAmount(
      [line({ type: 31, quantity: 3, total: 100, excise: 12, categoryType: "honestSign", category: "beer" })],
      100
    )
    expect(
      checkOrderBasket({ amount: basket.amount / 100, vatAmount: basket.vatAmount / 100, basketItems: basket.items })
    ).toEqual([])
  })

  it("refuses a negative, fractional-kopeck or too large excise and excise on a non-excise good", () => {
    expect(() => buildBasket([line({ type: 2, excise: -1 })])).toThrow(
      /Basket line 0 \(sku "MILK-1L"\): excise -1.00 must not be negative/
    )
    expect(() => buildBasket([line({ type: 2, excise: "1.005" })])).toThrow(/more than 2 decimal places/)
    expect(() => buildBasket([line({ type: 2, excise: 150 })])).toThrow(/more than the line's totalAmount/)
    expect(() => buildBasket([line({ type: 1, excise: 5 })])).toThrow(/carries no excise/)
    expect(() => buildBasket([line({ type: 2, excise: "abc" })])).toThrow(/excise/)
  })
})
