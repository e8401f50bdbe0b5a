/**
 * Refunds by returned goods: a return received in Medusa, then Medusa's Refund — the InvoiceBox refund
 * order lists exactly the returned goods and quantities with their own VAT (the 54-FZ refund receipt
 * names what the buyer gave back); a refund with no return behind it keeps the allocation by amount.
 */
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import axios from "axios"

import type { BasketItem, Order, RefundOrder } from "../../src/invoicebox/types"
import { adminHeaders } from "../helpers/admin"
import { useSandboxForMedusa } from "../helpers/sandbox"
import { orderOfCart, seedStore } from "../helpers/seed"
import { checkoutWithInvoicebox } from "../helpers/storefront"

jest.setTimeout(180_000)

const sandbox = useSandboxForMedusa()

medusaIntegrationTestRunner({
  testSuite: ({ getContainer, api }) => {
    it("a received return refunded from the admin: the refund receipt names only the returned goods", async () => {
      const store = await seedStore(getContainer())
      const { cart, invoiceboxOrderId } = await checkoutWithInvoicebox(api, store, {
        items: [
          { variant_id: store.variants.samovar, quantity: 2 },
          { variant_id: store.variants.kettle, quantity: 1 },
        ],
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
      await axios.post(`${sandbox.url}/_sandbox/orders/${invoiceboxOrderId}/pay`)
      const order = await orderOfCart(getContainer(), cart.id)
      const admin = { headers: await adminHeaders(getContainer()) }
      const call = async <T>(method: "get" | "post", path: string, body?: unknown): Promise<T> => {
        const response = await (method === "get" ? api.get(path, admin) : api.post(path, body ?? {}, admin)).catch(
          (error: { response?: { data?: unknown } }) => {
            throw new Error(`${method.toUpperCase()} ${path}: ${JSON.stringify(error.response?.data)}`)
          }
        )
        return response.data as T
      }
      const { order: full } = await call<{ order: { items: Array<{ id: string; variant_id: string }> } }>(
        "get",
        `/admin/orders/${order!.id}?fields=*items`
      )
      const samovar = full.items.find((item) => item.variant_id === store.variants.samovar)!
      const kettle = full.items.find((item) => item.variant_id === store.variants.kettle)!

      // everything delivered in one parcel
      const parcel = [
        { id: samovar.id, quantity: 2 },
        { id: kettle.id, quantity: 1 },
      ]
      const { order: fulfilled } = await call<{ order: { fulfillments: Array<{ id: string }> } }>(
        "post",
        `/admin/orders/${order!.id}/fulfillments?fields=*fulfillments`,
        { items: parcel, location_id: store.stockLocationId }
      )
      await call("post", `/admin/orders/${order!.id}/fulfillments/${fulfilled.fulfillments[0]!.id}/shipments`, {
        items: parcel,
      })

      // the buyer sends one samovar back; the store receives it
      const { return: opened } = await call<{ return: { id: string } }>("post", "/admin/returns", {
        order_id: order!.id,
        location_id: store.stockLocationId,
      })
      await call("post", `/admin/returns/${opened.id}/request-items`, { items: [{ id: samovar.id, quantity: 1 }] })
      await call("post", `/admin/returns/${opened.id}/request`)
      await call("post", `/admin/returns/${opened.id}/receive`)
      await call("post", `/admin/returns/${opened.id}/receive-items`, { items: [{ id: samovar.id, quantity: 1 }] })
      await call("post", `/admin/returns/${opened.id}/receive/confirm`)

      // the return's goods wait on the payment for its refund (a subscriber keeps them)
      const paymentId = order!.payments[0]!.id
      const paymentData = async () =>
        (await call<{ payment: { data: Record<string, unknown> } }>("get", `/admin/payments/${paymentId}?fields=data`))
          .payment.data
      for (let wait = 0; wait < 100 && !(await paymentData()).pending_refund_goods; wait++)
        await new Promise((resolve) => setTimeout(resolve, 50))
      const basket = ((await axios.get(`${sandbox.url}/_sandbox/orders/${invoiceboxOrderId}`)).data as Order)
        .basketItems
      const samovarLine = basket.find((line: BasketItem) => line.name.includes("Самовар"))!
      expect((await paymentData()).pending_refund_goods).toEqual({
        source: `return:${opened.id}`,
        goods: [{ sku: samovarLine.sku, quantity: 1 }],
      })

      // the admin refunds the samovar's price: the refund order lists one samovar, nothing else
      await call("post", `/admin/payments/${paymentId}/refund`, { amount: samovarLine.amount })
      const refunds = (await axios.get(`${sandbox.url}/_sandbox/orders/${invoiceboxOrderId}`)).data
        .refunds as RefundOrder[]
      expect(refunds).toHaveLength(1)
      expect(refunds[0]!.basketItems.map((item) => [item.sku, item.quantity, item.totalAmount])).toEqual([
        [samovarLine.sku, 1, samovarLine.amount],
      ])
      expect(refunds[0]!.basketItems[0]).toMatchObject({ vatCode: samovarLine.vatCode, name: samovarLine.name })
      // consumed: the next refund (no return behind it) is by amount again
      expect((await paymentData()).pending_refund_goods).toBeNull()
      await call("post", `/admin/payments/${paymentId}/refund`, { amount: 10 })
      const after = (await axios.get(`${sandbox.url}/_sandbox/orders/${invoiceboxOrderId}`)).data
        .refunds as RefundOrder[]
      expect(after).toHaveLength(2)
      expect(after[1]!.amount).toBe(10)
    })
  },
})
