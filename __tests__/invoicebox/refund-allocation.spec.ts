import { buildBasket, type BasketLineInput } from "../../src/invoicebox/basket"
import { checkOrderBasket } from "../../src/invoicebox/basket-reconcile"
import { kopecksToMajor, toKopecks, toQuantity, type MoneyInput } from "../../src/invoicebox/money"
import {
  RefundAllocationError,
  allocateRefund,
  refundableTotal,
  type RefundAllocation,
} from "../../src/invoicebox/refund-allocation"
import type { BasketItem } from "../../src/invoicebox/types"
import { vatOfGross } from "../../src/invoicebox/vat"
import { errorOf } from "../helpers/errors"

function refundable(lines: Array<Partial<BasketLineInput>>): BasketItem[] {
  const basket = buildBasket(
    lines.map((line, i) => ({
      sku: `SKU-${i}`,
      name: `Товар ${i}`,
      unitPrice: 100,
      quantity: 1,
      vatCode: "RUS_VAT20",
      ...line,
    }))
  )
  // what GET .../refund-basket-item returns is JSON
  return JSON.parse(JSON.stringify(basket.items)) as BasketItem[]
}

function figures(result: RefundAllocation): Array<[number, number, number]> {
  return result.items.map((item) => [item.amount, item.quantity, item.totalAmount])
}

function expectSound(result: RefundAllocation, from: BasketItem[]): void {
  expect(
    checkOrderBasket({
      amount: kopecksToMajor(result.amount),
      vatAmount: kopecksToMajor(result.vatAmount),
      basketItems: result.items,
    })
  ).toEqual([])
  expect(result.items.reduce((sum, item) => sum + toKopecks(item.totalAmount, "exact"), 0)).toBe(result.amount)
  expect(result.sourceLineIndexes).toHaveLength(result.items.length)
  from.forEach((line, index) => {
    const taken = result.items.filter((_, i) => result.sourceLineIndexes[i] === index)
    const money = taken.reduce((sum, item) => sum + toKopecks(item.totalAmount, "exact"), 0)
    const quantity = taken.reduce((sum, item) => sum + toQuantity(item.quantity), 0)
    expect(money).toBeLessThanOrEqual(toKopecks(line.totalAmount, "exact"))
    if (taken.length > 0) expect(quantity).toBeLessThanOrEqual(toQuantity(line.quantity))
    for (const item of taken) {
      expect(item.sku).toBe(line.sku)
      expect(item.name).toBe(line.name)
      expect(item.vatCode).toBe(line.vatCode)
    }
  })
}

describe("allocateRefund", () => {
  const order = refundable([
    { unitPrice: 100, quantity: 1 },
    { unitPrice: 50, quantity: 2, vatCode: "RUS_VAT22" },
    { unitPrice: 30, quantity: 1, vatCode: "VATNONE", type: "service" },
  ])

  it("takes whole lines first, then whole units of the next line", () => {
    const result = allocateRefund(order, 150)
    expect(figures(result)).toEqual([
      [100, 1, 100],
      [50, 1, 50],
    ])
    expect(result.sourceLineIndexes).toEqual([0, 1])
    expect(result.amount).toBe(15000)
    expect(result.vatAmount).toBe(vatOfGross(10000, "RUS_VAT20") + vatOfGross(5000, "RUS_VAT22"))
    expect(result.items[1]).toMatchObject({
      sku: "SKU-1",
      vatCode: "RUS_VAT22",
      amountWoVat: 40.98,
      totalVatAmount: 9.02,
    })
    expectSound(result, order)
  })

  it("refunds everything, zero-priced lines included, as the lines were paid", () => {
    const withGift = refundable([
      { unitPrice: 40, quantity: 3, discount: 20 },
      { unitPrice: 10, discount: 10 },
      { unitPrice: 1.5, quantity: 2.5 },
    ])
    const result = allocateRefund(withGift, refundableTotal(withGift) / 100)
    expect(result.items).toEqual(withGift)
    expect(result.sourceLineIndexes).toEqual([0, 1, 2, 3])
    expectSound(result, withGift)
  })

  it("skips zero-total lines in a partial refund", () => {
    const withGift = refundable([{ unitPrice: 10, discount: 10 }, { unitPrice: 100 }])
    const result = allocateRefund(withGift, 60)
    expect(figures(result)).toEqual([[60, 1, 60]])
    expect(result.sourceLineIndexes).toEqual([1])
  })

  it("adds a reduced unit when no whole unit fits the rest", () => {
    const three = refundable([{ unitPrice: 100, quantity: 3 }])
    expect(figures(allocateRefund(three, 120))).toEqual([
      [100, 1, 100],
      [20, 1, 20],
    ])
    expect(figures(allocateRefund(three, 30))).toEqual([[30, 1, 30]])
    expect(figures(allocateRefund(three, 0.01))).toEqual([[0.01, 1, 0.01]])
    expect(figures(allocateRefund(three, 299.99))).toEqual([
      [100, 2, 200],
      [99.99, 1, 99.99],
    ])
    expectSound(allocateRefund(three, 120), three)
  })

  it("refunds the fraction of a fractional quantity at a price that makes its total exact", () => {
    const kilos = refundable([
      { unitPrice: 100, quantity: 1.5, vatCode: "RUS_VAT10", measure: "кг", measureCode: "166" },
    ])
    const most = allocateRefund(kilos, 140)
    expect(figures(most)).toEqual([
      [100, 1, 100],
      [80, 0.5, 40],
    ])
    expect(most.items[1]).toMatchObject({ measure: "кг", measureCode: "166" })
    expectSound(most, kilos)
    expect(figures(allocateRefund(kilos, 40))).toEqual([[40, 1, 40]])

    const half = refundable([{ unitPrice: 100, quantity: 0.5 }])
    expect(figures(allocateRefund(half, 20))).toEqual([[40, 0.5, 20]])
    const odd = refundable([{ unitPrice: 100, quantity: 0.333 }]) // 33.30
    const oddResult = allocateRefund(odd, 33.29)
    expect(oddResult.amount).toBe(3329)
    expectSound(oddResult, odd)
  })

  it("keeps VAT exact for 22 % and _ADDED lines", () => {
    const added = refundable([{ unitPrice: 99.99, quantity: 3, vatCode: "RUS_VAT22_ADDED" }])
    const result = allocateRefund(added, 200)
    expect(result.items.every((item) => item.vatCode === "RUS_VAT22_ADDED")).toBe(true)
    expect(result.vatAmount).toBe(result.items.reduce((sum, item) => sum + toKopecks(item.totalVatAmount, "exact"), 0))
    expectSound(result, added)
  })

  it("stays within inconsistent refundable lines (after an earlier partial refund)", () => {
    // 3 × 100 paid, 1 × 100 + 1 × 50 refunded: 1 unit and 150.00 remain
    const left: BasketItem[] = [
      { ...order[0]!, quantity: 1, amount: 100, amountWoVat: 83.33, totalAmount: 150, totalVatAmount: 25 },
    ]
    expect(figures(allocateRefund(left, 150))).toEqual([[150, 1, 150]])
    expect(figures(allocateRefund(left, 120))).toEqual([[120, 1, 120]])
    expectSound(allocateRefund(left, 120), left)

    const twoLeft: BasketItem[] = [{ ...order[0]!, quantity: 2, amount: 100, totalAmount: 150, totalVatAmount: 25 }]
    expect(figures(allocateRefund(twoLeft, 150))).toEqual([[75, 2, 150]])
    expect(figures(allocateRefund(twoLeft, 120))).toEqual([
      [100, 1, 100],
      [20, 1, 20],
    ])
  })

  it("ignores lines with nothing left to refund", () => {
    const spent: BasketItem[] = [{ ...order[0]!, quantity: 0, totalAmount: 100 }, order[2]!]
    expect(refundableTotal(spent)).toBe(3000)
    const result = allocateRefund(spent, 30)
    expect(result.sourceLineIndexes).toEqual([1])
    expect(errorOf(() => allocateRefund(spent, 30.01)).code).toBe("refund_exceeds_refundable")
  })

  it("reads the amount from any MoneyInput", () => {
    expect(allocateRefund(order, { value: "150", precision: 20 }).amount).toBe(15000)
    expect(allocateRefund(order, "0.1").amount).toBe(10)
    expect(allocateRefund(order, 0.1 + 0.2).amount).toBe(30)
    expect(allocateRefund(order, "10.005").amount).toBe(1001)
    const exact = errorOf(() => allocateRefund(order, "10.005", { rounding: "exact" }))
    expect(exact.code).toBe("invalid_refund_amount")
    expect(exact.message).toContain("10.005")
  })

  it.each<[string, MoneyInput]>([
    ["zero", 0],
    ["negative", -5],
    ["half a kopeck rounding to zero", "0.004"],
    ["text", "сто"],
    ["NaN", NaN],
  ])("refuses a %s amount with invalid_refund_amount", (_label, amount) => {
    const error = errorOf(() => allocateRefund(order, amount))
    expect(error).toBeInstanceOf(RefundAllocationError)
    expect(error.code).toBe("invalid_refund_amount")
  })

  it("refuses more than is refundable, with both figures", () => {
    const error = errorOf(() => allocateRefund(order, 230.01))
    expect(error).toBeInstanceOf(RefundAllocationError)
    expect(error.code).toBe("refund_exceeds_refundable")
    expect(error.message).toBe("Refund amount 230.01 exceeds what is still refundable, 230.00")
  })

  it("refuses unreadable refundable lines, naming them", () => {
    const bad: BasketItem[] = [order[0]!, { ...order[1]!, totalAmount: 100.001 }]
    const error = errorOf(() => allocateRefund(bad, 10))
    expect(error.code).toBe("invalid_refundable_item")
    expect(error.message).toContain('Refundable line 1 (sku "SKU-1")')
    expect(error.message).toContain("100.001")
    const vat = errorOf(() => allocateRefund([{ ...order[0]!, vatCode: "X" as BasketItem["vatCode"] }], 10))
    expect(vat.code).toBe("invalid_refundable_item")
    expect(errorOf(() => allocateRefund([{ ...order[0]!, quantity: -1 }], 10)).code).toBe("invalid_refundable_item")
  })
})

describe("VAT left on a line", () => {
  it("gives back the line's remaining VAT when the whole line is refunded, so a line never refunds more VAT than was paid", () => {
    // 333.34 left after partial refunds; the VAT left on it is 60.12 (R4 allows it: 333.34 × 22/122 = 60.1105),
    // while recomputing would give 60.11
    const rest: BasketItem = {
      sku: "TEA-1",
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
    const whole = allocateRefund([rest], "333.34")
    expect(whole.items[0]!.totalVatAmount).toBe(60.12)
    expect(whole.vatAmount).toBe(6012)
    expect(checkOrderBasket({ amount: 333.34, vatAmount: 60.12, basketItems: whole.items })).toEqual([])
    // a part of the line still gets its VAT recomputed
    const part = allocateRefund([{ ...rest, quantity: 2, amount: 166.67, totalAmount: 333.34 }], "166.67")
    expect(part.items[0]!.totalVatAmount).toBe(30.06) // 166.67 × 22/122 = 30.0552
  })
})
