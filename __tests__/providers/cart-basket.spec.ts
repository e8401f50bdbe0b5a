import { BigNumber } from "@medusajs/framework/utils"

import { buildBasketForAmount } from "../../src/invoicebox/basket"
import { checkOrderBasket } from "../../src/invoicebox/basket-reconcile"
import { cartBasketLines, itemName, type CartLike } from "../../src/payment/cart-basket"
import { parseProviderOptions } from "../../src/payment/options"
import { DEMO_SHOP } from "../../src/invoicebox/types"

const options = parseProviderOptions({
  merchantId: DEMO_SHOP.merchantId,
  token: DEMO_SHOP.token,
  notificationKey: DEMO_SHOP.notificationKey,
})

// A cart as Medusa computes it: tax-inclusive prices, a 10 % promotion on items, 22 % and 10 % VAT.
const cart: CartLike = {
  id: "cart_1",
  items: [
    {
      id: "item_1",
      product_title: "Чай улун",
      variant_title: "100 г",
      variant_sku: "TEA-100",
      quantity: 3,
      unit_price: 450,
      total: new BigNumber(1215),
      tax_lines: [{ rate: 22 }],
    },
    {
      id: "item_2",
      product_title: "Мёд липовый",
      variant_title: "Default variant",
      variant_sku: "HONEY",
      quantity: 2,
      unit_price: 333.33,
      total: 599.99,
      tax_lines: [{ rate: 10 }],
      variant: { metadata: { invoicebox_measure: "кг", invoicebox_measure_code: "166" } },
    },
    {
      id: "item_3",
      title: "Мастер-класс по чаю",
      variant_sku: "CLASS",
      quantity: 1,
      unit_price: 1000,
      total: { value: "900", precision: 20 },
      tax_lines: [{ rate: 22 }],
      product: { metadata: { invoicebox_type: "service", invoicebox_payment_type: "full_payment" } },
    },
  ],
  shipping_methods: [{ id: "sm_1", name: "Курьер", total: 300, tax_lines: [{ rate: 22 }] }],
}
const CART_TOTAL = 1215 + 599.99 + 900 + 300

describe("cart → basket", () => {
  it("names the goods, maps tax lines to VAT codes and applies metadata overrides", () => {
    const lines = cartBasketLines(cart, options)
    expect(lines.map((l) => l.name)).toEqual([
      "Чай улун — 100 г",
      "Мёд липовый",
      "Мастер-класс по чаю",
      "Доставка: Курьер",
    ])
    expect(lines.map((l) => l.vatCode)).toEqual(["RUS_VAT22", "RUS_VAT10", "RUS_VAT22", "RUS_VAT22"])
    expect(lines[1]).toMatchObject({ measure: "кг", measureCode: "166" })
    expect(lines[2]).toMatchObject({ type: "service", paymentType: "full_payment" })
    expect(lines[3]).toMatchObject({ type: "service", sku: "shipping-sm_1" })
  })

  it("totals exactly what Medusa charges, splitting uneven discounts", () => {
    const basket = buildBasketForAmount(cartBasketLines(cart, options), CART_TOTAL)
    expect(basket.amount).toBe(Math.round(CART_TOTAL * 100))
    expect(
      checkOrderBasket({ amount: basket.amount / 100, vatAmount: basket.vatAmount / 100, basketItems: basket.items })
    ).toEqual([])
    // 599.99 over 2 kg does not divide: two lines, 300.00 + 299.99
    const honey = basket.items.filter((i) => i.sku === "HONEY")
    expect(honey.map((i) => [i.quantity, i.amount])).toEqual([
      [1, 300],
      [1, 299.99],
    ])
  })

  it("uses the _ADDED codes when vatCodeVariant says so, the store's own mapping first", () => {
    const added = parseProviderOptions({ ...options, vatCodeVariant: "added", vatMapping: { "10": "RUS_VAT10" } })
    expect(cartBasketLines(cart, added).map((l) => l.vatCode)).toEqual([
      "RUS_VAT22_ADDED",
      "RUS_VAT10",
      "RUS_VAT22_ADDED",
      "RUS_VAT22_ADDED",
    ])
    // only the codes change: the same amounts
    const plain = buildBasketForAmount(cartBasketLines(cart, options), CART_TOTAL)
    const withAdded = buildBasketForAmount(cartBasketLines(cart, added), CART_TOTAL)
    expect(withAdded.amount).toBe(plain.amount)
    expect(withAdded.vatAmount).toBe(plain.vatAmount)
    expect(withAdded.items.map((i) => [i.totalAmount, i.totalVatAmount])).toEqual(
      plain.items.map((i) => [i.totalAmount, i.totalVatAmount])
    )
  })

  it("falls back to the default VAT code without tax lines and rejects a bad override", () => {
    const noTax: CartLike = { id: "c", items: [{ ...cart.items![0]!, tax_lines: [] }] }
    expect(cartBasketLines(noTax, options)[0]!.vatCode).toBe("VATNONE")
    const bad: CartLike = {
      id: "c",
      items: [{ ...cart.items![0]!, variant: { metadata: { invoicebox_vat_code: "VAT18" } } }],
    }
    expect(() => cartBasketLines(bad, options)).toThrow(/VAT18/)
    expect(() => cartBasketLines({ id: "empty", items: [] }, options)).toThrow(/no items/)
  })

  it("builds receipt names from product and variant", () => {
    expect(
      itemName({ id: "x", product_title: "Кружка", variant_title: "Кружка", quantity: 1, unit_price: 1, total: 1 })
    ).toBe("Кружка")
    expect(itemName({ id: "x", title: "Подарок", quantity: 1, unit_price: 1, total: 1 })).toBe("Подарок")
  })
})

describe("order tax lines (Medusa BigNumber rates)", () => {
  it("reads an order tax line's BigNumber rate as the number it stands for", () => {
    const item = { id: "ordli_1", product_title: "Чай", quantity: 1, unit_price: 450, total: 450 }
    const [line] = cartBasketLines(
      { id: "order_1", items: [{ ...item, tax_lines: [{ rate: new BigNumber(22) }] }] },
      options
    )
    expect(line!.vatCode).toBe("RUS_VAT22")
  })
})
