/**
 * Auto mode: each Medusa fulfillment marked shipped registers an InvoiceBox shipment («отгрузка», the
 * full-settlement receipt) with exactly its goods — the delivery line with the first one, the last
 * one `final`, numbered and dated from the fulfillment — and never twice.
 */
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import axios from "axios"

import type { BasketItem, Order, Shipment } from "../../src/invoicebox/types"
import { registerInvoiceboxShipmentWorkflow } from "../../src/workflows/register-invoicebox-shipment"
import { adminHeaders } from "../helpers/admin"
import { useSandboxForMedusa } from "../helpers/sandbox"
import { checkoutWithInvoicebox, SHIPPING_ADDRESS } from "../helpers/storefront"
import { orderOfCart, seedStore } from "../helpers/seed"

jest.setTimeout(180_000)

const sandbox = useSandboxForMedusa()

const kopecks = (items: BasketItem[], field: "totalAmount" | "totalVatAmount") =>
  items.reduce((sum, item) => sum + Math.round(item[field] * 100), 0)

medusaIntegrationTestRunner({
  testSuite: ({ getContainer, api }) => {
    it("two fulfillments shipped → two itemized shipments, the second final; never twice", async () => {
      const store = await seedStore(getContainer())
      const { cart, invoiceboxOrderId } = await checkoutWithInvoicebox(api, store, {
        items: [
          { variant_id: store.variants.samovar, quantity: 2 },
          { variant_id: store.variants.kettle, quantity: 1 },
        ],
        cart: {
          shipping_address: SHIPPING_ADDRESS,
        },
        shippingOptionId: store.shippingOptionId,
      })
      const invoiceboxOrder = async () =>
        (await axios.get(`${sandbox.url}/_sandbox/orders/${invoiceboxOrderId}`)).data as Order & {
          shipments: Shipment[]
        }
      const basket = (await invoiceboxOrder()).basketItems
      const delivery = basket.find((line) => line.name === "Доставка: Курьер")!
      expect(delivery).toMatchObject({ type: "service", sku: expect.stringMatching(/^shipping-/) })

      const paid = await axios.post(`${sandbox.url}/_sandbox/orders/${invoiceboxOrderId}/pay`)
      expect(paid.data.notification.replyBody).toBe('{"status":"success"}')
      const order = await orderOfCart(getContainer(), cart.id)
      const admin = { headers: await adminHeaders(getContainer()) }
      const {
        data: { order: full },
      } = await api.get(`/admin/orders/${order!.id}?fields=*items`, admin)
      const samovar = full.items.find((item: { variant_id: string }) => item.variant_id === store.variants.samovar)
      const kettle = full.items.find((item: { variant_id: string }) => item.variant_id === store.variants.kettle)

      async function shipFulfillment(items: Array<{ id: string; quantity: number }>): Promise<string> {
        const {
          data: { order: withFulfillment },
        } = await api
          .post(
            `/admin/orders/${order!.id}/fulfillments?fields=*fulfillments`,
            { items, location_id: store.stockLocationId },
            admin
          )
          .catch((error: { response?: { data?: unknown } }) => {
            throw new Error(`fulfillment refused: ${JSON.stringify(error.response?.data)}`)
          })
        const fulfillment = withFulfillment.fulfillments[withFulfillment.fulfillments.length - 1]
        const before = (await invoiceboxOrder()).shipments.length
        await api.post(`/admin/orders/${order!.id}/fulfillments/${fulfillment.id}/shipments`, { items }, admin)
        for (let wait = 0; wait < 100 && (await invoiceboxOrder()).shipments.length === before; wait++)
          await new Promise((resolve) => setTimeout(resolve, 50))
        return fulfillment.id
      }

      // first parcel: one samovar and the kettle, with the delivery line
      const first = await shipFulfillment([
        { id: samovar.id, quantity: 1 },
        { id: kettle.id, quantity: 1 },
      ])
      let { shipments } = await invoiceboxOrder()
      expect(shipments).toHaveLength(1)
      expect(shipments[0]).toMatchObject({
        documentNumber: first,
        documentDate: new Date().toISOString().slice(0, 10),
        final: false,
      })
      const samovarSku = basket.find((line) => line.name.includes("Самовар"))!.sku
      const kettleSku = basket.find((line) => line.name.includes("Чайник"))!.sku
      const quantities = (items: BasketItem[]) =>
        Object.fromEntries(items.map((item) => [item.sku, item.quantity] as const))
      expect(quantities(shipments[0]!.basketItems)).toEqual({ [samovarSku]: 1, [kettleSku]: 1, [delivery.sku]: 1 })

      // the fulfillment's event again (a retried subscriber) registers nothing more
      const { result: again } = await registerInvoiceboxShipmentWorkflow(getContainer()).run({
        input: { fulfillment_id: first, event: "shipped" },
      })
      expect(again).toEqual([])
      expect((await invoiceboxOrder()).shipments).toHaveLength(1)

      // second parcel: the other samovar — the final shipment
      const second = await shipFulfillment([{ id: samovar.id, quantity: 1 }])
      ;({ shipments } = await invoiceboxOrder())
      expect(shipments).toHaveLength(2)
      expect(shipments[1]).toMatchObject({ documentNumber: second, final: true })
      expect(quantities(shipments[1]!.basketItems)).toEqual({ [samovarSku]: 1 })

      // together exactly the paid basket, to the kopeck
      const all = shipments.flatMap((shipment) => shipment.basketItems)
      expect(kopecks(all, "totalAmount")).toBe(kopecks(basket, "totalAmount"))
      expect(kopecks(all, "totalVatAmount")).toBe(kopecks(basket, "totalVatAmount"))
    })
  },
})
