/**
 * A store whose prices EXCLUDE tax (no price preference: Medusa's default), on a real Medusa +
 * PostgreSQL: Medusa adds 22 % / 10 % on top of each price, its totals have more decimals than
 * kopecks. The InvoiceBox order charges the cart's total to the kopeck, each basket line carries the
 * line's total and its VAT as Medusa computed them, the notification accepts the payment and places
 * the order, and an invoice built from an order (a draft order) is right the same way. The provider
 * keeps its default options: nothing tells it the prices exclude tax, each line's own flag does.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { deletePricePreferencesWorkflow } from "@medusajs/medusa/core-flows"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import axios from "axios"

import { buildBasketForAmount } from "../../src/invoicebox/basket"
import { toExactDecimal, toKopecks } from "../../src/invoicebox/money"
import type { BasketItem, Order } from "../../src/invoicebox/types"
import { CART_BASKET_FIELDS } from "../../src/lib/cart-for-basket"
import { cartBasketLines, type CartLike } from "../../src/payment/cart-basket"
import { parseProviderOptions } from "../../src/payment/options"
import { adminHeaders, convertedDraftOrder } from "../helpers/admin"
import { useSandboxForMedusa } from "../helpers/sandbox"
import { orderOfCart, seedStore, type SeededStore } from "../helpers/seed"
import { checkoutWithInvoicebox, publishableHeaders, SHIPPING_ADDRESS } from "../helpers/storefront"

jest.setTimeout(240_000)

const sandbox = useSandboxForMedusa()

interface StoreLine {
  id: string
  variant_sku?: string | null
  quantity: number
  unit_price: number
  is_tax_inclusive: boolean
  total: number
  tax_total: number
}

interface StoreCartWithTax {
  id: string
  total: number
  tax_total: number
  items: StoreLine[]
  shipping_methods: Array<Omit<StoreLine, "variant_sku" | "quantity" | "unit_price">>
}

/** The store's prices without tax: the demo seed's RUB and region preferences removed. */
async function dropPricePreferences(container: MedusaContainer): Promise<void> {
  const pricing = container.resolve(Modules.PRICING)
  const preferences = await pricing.listPricePreferences({})
  await deletePricePreferencesWorkflow(container).run({ input: preferences.map((preference) => preference.id) })
  expect(await pricing.listPricePreferences({})).toEqual([])
}

/** |a − b| in kopecks as an exact fraction, compared with a bound in kopecks. */
function withinKopecks(a: number, exact: number, bound: number): boolean {
  const x = toExactDecimal(a)
  const y = toExactDecimal(exact)
  const scale = Math.max(x.scale, y.scale)
  const diff = x.units * 10n ** BigInt(scale - x.scale) - y.units * 10n ** BigInt(scale - y.scale)
  return (diff < 0n ? -diff : diff) * 100n < BigInt(bound) * 10n ** BigInt(scale)
}

/** The wire items of one line (a line may be split into 2–3 items with the same sku). */
function itemsOf(basket: BasketItem[], sku: string): { total: number; vat: number; parts: number; codes: string[] } {
  const items = basket.filter((item) => item.sku === sku)
  return {
    total: items.reduce((sum, item) => sum + toKopecks(item.totalAmount), 0) / 100,
    vat: items.reduce((sum, item) => sum + toKopecks(item.totalVatAmount), 0) / 100,
    parts: items.length,
    codes: [...new Set(items.map((item) => item.vatCode))],
  }
}

medusaIntegrationTestRunner({
  testSuite: ({ getContainer, api }) => {
    let store: SeededStore
    let headers: Record<string, string>

    beforeAll(async () => {
      store = await seedStore(getContainer())
      headers = publishableHeaders(store)
      await dropPricePreferences(getContainer())
    })

    const sandboxOrder = async (id: string): Promise<Order> =>
      (await axios.get(`${sandbox.url}/_sandbox/orders/${id}`)).data as Order

    it("tax on top of the prices: the basket charges the cart's total and each line's VAT as Medusa computed it", async () => {
      const { cart, session } = await checkoutWithInvoicebox(api, store, {
        items: [
          { variant_id: store.variants.tea, quantity: 3 },
          { variant_id: store.variants.honey, quantity: 2 },
          { variant_id: store.variants.course, quantity: 1 },
          { variant_id: store.variants.samovar, quantity: 1 },
        ],
        cart: { shipping_address: SHIPPING_ADDRESS },
        shippingOptionId: store.shippingOptionId,
        promotionCodes: [store.promotionCode],
      })
      const response: { data: { cart: StoreCartWithTax } } = await api.get(
        `/store/carts/${cart.id}?fields=id,total,tax_total,*items,items.is_tax_inclusive,items.tax_total,items.total,` +
          `*shipping_methods,shipping_methods.is_tax_inclusive,shipping_methods.tax_total,shipping_methods.total`,
        { headers }
      )
      const medusa = response.data.cart
      // Medusa's own view: every price without tax, the tax added on top
      expect(medusa.items.map((item) => item.is_tax_inclusive)).toEqual([false, false, false, false])
      expect(medusa.shipping_methods.map((method) => method.is_tax_inclusive)).toEqual([false])
      const tea = medusa.items.find((item) => item.variant_sku === "TEA-100")!
      // 3 × 450 − 10 % = 1215 without tax, 1482.30 with 22 %
      expect(Number(tea.total)).toBeCloseTo(1482.3, 6)
      expect(Number(tea.tax_total)).toBeCloseTo(267.3, 6)
      // the honey: 2 × 333.33 − 10 % = 599.994 without tax: Medusa's total has more decimals than kopecks
      const honey = medusa.items.find((item) => item.variant_sku === "HONEY-1KG")!
      expect(Number(honey.total)).toBeCloseTo(659.9934, 6)

      const invoiceboxOrder = await sandboxOrder(String(session.data.invoicebox_order_id))
      // the cart's total to the kopeck, the lines adding up to it
      expect(toKopecks(invoiceboxOrder.amount)).toBe(toKopecks(medusa.total, "half-up"))
      expect(invoiceboxOrder.basketItems.reduce((sum, item) => sum + toKopecks(item.totalAmount), 0)).toBe(
        toKopecks(invoiceboxOrder.amount)
      )
      // each line: Medusa's total (to the rounding and at most one kopeck moved to match the cart) and
      // Medusa's VAT (to the rounding of its parts), with its rate's plain code
      for (const item of medusa.items) {
        const line = itemsOf(invoiceboxOrder.basketItems, item.variant_sku!)
        expect({ sku: item.variant_sku, total: withinKopecks(line.total, item.total, 2) }).toEqual({
          sku: item.variant_sku,
          total: true,
        })
        expect({ sku: item.variant_sku, vat: withinKopecks(line.vat, item.tax_total, line.parts) }).toEqual({
          sku: item.variant_sku,
          vat: true,
        })
        expect(line.codes).toEqual([item.variant_sku === "HONEY-1KG" ? "RUS_VAT10" : "RUS_VAT22"])
      }
      expect(itemsOf(invoiceboxOrder.basketItems, "TEA-100")).toMatchObject({ total: 1482.3, vat: 267.3 })
      // the courier: 300 + 22 % = 366, VAT 66
      const shipping = invoiceboxOrder.basketItems.filter(
        (item) => item.type === "service" && item.name.startsWith("Доставка")
      )
      expect(shipping).toEqual([
        expect.objectContaining({ totalAmount: 366, totalVatAmount: 66, vatCode: "RUS_VAT22" }),
      ])
      // Σ VAT: Medusa's tax total to the rounding of the lines
      const vatParts = invoiceboxOrder.basketItems.length
      expect(withinKopecks(invoiceboxOrder.vatAmount, medusa.tax_total, vatParts)).toBe(true)

      // paid on the InvoiceBox page: the payment is accepted and places the order
      const paid = await axios.post(`${sandbox.url}/_sandbox/orders/${invoiceboxOrder.id}/pay`)
      expect(paid.data.notification.replyBody).toBe('{"status":"success"}')
      const order = await orderOfCart(getContainer(), cart.id)
      expect(order).not.toBeNull()
      expect(order!.payments).toHaveLength(1)
      expect(order!.payments[0]!.captured_at).toBeTruthy()

      // the order as Query gives it to the plugin (order-invoice.ts): the same flags, the same basket
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({ entity: "order", fields: CART_BASKET_FIELDS, filters: { id: order!.id } })
      const placed = data[0] as unknown as CartLike & { total: number }
      expect(placed.items!.map((item) => item.is_tax_inclusive)).toEqual([false, false, false, false])
      expect(placed.shipping_methods!.map((method) => method.is_tax_inclusive)).toEqual([false])
      const options = parseProviderOptions({})
      const rebuilt = buildBasketForAmount(cartBasketLines(placed, options), placed.total)
      expect(rebuilt.amount).toBe(toKopecks(invoiceboxOrder.amount))
      expect(
        rebuilt.items.map((item) => [item.name, item.totalAmount, item.totalVatAmount, item.vatCode]).sort()
      ).toEqual(
        invoiceboxOrder.basketItems
          .map((item) => [item.name, item.totalAmount, item.totalVatAmount, item.vatCode])
          .sort()
      )
    })

    it("one item: 450 ₽ + 22 % is 549 ₽ at InvoiceBox, VAT 99 ₽", async () => {
      const { cart, session } = await checkoutWithInvoicebox(api, store, {
        items: [{ variant_id: store.variants.tea, quantity: 1 }],
      })
      expect(Number(cart.total)).toBe(549)
      const invoiceboxOrder = await sandboxOrder(String(session.data.invoicebox_order_id))
      expect(invoiceboxOrder.amount).toBe(549)
      expect(invoiceboxOrder.vatAmount).toBe(99)
      expect(invoiceboxOrder.basketItems).toEqual([
        expect.objectContaining({ amount: 549, totalAmount: 549, totalVatAmount: 99, vatCode: "RUS_VAT22" }),
      ])
    })

    it("an invoice made from an order (a draft order): the goods with the tax Medusa added", async () => {
      const admin = { headers: await adminHeaders(getContainer()) }
      const converted = await convertedDraftOrder(api, store, admin, [
        { variant_id: store.variants.honey, quantity: 2 },
        { variant_id: store.variants.tea, quantity: 1 },
      ])
      const made: { data: { invoice: { invoicebox_order_id: string }; itemized: boolean } } = await api.post(
        `/admin/invoicebox/orders/${converted.id}/invoice`,
        {},
        admin
      )
      const { invoice, itemized } = made.data
      expect(itemized).toBe(true)
      const invoiceboxOrder = await sandboxOrder(invoice.invoicebox_order_id)
      // 2 × 333.33 + 10 % = 733.326 and 450 + 22 % = 549: 1282.33 (1282.326 rounded)
      expect(invoiceboxOrder.amount).toBe(1282.33)
      // the honey split in two to the kopeck (366.67 + 366.66), VAT 33.33 each: Medusa's 66.666 to their rounding
      expect(itemsOf(invoiceboxOrder.basketItems, "HONEY-1KG")).toEqual({
        total: 733.33,
        vat: 66.66,
        parts: 2,
        codes: ["RUS_VAT10"],
      })
      expect(itemsOf(invoiceboxOrder.basketItems, "TEA-100")).toEqual({
        total: 549,
        vat: 99,
        parts: 1,
        codes: ["RUS_VAT22"],
      })
    })
  },
})
