/**
 * Auto mode: a paid order's InvoiceBox shipment («отгрузка», the full-settlement receipt) is registered
 * when Medusa marks a fulfillment shipped — once, however many fulfillments are shipped.
 */
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import axios from "axios"

import type { Order } from "../../src/invoicebox/types"
import { adminHeaders } from "../helpers/admin"
import { useSandboxForMedusa } from "../helpers/sandbox"
import { checkoutWithInvoicebox } from "../helpers/storefront"
import { orderOfCart, seedStore } from "../helpers/seed"

jest.setTimeout(180_000)

const sandbox = useSandboxForMedusa()

medusaIntegrationTestRunner({
  testSuite: ({ getContainer, api }) => {
    it("registers the shipment once when fulfillments are shipped", async () => {
      const store = await seedStore(getContainer())
      const { cart, invoiceboxOrderId } = await checkoutWithInvoicebox(api, store, {
        items: [{ variant_id: store.variants.samovar, quantity: 2 }],
        cart: {
          shipping_address: {
            first_name: "Иван",
            last_name: "Петров",
            address_1: "ул. Ленина, 1",
            city: "Казань",
            country_code: "ru",
            postal_code: "420000",
            phone: "+7 900 111-22-33",
          },
        },
        shippingOptionId: store.shippingOptionId,
      })

      // the shipping method is a service line of the basket
      const basket = ((await axios.get(`${sandbox.url}/_sandbox/orders/${invoiceboxOrderId}`)).data as Order)
        .basketItems
      expect(basket.find((item) => item.name === "Доставка: Курьер")).toMatchObject({
        type: "service",
        totalAmount: expect.any(Number),
      })

      const paid = await axios.post(`${sandbox.url}/_sandbox/orders/${invoiceboxOrderId}/pay`)
      expect(paid.data.notification.replyBody).toBe('{"status":"success"}')
      const order = await orderOfCart(getContainer(), cart.id)
      const admin = { headers: await adminHeaders(getContainer()) }
      const {
        data: { order: full },
      } = await api.get(`/admin/orders/${order!.id}?fields=*items`, admin)
      const item = full.items[0]

      const shipments = async () =>
        ((await axios.get(`${sandbox.url}/_sandbox/orders/${invoiceboxOrderId}`)).data as { shipments: unknown[] })
          .shipments
      for (let i = 0; i < 2; i++) {
        const {
          data: { order: withFulfillment },
        } = await api.post(
          `/admin/orders/${order!.id}/fulfillments?fields=*fulfillments`,
          { items: [{ id: item.id, quantity: 1 }], location_id: store.stockLocationId },
          admin
        )
        const fulfillment = withFulfillment.fulfillments[withFulfillment.fulfillments.length - 1]
        expect(await shipments()).toHaveLength(i) // not on fulfillment, only once shipped
        await api.post(
          `/admin/orders/${order!.id}/fulfillments/${fulfillment.id}/shipments`,
          { items: [{ id: item.id, quantity: 1 }] },
          admin
        )
        for (let wait = 0; wait < 100 && (await shipments()).length === 0; wait++)
          await new Promise((resolve) => setTimeout(resolve, 50))
        expect(await shipments()).toHaveLength(1)
      }
    })
  },
})
