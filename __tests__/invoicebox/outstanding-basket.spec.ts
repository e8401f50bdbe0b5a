import { buildBasketForAmount, type BasketLineInput } from "../../src/invoicebox/basket"
import { outstandingBasketLines } from "../../src/invoicebox/outstanding-basket"

const line = (sku: string, name: string, unitPrice: number, quantity: number, vatCode: "RUS_VAT22" | "RUS_VAT10") =>
  ({ sku, name, unitPrice, quantity, grossTotal: unitPrice * quantity, vatCode }) satisfies BasketLineInput
const tea = line("TEA-100", "Чай улун — 100 г", 450, 2, "RUS_VAT22")
const honey = line("HONEY-1KG", "Мёд липовый — 1 кг", 333.33, 1, "RUS_VAT10")
const cartDelivery = line("shipping-casm_1", "Доставка: Курьер", 300, 1, "RUS_VAT22")
const orderDelivery = { ...cartDelivery, sku: "shipping-ordsm_1" }
const fallback: BasketLineInput = {
  sku: "surcharge-7",
  name: "Доплата по заказу №7",
  unitPrice: 0,
  quantity: 1,
  vatCode: "VATNONE",
}

describe("outstandingBasketLines", () => {
  it("names exactly the goods added after the paid basket (the delivery matched by name and total)", () => {
    const paid = buildBasketForAmount([tea, cartDelivery], 1200).items
    const order = buildBasketForAmount([tea, honey, orderDelivery], 1533.33).items
    const result = outstandingBasketLines(order, [paid], 333.33, { ...fallback, unitPrice: 333.33 })
    expect(result.itemized).toBe(true)
    expect(result.lines).toEqual([
      expect.objectContaining({ sku: "HONEY-1KG", name: "Мёд липовый — 1 кг", quantity: 1 }),
    ])
    expect(buildBasketForAmount(result.lines, 333.33).items[0]!.vatCode).toBe("RUS_VAT10")
  })

  it("a quantity added to a paid line: the added units only", () => {
    const paid = buildBasketForAmount([tea], 900).items
    const order = buildBasketForAmount([{ ...tea, quantity: 3, grossTotal: 1350 }], 1350).items
    const result = outstandingBasketLines(order, [paid], 450, { ...fallback, unitPrice: 450 })
    expect(result).toMatchObject({ itemized: true, lines: [expect.objectContaining({ sku: "TEA-100", quantity: 1 })] })
  })

  it("one line for the amount when the goods do not add up to it, or paid goods left the order", () => {
    const paid = buildBasketForAmount([tea], 900).items
    const order = buildBasketForAmount([tea, honey], 1233.33).items
    const short = outstandingBasketLines(order, [paid], 100, { ...fallback, unitPrice: 100 })
    expect(short).toMatchObject({ itemized: false, lines: [expect.objectContaining({ name: "Доплата по заказу №7" })] })
    expect(short.reason).toContain("333.33")
    const removed = outstandingBasketLines(buildBasketForAmount([honey], 333.33).items, [paid], 333.33, fallback)
    expect(removed.itemized).toBe(false)
  })
})
