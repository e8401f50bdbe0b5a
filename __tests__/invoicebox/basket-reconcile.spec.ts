import {
  BasketReconciliationError,
  assertOrderBasket,
  checkOrderBasket,
  type BasketProblem,
  type OrderBasketInput,
} from "../../src/invoicebox/basket-reconcile"
import { InvoiceboxError } from "../../src/invoicebox/errors"
import type { BasketItem } from "../../src/invoicebox/types"
import { docsBasketItem } from "../helpers/orders"

function order(items: BasketItem[], amount = 371.88, vatAmount = 61.98): OrderBasketInput {
  return { amount, vatAmount, basketItems: items }
}

function codes(problems: BasketProblem[]): string[] {
  return problems.map((problem) => problem.code)
}

describe("checkOrderBasket", () => {
  it("accepts the docs' example order", () => {
    expect(checkOrderBasket(order([docsBasketItem()]))).toEqual([])
  })

  it("R2: totalAmount must be half-up(amount × quantity)", () => {
    const problems = checkOrderBasket(order([docsBasketItem({ totalAmount: 371.87 })], 371.87))
    expect(problems).toEqual([
      {
        code: "wrong_basket_item_total_amount",
        lineIndex: 0,
        sku: "5fe0adcfa7fb4",
        name: "Бронирование номера",
        expected: "371.88",
        actual: "371.87",
        message:
          'line 0 (sku "5fe0adcfa7fb4", "Бронирование номера"): totalAmount 371.87 ≠ amount 123.96 × quantity 3 = 371.88 (rounded half-up to the kopeck)',
      },
    ])
  })

  it("R2 rounds a fractional product half-up", () => {
    const kilo = docsBasketItem({
      vatCode: "VATNONE",
      quantity: 1.5,
      amount: 33.33,
      amountWoVat: 33.33,
      totalAmount: 50,
      totalVatAmount: 0,
    })
    expect(checkOrderBasket(order([kilo], 50, 0))).toEqual([])
    const truncated = { ...kilo, totalAmount: 49.99 }
    expect(codes(checkOrderBasket(order([truncated], 49.99, 0)))).toEqual(["wrong_basket_item_total_amount"])
  })

  it("R3: amountWoVat must be strictly within one kopeck of amount × 100/(100+r)", () => {
    // 1.00 at 20 %: exact 0.8333…; both 0.83 and 0.84 are within a kopeck
    const base = { quantity: 1, amount: 1, totalAmount: 1, totalVatAmount: 0.17 } as const
    expect(checkOrderBasket(order([docsBasketItem({ ...base, amountWoVat: 0.83 })], 1, 0.17))).toEqual([])
    expect(checkOrderBasket(order([docsBasketItem({ ...base, amountWoVat: 0.84 })], 1, 0.17))).toEqual([])
    const off = checkOrderBasket(order([docsBasketItem({ ...base, amountWoVat: 0.82 })], 1, 0.17))
    expect(off).toHaveLength(1)
    expect(off[0]).toMatchObject({ code: "wrong_basket_item_amount_wo_vat", expected: "0.83", actual: "0.82" })
    expect(off[0]?.message).toContain("not within 0.01 of amount 1.00 × 100/120")

    // 123.96 × 100/120 = 103.3 exactly: 103.31 is exactly one kopeck off, which is not < 0.01
    expect(codes(checkOrderBasket(order([docsBasketItem({ amountWoVat: 103.31 })])))).toEqual([
      "wrong_basket_item_amount_wo_vat",
    ])
    expect(codes(checkOrderBasket(order([docsBasketItem({ amountWoVat: 103.29 })])))).toEqual([
      "wrong_basket_item_amount_wo_vat",
    ])
  })

  it("R3/R4 with rate 0: amountWoVat = amount and no VAT", () => {
    for (const vatCode of ["VATNONE", "RUS_VAT0"] as const) {
      const item = docsBasketItem({ vatCode, amountWoVat: 123.96, totalVatAmount: 0 })
      expect(checkOrderBasket(order([item], 371.88, 0))).toEqual([])
      const woVat = checkOrderBasket(order([{ ...item, amountWoVat: 123.95 }], 371.88, 0))
      expect(codes(woVat)).toEqual(["wrong_basket_item_amount_wo_vat"])
      expect(woVat[0]?.message).toContain(`must equal amount 123.96 for ${vatCode}`)
      const vat = checkOrderBasket(order([{ ...item, totalVatAmount: 0.01 }], 371.88, 0.01))
      expect(codes(vat)).toEqual(["wrong_basket_item_total_vat_amount"])
      expect(vat[0]).toMatchObject({ expected: "0.00", actual: "0.01" })
    }
  })

  it("R4: totalVatAmount within one kopeck of totalAmount × r/(100+r), 22 % and _ADDED alike", () => {
    // 1000 × 22/122 = 180.327…: 180.33 and 180.32 pass, 180.34 does not
    const line = (totalVatAmount: number): BasketItem =>
      docsBasketItem({
        vatCode: "RUS_VAT22_ADDED",
        quantity: 1,
        amount: 1000,
        amountWoVat: 819.67,
        totalAmount: 1000,
        totalVatAmount,
      })
    expect(checkOrderBasket(order([line(180.33)], 1000, 180.33))).toEqual([])
    expect(checkOrderBasket(order([line(180.32)], 1000, 180.32))).toEqual([])
    const problems = checkOrderBasket(order([line(180.34)], 1000, 180.34))
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({
      code: "wrong_basket_item_total_vat_amount",
      expected: "180.33",
      actual: "180.34",
    })
    expect(problems[0]?.message).toContain("× 22/122")
  })

  it("R5/R6: order amount and vatAmount equal the sums exactly", () => {
    const items = [docsBasketItem(), docsBasketItem({ sku: "x2" })]
    expect(checkOrderBasket(order(items, 743.76, 123.96))).toEqual([])
    const amount = checkOrderBasket(order(items, 743.75, 123.96))
    expect(amount).toEqual([
      {
        code: "wrong_total_amount",
        expected: "743.76",
        actual: "743.75",
        message: "order amount 743.75 ≠ Σ totalAmount of the lines 743.76",
      },
    ])
    expect(codes(checkOrderBasket(order(items, 743.76, 123.97)))).toEqual(["wrong_total_vat_amount"])
  })

  it("compares exactly even where float sums drift", () => {
    const dime = (sku: string): BasketItem =>
      docsBasketItem({
        sku,
        vatCode: "VATNONE",
        quantity: 1,
        amount: 0.1,
        amountWoVat: 0.1,
        totalAmount: 0.1,
        totalVatAmount: 0,
      })
    const items = [dime("a"), dime("b"), dime("c")]
    expect(0.1 + 0.1 + 0.1).not.toBe(0.3)
    expect(checkOrderBasket(order(items, 0.3, 0))).toEqual([])
    // a float-summed amount carries more than 2 decimals and is refused (R1)
    const drift = checkOrderBasket(order(items, 0.1 + 0.1 + 0.1, 0))
    expect(codes(drift)).toEqual(["wrong_total_amount"])
    expect(drift[0]?.message).toContain("0.30000000000000004")
  })

  it("R1: money with more than 2 decimals and bad quantities are reported under the field's rule", () => {
    const problems = checkOrderBasket(
      order(
        [
          docsBasketItem({ amount: 123.955, quantity: 0 }),
          docsBasketItem({ sku: "b", quantity: 1.0005, amountWoVat: 103.301, totalVatAmount: 61.981 }),
        ],
        371.885
      )
    )
    expect(problems.map((p) => [p.code, p.lineIndex])).toEqual([
      ["wrong_basket_item_total_amount", 0],
      ["wrong_basket_item_total_amount", 0],
      ["wrong_basket_item_total_amount", 1],
      ["wrong_basket_item_amount_wo_vat", 1],
      ["wrong_basket_item_total_vat_amount", 1],
      ["wrong_total_amount", undefined],
    ])
    expect(problems[0]?.message).toContain("quantity 0")
    expect(problems[1]?.message).toContain("amount 123.955")
    expect(problems[2]?.message).toContain("3 decimal")
  })

  it("reports negative money, unknown VAT codes, non-objects and an empty basket", () => {
    expect(codes(checkOrderBasket(order([docsBasketItem({ amount: -123.96 })])))).toEqual([
      "wrong_basket_item_total_amount",
    ])
    const vat = checkOrderBasket(order([docsBasketItem({ vatCode: "RUS_VAT18" as BasketItem["vatCode"] })]))
    expect(vat).toMatchObject([{ code: "invalid_basket_item", lineIndex: 0, actual: "RUS_VAT18" }])
    const notObject = checkOrderBasket({ amount: 0, vatAmount: 0, basketItems: [null as unknown as BasketItem] })
    expect(codes(notObject)).toEqual(["invalid_basket_item"])
    expect(codes(checkOrderBasket({ amount: 0, vatAmount: 0, basketItems: [] }))).toEqual(["invalid_basket"])
    const wrongTypes = checkOrderBasket(
      order([docsBasketItem({ totalAmount: "371.88" as unknown as number, quantity: undefined as unknown as number })])
    )
    expect(wrongTypes[0]?.message).toContain("quantity (missing) is not a number")
  })

  it("accepts decimal text on the wire", () => {
    expect(checkOrderBasket({ amount: "371.88", vatAmount: "61.98", basketItems: [docsBasketItem()] })).toEqual([])
  })
})

describe("assertOrderBasket", () => {
  it("passes a correct basket", () => {
    expect(() => assertOrderBasket(order([docsBasketItem()]))).not.toThrow()
  })

  it("throws a BasketReconciliationError naming the line and the numbers", () => {
    let caught: unknown
    try {
      assertOrderBasket(
        order([docsBasketItem(), docsBasketItem({ sku: "ROOM-2", name: "Завтрак", totalAmount: 300 })], 671.88)
      )
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(BasketReconciliationError)
    expect(caught).toBeInstanceOf(InvoiceboxError)
    const error = caught as BasketReconciliationError
    expect(error.name).toBe("BasketReconciliationError")
    expect(error.code).toBe("wrong_basket_item_total_amount")
    expect(error.message).toBe(
      'Basket does not add up: line 1 (sku "ROOM-2", "Завтрак"): totalAmount 300.00 ≠ amount 123.96 × quantity 3 = 371.88 (rounded half-up to the kopeck); ' +
        'line 1 (sku "ROOM-2", "Завтрак"): totalVatAmount 61.98 is not within 0.01 of totalAmount 300.00 × 20/120 (≈ 50.00) for RUS_VAT20; ' +
        "order vatAmount 61.98 ≠ Σ totalVatAmount of the lines 123.96"
    )
    expect(error.problems).toHaveLength(3)
  })

  it("summarises long lists of problems", () => {
    const items = Array.from({ length: 8 }, (_, i) => docsBasketItem({ sku: `S${i}`, totalAmount: 1 }))
    try {
      assertOrderBasket(order(items, 8, 495.84))
      throw new Error("expected a BasketReconciliationError")
    } catch (error) {
      expect(error).toBeInstanceOf(BasketReconciliationError)
      const reconciliation = error as BasketReconciliationError
      expect(reconciliation.problems.length).toBeGreaterThan(5)
      expect(reconciliation.message).toContain(`; and ${reconciliation.problems.length - 5} more`)
    }
  })
})
