/**
 * A line refunded whole gives back exactly the VAT still on it — also when it is not the last
 * refundable line, i.e. when the refund is partial for the order but whole for the line.
 */
import { checkOrderBasket } from "../../src/invoicebox/basket-reconcile"
import { kopecksToMajor } from "../../src/invoicebox/money"
import { allocateRefund } from "../../src/invoicebox/refund-allocation"
import type { BasketItem } from "../../src/invoicebox/types"
import { vatOfGross } from "../../src/invoicebox/vat"

// 333.34 left on the line after earlier refunds, with 60.12 VAT still on it: R4 allows it
// (333.34 × 22/122 = 60.1105), but recomputing the VAT would give 60.11
const tea: BasketItem = {
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
const honey: BasketItem = {
  sku: "HONEY",
  name: "Мёд",
  measure: "шт",
  measureCode: "796",
  quantity: 2,
  amount: 100,
  amountWoVat: 83.33,
  totalAmount: 200,
  totalVatAmount: 33.33,
  vatCode: "RUS_VAT20",
  type: "commodity",
  paymentType: "full_prepayment",
}

describe("a whole line refunded while other lines remain refundable", () => {
  it("gives back the line's entire remaining VAT, to the kopeck", () => {
    expect(vatOfGross(33334, "RUS_VAT22")).toBe(6011) // what a recomputation would give
    const result = allocateRefund([tea, honey], "333.34")
    expect(result.sourceLineIndexes).toEqual([0])
    expect(result.items).toHaveLength(1)
    expect(result.items[0]).toMatchObject({ sku: "TEA-1", quantity: 1, amount: 333.34, totalAmount: 333.34 })
    expect(result.items[0]!.totalVatAmount).toBe(60.12)
    expect(result.vatAmount).toBe(6012)
    expect(
      checkOrderBasket({ amount: 333.34, vatAmount: kopecksToMajor(result.vatAmount), basketItems: result.items })
    ).toEqual([])
  })

  it("does the same for a whole line followed by a part of the next one", () => {
    const result = allocateRefund([tea, honey], "433.34")
    expect(result.sourceLineIndexes).toEqual([0, 1])
    expect(result.items[0]!.totalVatAmount).toBe(60.12)
    expect(result.items[1]).toMatchObject({ sku: "HONEY", quantity: 1, totalAmount: 100, totalVatAmount: 16.67 })
    expect(result.vatAmount).toBe(6012 + 1667)
  })

  it("a whole line in the middle gives back its remaining VAT too", () => {
    const result = allocateRefund([honey, tea, honey], "533.34")
    expect(result.sourceLineIndexes).toEqual([0, 1])
    expect(result.items.map((item) => item.totalVatAmount)).toEqual([33.33, 60.12])
    expect(result.vatAmount).toBe(3333 + 6012)
  })
})
