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
import { orderOfCart, seedStore, type SeededStore } from "../helpers/seed"
import { checkoutWithInvoicebox, SHIPPING_ADDRESS } from "../helpers/storefront"

jest.setTimeout(180_000)

const sandbox = useSandboxForMedusa()

medusaIntegrationTestRunner({
  testSuite: ({ getContainer, api }) => {
    /** An order paid through InvoiceBox, delivered by courier: the goods given by variant key and quantity. */
    async function paidDeliveredOrder(goods: Array<[keyof SeededStore["variants"], number]>) {
      const store = await seedStore(getContainer())
      const { cart, invoiceboxOrderId } = await checkoutWithInvoicebox(api, store, {
        items: goods.map(([variant, quantity]) => ({ variant_id: store.variants[variant], quantity })),
        cart: { shipping_address: SHIPPING_ADDRESS },
        shippingOptionId: store.shippingOptionId,
      })
      await axios.post(`${sandbox.url}/_sandbox/orders/${invoiceboxOrderId}/pay`)
      const order = (await orderOfCart(getContainer(), cart.id))!
      const admin = { headers: await adminHeaders(getContainer()) }
      return { store, order, invoiceboxOrderId, admin }
    }

    it("Refund items: the admin picks goods, sees the receipt, and the refund names exactly them", async () => {
      const { order, invoiceboxOrderId, admin } = await paidDeliveredOrder([
        ["samovar", 2],
        ["tea", 3],
      ])
      const paymentId = order.payments[0]!.id
      const base = `/admin/invoicebox/payments/${paymentId}`

      const { data: refundable } = await api.get(`${base}/refundable-items`, admin)
      const tea = refundable.lines.find((line: { name: string }) => line.name.includes("Чай"))
      const delivery = refundable.lines.find((line: { shipping: boolean }) => line.shipping)
      expect(tea).toMatchObject({ quantity: 3, shipping: false })
      expect(delivery).toMatchObject({ quantity: 1 })

      const choice = { items: [{ sku: tea.sku, quantity: 2 }], include_shipping: true }
      const { data: preview } = await api.post(`${base}/refund-items/preview`, choice, admin)
      expect(preview.lines.map((line: { sku: string; quantity: number }) => [line.sku, line.quantity])).toEqual([
        [tea.sku, 2],
        [delivery.sku, 1],
      ])
      expect(preview.amount).toBeCloseTo(tea.unit_amount * 2 + delivery.total_amount, 2)

      // more than is left: a clear error, nothing refunded anywhere
      const tooMany = await api
        .post(`${base}/refund-items`, { items: [{ sku: tea.sku, quantity: 4 }] }, admin)
        .catch((error: { response: { status: number; data: { message: string } } }) => error.response)
      expect(tooMany.status).toBe(400)
      expect(tooMany.data.message).toContain("only 3 available")
      expect((await axios.get(`${sandbox.url}/_sandbox/orders/${invoiceboxOrderId}`)).data.refunds).toEqual([])

      const { data: done } = await api.post(`${base}/refund-items`, choice, admin)
      expect(done.amount).toBe(preview.amount)
      const [refund] = (await axios.get(`${sandbox.url}/_sandbox/orders/${invoiceboxOrderId}`)).data
        .refunds as RefundOrder[]
      expect(refund!.amount).toBe(preview.amount)
      expect(refund!.basketItems.map((item) => [item.sku, item.quantity])).toEqual([
        [tea.sku, 2],
        [delivery.sku, 1],
      ])
      // Medusa's payment shows the refund (its own refund workflow ran)
      const { data } = await api.get(`/admin/payments/${paymentId}?fields=*refunds`, admin)
      expect(data.payment.refunds).toEqual([expect.objectContaining({ amount: preview.amount })])
      // what is refundable now: one tea, both samovars, no delivery
      const { data: left } = await api.get(`${base}/refundable-items`, admin)
      expect(left.lines.find((line: { sku: string }) => line.sku === tea.sku)).toMatchObject({ quantity: 1 })
      expect(left.lines.some((line: { shipping: boolean }) => line.shipping)).toBe(false)
    })

    it("a received return refunded from the admin: the refund receipt names only the returned goods", async () => {
      const { store, order, invoiceboxOrderId, admin } = await paidDeliveredOrder([
        ["samovar", 2],
        ["kettle", 1],
      ])
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
        `/admin/orders/${order.id}?fields=*items`
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
        `/admin/orders/${order.id}/fulfillments?fields=*fulfillments`,
        { items: parcel, location_id: store.stockLocationId }
      )
      await call("post", `/admin/orders/${order.id}/fulfillments/${fulfilled.fulfillments[0]!.id}/shipments`, {
        items: parcel,
      })

      // the buyer sends one samovar back; the store receives it
      const { return: opened } = await call<{ return: { id: string } }>("post", "/admin/returns", {
        order_id: order.id,
        location_id: store.stockLocationId,
      })
      await call("post", `/admin/returns/${opened.id}/request-items`, { items: [{ id: samovar.id, quantity: 1 }] })
      await call("post", `/admin/returns/${opened.id}/request`)
      await call("post", `/admin/returns/${opened.id}/receive`)
      await call("post", `/admin/returns/${opened.id}/receive-items`, { items: [{ id: samovar.id, quantity: 1 }] })
      await call("post", `/admin/returns/${opened.id}/receive/confirm`)

      // the return's goods wait on the payment for its refund (a subscriber keeps them)
      const paymentId = order.payments[0]!.id
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
