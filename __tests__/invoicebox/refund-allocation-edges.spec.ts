/** Refund allocation: VAT at the one-kopeck bounds, split lines, and what it says about unreadable input. */
import { checkOrderBasket } from "../../src/invoicebox/basket-reconcile"
import { InvoiceboxError } from "../../src/invoicebox/errors"
import { kopecksToMajor } from "../../src/invoicebox/money"
import { RefundAllocationError, allocateRefund, type RefundAllocation } from "../../src/invoicebox/refund-allocation"
import type { BasketItem } from "../../src/invoicebox/types"
import { errorOf } from "../helpers/errors"
import { docsBasketItem } from "../helpers/orders"

const line = (sku: string, overrides: Partial<BasketItem> = {}): BasketItem => docsBasketItem({ sku, ...overrides })
/** the docs' line: 3 × 123.96 = 371.88 at 20 %, VAT 61.98 */
const other = line("OTHER")

const rows = (result: RefundAllocation) =>
  result.items.map((item) => [item.amount, item.quantity, item.totalAmount, item.totalVatAmount])

function expectValid(result: RefundAllocation): void {
  expect(
    checkOrderBasket({
      amount: kopecksToMajor(result.amount),
      vatAmount: kopecksToMajor(result.vatAmount),
      basketItems: result.items,
    })
  ).toEqual([])
}

describe("VAT of a line refunded whole", () => {
  it("recomputes the VAT when the VAT left is one whole kopeck off (R4 would refuse it)", () => {
    // 120.00 at 20 % carries exactly 20.00 VAT; 20.01 left on the line is one kopeck too much
    const offByOne = line("A", { quantity: 1, amount: 120, amountWoVat: 100, totalAmount: 120, totalVatAmount: 20.01 })
    const alone = allocateRefund([offByOne], "120")
    expect(rows(alone)).toEqual([[120, 1, 120, 20]])
    expectValid(alone)
    const withOthers = allocateRefund([offByOne, other], "120")
    expect(rows(withOthers)).toEqual([[120, 1, 120, 20]])
    expectValid(withOthers)
  })

  it("gives no VAT back on a line without VAT, whatever VAT the line claims", () => {
    const none = line("N", { vatCode: "VATNONE", amountWoVat: 123.96, totalVatAmount: 0.01 })
    const result = allocateRefund([none, other], "371.88")
    expect(result.items).toHaveLength(1)
    expect(result.items[0]!.totalVatAmount).toBe(0)
    expect(result.vatAmount).toBe(0)
    expectValid(result)
  })

  it("spreads a split line's remaining VAT: the parts recomputed, the last part gets the rest", () => {
    // 150.03 left on 2 units (an earlier partial refund), 25.01 VAT left (exact: 25.005)
    const split = line("S", {
      quantity: 2,
      amount: 100,
      amountWoVat: 83.33,
      totalAmount: 150.03,
      totalVatAmount: 25.01,
    })
    const result = allocateRefund([split, other], "150.03")
    expect(rows(result)).toEqual([
      [75.02, 1, 75.02, 12.5],
      [75.01, 1, 75.01, 12.51],
    ])
    expect(result.vatAmount).toBe(2501)
    expectValid(result)
  })
})

describe("VAT of a part of a line", () => {
  it("is recomputed even when the line's VAT would be within a kopeck of it", () => {
    // 1.00 at 20 % with 0.17 VAT; 0.98 of it carries 0.1633 → 0.16 (0.17 would also pass R4)
    const small = line("P", { quantity: 1, amount: 1, amountWoVat: 0.83, totalAmount: 1, totalVatAmount: 0.17 })
    const result = allocateRefund([small], "0.98")
    expect(rows(result)).toEqual([[0.98, 1, 0.98, 0.16]])
    expect(result.vatAmount).toBe(16)
  })

  it("never takes more whole units than the line has", () => {
    // 1.5 kg at 50.00 with 150.00 left (inconsistent after a correction): 1 whole unit, then the 0.5 at a fitting price
    const kilos = line("K", { quantity: 1.5, amount: 50, amountWoVat: 41.67, totalAmount: 150, totalVatAmount: 25 })
    const result = allocateRefund([kilos, other], "120")
    expect(rows(result)).toEqual([
      [50, 1, 50, 8.33],
      [140, 0.5, 70, 11.67],
    ])
    expect(result.sourceLineIndexes).toEqual([0, 0])
    expectValid(result)
  })
})

describe("unreadable input", () => {
  it.each<[string, unknown]>([
    ["null", null],
    ["a string", "SKU-1"],
    ["a number", 7],
  ])("refuses a refundable line that is %s", (_label, item) => {
    const error = errorOf(() => allocateRefund([item as BasketItem], 10))
    expect(error).toBeInstanceOf(RefundAllocationError)
    expect(error.code).toBe("invalid_refundable_item")
    expect(error.message).toBe("Refundable line 0: is not a BasketItem object")
  })

  it("names the line by index, and by sku when it has one", () => {
    const noSku = { ...other, sku: undefined, vatCode: "RUS_VAT18" } as unknown as BasketItem
    expect(errorOf(() => allocateRefund([other, noSku], 10)).message).toBe(
      "Refundable line 1: sku must be a non-empty string"
    )
    const badVat = { ...other, vatCode: 18 } as unknown as BasketItem
    expect(errorOf(() => allocateRefund([badVat], 10)).message).toBe(
      'Refundable line 0 (sku "OTHER"): vatCode 18 is not an InvoiceBox VAT code'
    )
  })

  it.each<[string, Partial<BasketItem>, string]>([
    ["a negative amount", { amount: -123.96 }, 'Refundable line 0 (sku "OTHER"): amount -123.96 is negative'],
    ["a negative totalAmount", { totalAmount: -1 }, 'Refundable line 0 (sku "OTHER"): totalAmount -1 is negative'],
  ])("refuses %s", (_label, patch, message) => {
    const error = errorOf(() => allocateRefund([{ ...other, ...patch }], 10))
    expect(error.code).toBe("invalid_refundable_item")
    expect(error.message).toBe(message)
  })

  it("refuses a totalVatAmount with sub-kopeck digits, naming the field and keeping the cause", () => {
    const error = errorOf(() => allocateRefund([{ ...other, totalVatAmount: 61.985 }], 10))
    expect(error.code).toBe("invalid_refundable_item")
    expect(error.message).toMatch(/^Refundable line 0 \(sku "OTHER"\): .*totalVatAmount/)
    expect(error.message).toContain("61.985")
    expect(error.cause).toBeInstanceOf(InvoiceboxError)
    expect((error.cause as Error).message).toBe(error.message.replace('Refundable line 0 (sku "OTHER"): ', ""))
  })

  it("keeps the cause of an unreadable amount of a line", () => {
    const error = errorOf(() => allocateRefund([{ ...other, amount: 123.965 }], 10))
    expect(error.cause).toBeInstanceOf(InvoiceboxError)
    expect(error.message).toContain("123.965")
  })

  it("refuses refundable items that are not an array", () => {
    const error = errorOf(() => allocateRefund("[]" as unknown as BasketItem[], 10))
    expect(error).toBeInstanceOf(RefundAllocationError)
    expect(error.code).toBe("invalid_refundable_item")
    expect(error.message).toBe("The refundable basket items must be an array")
  })

  it("explains an unreadable or non-positive refund amount, keeping the cause", () => {
    const text = errorOf(() => allocateRefund([other], "сто"))
    expect(text.code).toBe("invalid_refund_amount")
    expect(text.message).toContain("refund amount")
    expect(text.cause).toBeInstanceOf(InvoiceboxError)
    expect((text.cause as Error).message).toBe(text.message)
    expect(errorOf(() => allocateRefund([other], 0)).message).toBe("Refund amount 0.00 must be greater than 0")
    expect(errorOf(() => allocateRefund([other], "-1.5")).message).toBe("Refund amount -1.50 must be greater than 0")
  })
})

describe("excise of refunded lines", () => {
  // the docs' line (3 × 123.96) with 25.50 of excise in it (8.50 a unit)
  const excised = line("SHOES", { excise: 25.5, type: 1, categoryType: "honestSign", category: "shoes" })

  it("a part of a line refunds its share of the excise, not the whole of it", () => {
    const result = allocateRefund([excised], 123.96)
    expect(result.items).toEqual([expect.objectContaining({ quantity: 1, totalAmount: 123.96, excise: 8.5 })])
    expectValid(result)
  })

  it("a line refunded whole refunds its whole excise, and a line without one gets none", () => {
    const result = allocateRefund([excised, other], 371.88 * 2)
    expect(result.items.map((item) => [item.sku, item.excise])).toEqual([
      ["SHOES", 25.5],
      ["OTHER", undefined],
    ])
  })
})
