import fc from "fast-check"

import { buildBasket, type BasketLineInput } from "../../src/invoicebox/basket"
import { checkOrderBasket } from "../../src/invoicebox/basket-reconcile"
import { toKopecks, toQuantity } from "../../src/invoicebox/money"
import { planShipment, type ShipmentPlan } from "../../src/invoicebox/shipment-plan"
import type { BasketItem } from "../../src/invoicebox/types"

const line = (overrides: Partial<BasketLineInput>): BasketLineInput => ({
  sku: "TEA",
  name: "Чай зелёный, 100 г",
  unitPrice: 450,
  quantity: 1,
  vatCode: "RUS_VAT20",
  ...overrides,
})

/** tea 3 × 450, a mug 2 × 333.33 with a 0.01 discount, delivery 300 */
const basket = buildBasket([
  line({ sku: "TEA", quantity: 3 }),
  line({ sku: "MUG", name: "Кружка", unitPrice: 333.33, quantity: 2, discount: 0.01 }),
  line({ sku: "shipping-sm_1", name: "Доставка курьером", unitPrice: 300, type: "service" }),
]).items

const sum = (items: BasketItem[], field: "totalAmount" | "totalVatAmount") =>
  items.reduce((total, item) => total + toKopecks(item[field]), 0)
const quantityOf = (items: BasketItem[], sku: string) =>
  items.filter((item) => item.sku === sku).reduce((total, item) => total + toQuantity(item.quantity), 0)
const valid = (plan: ShipmentPlan) =>
  checkOrderBasket({
    amount: sum(plan.basketItems, "totalAmount") / 100,
    vatAmount: sum(plan.basketItems, "totalVatAmount") / 100,
    basketItems: plan.basketItems,
  })

describe("planShipment", () => {
  it("two deliveries: the first lists its goods and the delivery line, the second the rest and is final", () => {
    const first = planShipment({
      basket,
      shipped: [],
      goods: [{ sku: "TEA", quantity: 2 }],
      shippingLine: "first",
    })!
    expect(first.final).toBe(false)
    expect(first.basketItems.map((item) => [item.sku, item.quantity])).toEqual([
      ["TEA", 2],
      ["shipping-sm_1", 1],
    ])
    expect(valid(first)).toEqual([])

    const second = planShipment({
      basket,
      shipped: [first],
      goods: [
        { sku: "TEA", quantity: 1 },
        { sku: "MUG", quantity: 2 },
      ],
      shippingLine: "first",
    })!
    expect(second.final).toBe(true)
    expect(second.basketItems.some((item) => item.sku.startsWith("shipping-"))).toBe(false)
    // together exactly the order's basket: money, VAT and quantities
    const all = [...first.basketItems, ...second.basketItems]
    expect(sum(all, "totalAmount")).toBe(sum(basket, "totalAmount"))
    expect(sum(all, "totalVatAmount")).toBe(sum(basket, "totalVatAmount"))
    for (const sku of ["TEA", "MUG", "shipping-sm_1"]) expect(quantityOf(all, sku)).toBe(quantityOf(basket, sku))
    // nothing is left: a third delivery lists nothing
    expect(
      planShipment({ basket, shipped: [first, second], goods: [{ sku: "TEA", quantity: 1 }], shippingLine: "first" })
    ).toBeNull()
  })

  it("with shippingLine final the delivery line waits for the shipment that leaves no goods", () => {
    const first = planShipment({ basket, shipped: [], goods: [{ sku: "MUG", quantity: 1 }], shippingLine: "final" })!
    expect(first.basketItems.map((item) => item.sku)).toEqual(["MUG"])
    const second = planShipment({
      basket,
      shipped: [first],
      goods: [
        { sku: "MUG", quantity: 1 },
        { sku: "TEA", quantity: 3 },
      ],
      shippingLine: "final",
    })!
    expect(second.final).toBe(true)
    expect(second.basketItems.map((item) => item.sku)).toContain("shipping-sm_1")
  })

  it("goods the basket has none left of are reported, not listed; more than is left is capped", () => {
    const plan = planShipment({
      basket,
      shipped: [],
      goods: [
        { sku: "TEA", quantity: 5 },
        { sku: "GIFT-CARD", quantity: 1 },
      ],
      shippingLine: "first",
    })!
    expect(plan.unmatched).toEqual([{ sku: "GIFT-CARD", quantity: 1 }])
    expect(quantityOf(plan.basketItems, "TEA")).toBe(toQuantity(3))
    expect(plan.final).toBe(false) // the mugs are still to go
  })

  it("a delivery of nothing the basket has lists nothing, except the delivery line of a first shipment", () => {
    expect(
      planShipment({ basket, shipped: [], goods: [{ sku: "OTHER", quantity: 1 }], shippingLine: "final" })
    ).toBeNull()
    const plan = planShipment({ basket, shipped: [], goods: [{ sku: "OTHER", quantity: 1 }], shippingLine: "first" })!
    expect(plan.basketItems.map((item) => item.sku)).toEqual(["shipping-sm_1"])
  })

  it("any split of any basket into deliveries adds up to the basket exactly (1 000 random orders)", () => {
    const goodsLine = fc.record({
      unitPrice: fc.integer({ min: 1, max: 200_000 }).map((k) => k / 100),
      quantity: fc.integer({ min: 1, max: 7 }),
      vatCode: fc.constantFrom("RUS_VAT20" as const, "RUS_VAT10" as const, "RUS_VAT0" as const, "VATNONE" as const),
      discountShare: fc.integer({ min: 0, max: 30 }),
    })
    fc.assert(
      fc.property(
        fc.array(goodsLine, { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom("first" as const, "final" as const),
        fc.integer(),
        (lines, deliveries, shippingLine, seed) => {
          const order = buildBasket([
            ...lines.map((entry, index) =>
              line({
                sku: `SKU-${index % 3}`, // the same sku on several lines
                unitPrice: entry.unitPrice,
                quantity: entry.quantity,
                vatCode: entry.vatCode,
                discount: Math.floor((entry.unitPrice * entry.quantity * entry.discountShare) / 100) / 100,
              })
            ),
            line({ sku: "shipping-sm_1", unitPrice: 250, type: "service" }),
          ]).items
          // each sku's units dealt over the deliveries
          const skus = [...new Set(order.filter((i) => !i.sku.startsWith("shipping-")).map((i) => i.sku))]
          const plans: ShipmentPlan[] = []
          let random = seed
          for (let d = 0; d < deliveries; d++) {
            const goods = skus.flatMap((sku) => {
              const left =
                quantityOf(order, sku) / 1000 - plans.reduce((t, p) => t + quantityOf(p.basketItems, sku) / 1000, 0)
              random = (random * 1103515245 + 12345) % 2147483648
              const quantity = d === deliveries - 1 ? left : Math.abs(random) % (left + 1)
              return quantity > 0 ? [{ sku, quantity }] : []
            })
            const plan = planShipment({ basket: order, shipped: plans, goods, shippingLine })
            if (plan) {
              expect(valid(plan)).toEqual([])
              plans.push(plan)
            }
          }
          const all = plans.flatMap((plan) => plan.basketItems)
          expect(sum(all, "totalAmount")).toBe(sum(order, "totalAmount"))
          expect(sum(all, "totalVatAmount")).toBe(sum(order, "totalVatAmount"))
          expect(plans.filter((plan) => plan.final)).toHaveLength(1)
          expect(plans[plans.length - 1]!.final).toBe(true)
        }
      ),
      { numRuns: 1000 }
    )
  })
})
