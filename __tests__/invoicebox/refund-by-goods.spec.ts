import { buildBasket, type BasketLineInput } from "../../src/invoicebox/basket"
import { checkOrderBasket } from "../../src/invoicebox/basket-reconcile"
import { kopecksToMajor } from "../../src/invoicebox/money"
import { refundBasketForGoods } from "../../src/invoicebox/refund-by-goods"

const line = (overrides: Partial<BasketLineInput>): BasketLineInput => ({
  sku: "TEA",
  name: "Чай улун, 100 г",
  unitPrice: 450,
  quantity: 1,
  vatCode: "RUS_VAT20",
  ...overrides,
})

// tea 2 × 450, samovar 1 × 5 000, delivery 300
const order = buildBasket([
  line({ sku: "TEA", quantity: 2 }),
  line({ sku: "SAMOVAR", name: "Самовар", unitPrice: 5000, vatCode: "RUS_VAT10" }),
  line({ sku: "shipping-sm_1", name: "Доставка", unitPrice: 300, type: "service" }),
]).items

const skus = (items: Array<{ sku: string; quantity: number }>) => items.map((item) => [item.sku, item.quantity])
const valid = (refund: ReturnType<typeof refundBasketForGoods>) =>
  checkOrderBasket({
    amount: kopecksToMajor(refund.amount),
    vatAmount: kopecksToMajor(refund.vatAmount),
    basketItems: refund.items,
  })

describe("refundBasketForGoods", () => {
  it("a refund of exactly the returned goods' worth names only them, with their own VAT", () => {
    const refund = refundBasketForGoods(order, [{ sku: "SAMOVAR", quantity: 1 }], 5000)
    expect(refund.basis).toBe("goods")
    expect(skus(refund.items)).toEqual([["SAMOVAR", 1]])
    expect(refund.items[0]).toMatchObject({ vatCode: "RUS_VAT10", totalVatAmount: 454.55 })
    expect(valid(refund)).toEqual([])
  })

  it("the goods' worth plus the delivery refunds the delivery line too", () => {
    const refund = refundBasketForGoods(order, [{ sku: "TEA", quantity: 1 }], 750)
    expect(refund.basis).toBe("goods_and_shipping")
    expect(skus(refund.items)).toEqual([
      ["TEA", 1],
      ["shipping-sm_1", 1],
    ])
  })

  it("less than the goods' worth (a return fee kept) stays within the returned goods' lines", () => {
    const refund = refundBasketForGoods(order, [{ sku: "TEA", quantity: 2 }], 800)
    expect(refund.basis).toBe("within_goods")
    expect(refund.items.every((item) => item.sku === "TEA")).toBe(true)
    expect(refund.amount).toBe(80_000)
    expect(valid(refund)).toEqual([])
  })

  it("more than the goods and the delivery, or goods not on the order: spread over every line as before", () => {
    const more = refundBasketForGoods(order, [{ sku: "TEA", quantity: 1 }], 1000)
    expect(more.basis).toBe("by_amount")
    expect(more.amount).toBe(100_000)
    const unknown = refundBasketForGoods(order, [{ sku: "KETTLE", quantity: 1 }], 450)
    expect(unknown.basis).toBe("by_amount")
    expect(unknown.amount).toBe(45_000)
  })
})
