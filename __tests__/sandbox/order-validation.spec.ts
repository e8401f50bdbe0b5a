/**
 * The sandbox's own basket arithmetic (src/sandbox/order-validation.ts), called directly: number
 * reading, the one-kopeck bounds of R3/R4, every refusal's code, field and message.
 */
import type { BasketItem } from "../../src/invoicebox/types"
import { checkOrderArithmetic, toScaledInteger } from "../../src/sandbox/order-validation"
import { docsBasketItem } from "../helpers/orders"

describe("toScaledInteger", () => {
  it.each<[unknown, number, bigint]>([
    [1.5, 2, 150n],
    [-1.25, 2, -125n],
    [0, 2, 0n],
    [3, 3, 3000n],
    ["1.50", 2, 150n],
    ["-0.01", 2, -1n],
    ["  1.50\n", 2, 150n],
    ["1.5000", 2, 150n],
    ["10.100", 2, 1010n],
    ["7", 0, 7n],
  ])("reads %p at scale %p as %p", (value, scale, expected) => {
    expect(toScaledInteger(value, scale)).toBe(expected)
  })

  it.each<[number, number, bigint]>([
    [1e-7, 7, 1n],
    [1.5e-7, 8, 15n],
    [-2.5e-7, 8, -25n],
    [1e21, 0, 10n ** 21n],
    [1.5e21, 0, 15n * 10n ** 20n],
    [-1.25e22, 0, -125n * 10n ** 20n],
  ])("expands the exponent form of the number %p (scale %p) exactly", (value, scale, expected) => {
    expect(String(value)).toMatch(/e/)
    expect(toScaledInteger(value, scale)).toBe(expected)
  })

  it.each<[string, unknown, number]>([
    ["null", null, 2],
    ["undefined", undefined, 2],
    ["a boolean", true, 2],
    ["an object", { value: 1 }, 2],
    ["an array", [1], 2],
    ["a bigint", 10n, 2],
    ["NaN", NaN, 2],
    ["Infinity", Infinity, 2],
    ["an empty string", "", 2],
    ["a lone point", ".", 2],
    ["a trailing point", "1.", 2],
    ["a leading point", ".5", 2],
    ["text before the number", "x1.5", 2],
    ["text after the number", "1.5x", 2],
    ["an exponent string", "1e-7", 7],
    ["a comma decimal", "1,5", 2],
    ["too many decimals (number)", 1.005, 2],
    ["too many decimals (string)", "1.005", 2],
    ["a tiny number beyond the scale", 1e-7, 6],
  ])("refuses %s", (_label, value, scale) => {
    expect(toScaledInteger(value, scale)).toBeNull()
  })
})

/** One docs line: 3 × 123.96 = 371.88 at 20 %, VAT 61.98. */
function orderOf(items: BasketItem[], overrides: { amount?: number; vatAmount?: number } = {}) {
  const cents = (field: "totalAmount" | "totalVatAmount") =>
    items.reduce((sum, item) => sum + Math.round(item[field] * 100), 0) / 100
  return { amount: cents("totalAmount"), vatAmount: cents("totalVatAmount"), basketItems: items, ...overrides }
}

const line = (overrides: Partial<BasketItem> = {}) => docsBasketItem({ sku: "ROOM", ...overrides })
/** 1 × 120.00 at 20 %: exactly 100.00 without VAT and 20.00 VAT. */
const round = (overrides: Partial<BasketItem> = {}) =>
  line({ quantity: 1, amount: 120, amountWoVat: 100, totalAmount: 120, totalVatAmount: 20, ...overrides })

describe("checkOrderArithmetic", () => {
  it("accepts the docs' example and exact lines", () => {
    expect(checkOrderArithmetic(orderOf([line()]))).toBeNull()
    expect(checkOrderArithmetic(orderOf([round(), line({ sku: "B" })]))).toBeNull()
    const none = line({ vatCode: "VATNONE", amountWoVat: 123.96, totalVatAmount: 0 })
    expect(checkOrderArithmetic(orderOf([none]))).toBeNull()
  })

  it("R3 and R4 allow less than one kopeck of difference, not one kopeck", () => {
    // 120.00 at 20 %: amountWoVat 100.00 and VAT 20.00 exactly; 99.99 / 100.01 and 19.99 / 20.01 are one kopeck off
    for (const amountWoVat of [99.99, 100.01]) {
      expect(checkOrderArithmetic(orderOf([round({ amountWoVat })]))).toMatchObject({
        code: "wrong_basket_item_amount_wo_vat",
        field: "basketItems[0].amountWoVat",
      })
    }
    for (const totalVatAmount of [19.99, 20.01]) {
      expect(checkOrderArithmetic(orderOf([round({ totalVatAmount })]))).toMatchObject({
        code: "wrong_basket_item_total_vat_amount",
        field: "basketItems[0].totalVatAmount",
      })
    }
    // 123.96 at 20 % = 103.30 without VAT exactly; 333.34 at 22 % carries 60.1105 VAT: 60.11 and 60.12 are both < 1 kopeck off
    const tea = line({ quantity: 1, amount: 333.34, amountWoVat: 273.23, totalAmount: 333.34, vatCode: "RUS_VAT22" })
    expect(checkOrderArithmetic(orderOf([{ ...tea, totalVatAmount: 60.11 }]))).toBeNull()
    expect(checkOrderArithmetic(orderOf([{ ...tea, totalVatAmount: 60.12 }]))).toBeNull()
    expect(checkOrderArithmetic(orderOf([{ ...tea, totalVatAmount: 60.1 }]))?.code).toBe(
      "wrong_basket_item_total_vat_amount"
    )
  })

  it("without VAT (rate 0): amountWoVat must equal amount and the VAT must be zero", () => {
    const none = line({ vatCode: "VATNONE", amountWoVat: 123.96, totalVatAmount: 0 })
    expect(checkOrderArithmetic(orderOf([{ ...none, amountWoVat: 123.95 }]))).toEqual({
      code: "wrong_basket_item_amount_wo_vat",
      message: "basket item 0 (ROOM): amountWoVat 123.95 does not match amount 123.96 at 0 %",
      field: "basketItems[0].amountWoVat",
    })
    expect(checkOrderArithmetic(orderOf([{ ...none, totalVatAmount: 0.01 }]))).toEqual({
      code: "wrong_basket_item_total_vat_amount",
      message: "basket item 0 (ROOM): totalVatAmount 0.01 does not match totalAmount 371.88 at 0 %",
      field: "basketItems[0].totalVatAmount",
    })
    const zero = line({ vatCode: "RUS_VAT0", amountWoVat: 123.96, totalVatAmount: 0 })
    expect(checkOrderArithmetic(orderOf([{ ...zero, totalVatAmount: 0.01 }]))?.code).toBe(
      "wrong_basket_item_total_vat_amount"
    )
  })

  it("names the line, the field and both figures of a line that does not add up", () => {
    expect(checkOrderArithmetic(orderOf([line(), line({ sku: "X", totalAmount: 371.87 })]))).toEqual({
      code: "wrong_basket_item_total_amount",
      message: "basket item 1 (X): totalAmount 371.87 ≠ amount × quantity = 371.88",
      field: "basketItems[1].totalAmount",
    })
    expect(checkOrderArithmetic(orderOf([line({ amountWoVat: 103.32 })]))).toEqual({
      code: "wrong_basket_item_amount_wo_vat",
      message: "basket item 0 (ROOM): amountWoVat 103.32 does not match amount 123.96 at 20 %",
      field: "basketItems[0].amountWoVat",
    })
    expect(checkOrderArithmetic(orderOf([line({ totalVatAmount: 61.96 })]))).toEqual({
      code: "wrong_basket_item_total_vat_amount",
      message: "basket item 0 (ROOM): totalVatAmount 61.96 does not match totalAmount 371.88 at 20 %",
      field: "basketItems[0].totalVatAmount",
    })
  })

  it("R5 and R6: the order's totals against the lines, with both figures (cents padded, sign kept)", () => {
    expect(checkOrderArithmetic(orderOf([line()], { amount: 1.05 }))).toEqual({
      code: "wrong_total_amount",
      message: "amount 1.05 ≠ Σ totalAmount 371.88",
      field: "amount",
    })
    expect(checkOrderArithmetic(orderOf([line()], { amount: -0.5 }))).toEqual({
      code: "wrong_total_amount",
      message: "amount -0.50 ≠ Σ totalAmount 371.88",
      field: "amount",
    })
    expect(checkOrderArithmetic(orderOf([line()], { vatAmount: 61.9 }))).toEqual({
      code: "wrong_total_vat_amount",
      message: "vatAmount 61.90 ≠ Σ totalVatAmount 61.98",
      field: "vatAmount",
    })
    expect(checkOrderArithmetic(orderOf([line()], { vatAmount: 0 }))?.message).toBe(
      "vatAmount 0.00 ≠ Σ totalVatAmount 61.98"
    )
  })

  it("refuses order totals that are not money", () => {
    expect(checkOrderArithmetic(orderOf([line()], { amount: 371.885 }))).toEqual({
      code: "wrong_total_amount",
      message: "amount must be a number with at most 2 decimals",
      field: "amount",
    })
    expect(checkOrderArithmetic(orderOf([line()], { vatAmount: Number.NaN }))).toEqual({
      code: "wrong_total_vat_amount",
      message: "vatAmount must be a number with at most 2 decimals",
      field: "vatAmount",
    })
  })

  it("refuses an unknown VAT code with validation_error", () => {
    const item = line({ vatCode: "RUS_VAT18" as BasketItem["vatCode"] })
    expect(checkOrderArithmetic(orderOf([line(), item]))).toEqual({
      code: "validation_error",
      message: "basket item 1 (ROOM): unknown vatCode RUS_VAT18",
      field: "basketItems[1].vatCode",
    })
  })

  it("R1: quantity > 0 with at most 3 decimals", () => {
    for (const quantity of [0, -1, 0.0005, 1.0001, Number.NaN]) {
      expect(checkOrderArithmetic(orderOf([line({ quantity, totalAmount: 0, totalVatAmount: 0 })]))).toEqual({
        code: "wrong_basket_item_total_amount",
        message: "basket item 0 (ROOM): quantity must be > 0 with at most 3 decimals",
        field: "basketItems[0].quantity",
      })
    }
  })

  it.each<[string, Partial<BasketItem>]>([
    ["amount with 3 decimals", { amount: 123.961 }],
    ["totalAmount with 3 decimals", { totalAmount: 371.881 }],
    ["a negative amount", { amount: -123.96 }],
    ["a negative amount whose product rounds to 0", { amount: -0.01, quantity: 0.1, totalAmount: 0 }],
    ["a negative totalAmount", { amount: 0, totalAmount: -0.01 }],
  ])("R1: refuses %s with wrong_basket_item_total_amount", (_label, patch) => {
    expect(checkOrderArithmetic(orderOf([line(patch)]))).toEqual({
      code: "wrong_basket_item_total_amount",
      message: "basket item 0 (ROOM): amount and totalAmount must be ≥ 0 with at most 2 decimals",
      field: "basketItems[0].totalAmount",
    })
  })

  it.each<[string, number]>([
    ["3 decimals", 103.301],
    ["a negative value", -103.3],
  ])("R1: refuses amountWoVat with %s", (_label, amountWoVat) => {
    expect(checkOrderArithmetic(orderOf([line({ amountWoVat })]))).toEqual({
      code: "wrong_basket_item_amount_wo_vat",
      message: "basket item 0 (ROOM): amountWoVat must be ≥ 0 with at most 2 decimals",
      field: "basketItems[0].amountWoVat",
    })
  })

  it.each<[string, number]>([
    ["3 decimals", 61.981],
    ["a negative value", -61.98],
  ])("R1: refuses totalVatAmount with %s", (_label, totalVatAmount) => {
    expect(checkOrderArithmetic(orderOf([line({ totalVatAmount })], { vatAmount: 61.98 }))).toEqual({
      code: "wrong_basket_item_total_vat_amount",
      message: "basket item 0 (ROOM): totalVatAmount must be ≥ 0 with at most 2 decimals",
      field: "basketItems[0].totalVatAmount",
    })
  })

  it("reports the first problem, in line order", () => {
    const problem = checkOrderArithmetic(
      orderOf([line(), line({ sku: "B", amountWoVat: 1 }), line({ sku: "C", totalAmount: 1 })], { amount: 1 })
    )
    expect(problem).toMatchObject({ code: "wrong_basket_item_amount_wo_vat", field: "basketItems[1].amountWoVat" })
  })
})
