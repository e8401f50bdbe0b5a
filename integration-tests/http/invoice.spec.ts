/**
 * Invoices for what an order still owes: after an order edit that adds goods to a paid order, the
 * admin's invoice creates an InvoiceBox order listing exactly the added goods by name, shown with
 * the order's number; asking again returns the same invoice; paying it captures the payment on that
 * payment collection and the order owes nothing. A draft order converted to an order is invoiced for
 * all its goods the same way. A payment session a storefront opens on a collection the admin made
 * for an extra amount names the order, never the session. An order owing nothing gets a 400 and
 * nothing is made.
 */
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import axios from "axios"

import type { Order } from "../../src/invoicebox/types"
import { adminHeaders, convertedDraftOrder } from "../helpers/admin"
import { useSandboxForMedusa } from "../helpers/sandbox"
import { orderOfCart, seedStore, type SeededStore } from "../helpers/seed"
import { checkoutWithInvoicebox, publishableHeaders } from "../helpers/storefront"

jest.setTimeout(240_000)

const sandbox = useSandboxForMedusa()

interface InvoiceResponse {
  invoice: {
    payment_collection_id: string
    session_id: string
    invoicebox_order_id: string
    payment_url: string
    amount: number
    basket: Array<{ name: string; quantity: number; total: number }>
  }
  order_display_id: string
  reused: boolean
  itemized: boolean
  email: { sent: boolean; to: string | null; error: string | null } | null
}

interface AdminOrder {
  id: string
  display_id: number
  summary: { pending_difference: number }
  payment_collections: Array<{
    id: string
    status: string
    payments?: Array<{ id: string; amount: number; captured_at: string | null }>
  }>
}

medusaIntegrationTestRunner({
  testSuite: ({ getContainer, api }) => {
    let store: SeededStore
    let admin: { headers: Record<string, string> }

    beforeAll(async () => {
      store = await seedStore(getContainer())
      admin = { headers: await adminHeaders(getContainer()) }
    })

    async function paidOrder(): Promise<string> {
      const { cart, invoiceboxOrderId } = await checkoutWithInvoicebox(api, store, {
        items: [{ variant_id: store.variants.tea, quantity: 2 }],
      })
      await axios.post(`${sandbox.url}/_sandbox/orders/${invoiceboxOrderId}/pay`)
      return (await orderOfCart(getContainer(), cart.id))!.id
    }

    const adminOrder = async (orderId: string): Promise<AdminOrder> =>
      (
        await api.get(
          `/admin/orders/${orderId}?fields=id,display_id,summary,*payment_collections,*payment_collections.payments`,
          admin
        )
      ).data.order

    const sandboxOrder = async (id: string): Promise<Order> =>
      (await axios.get(`${sandbox.url}/_sandbox/orders/${id}`)).data as Order

    const failure = (error: { response?: { status: number; data: unknown } }) => {
      if (!error.response) throw error
      return error.response
    }

    it("an order edit's added goods: itemized invoice with the order's number, reused, paid → captured", async () => {
      const orderId = await paidOrder()
      // the admin adds a jar of honey and a kettle to the paid order
      await api.post("/admin/order-edits", { order_id: orderId }, admin)
      await api.post(
        `/admin/order-edits/${orderId}/items`,
        {
          items: [
            { variant_id: store.variants.honey, quantity: 1 },
            { variant_id: store.variants.kettle, quantity: 1 },
          ],
        },
        admin
      )
      await api.post(`/admin/order-edits/${orderId}/request`, {}, admin)
      await api.post(`/admin/order-edits/${orderId}/confirm`, {}, admin)
      const edited = await adminOrder(orderId)
      const owed = Number(edited.summary.pending_difference)
      expect(owed).toBeGreaterThan(0)

      const { data: first }: { data: InvoiceResponse } = await api.post(
        `/admin/invoicebox/orders/${orderId}/invoice`,
        { send_email: true },
        admin
      )
      expect(first.reused).toBe(false)
      expect(first.itemized).toBe(true)
      expect(first.order_display_id).toBe(String(edited.display_id))
      expect(first.invoice.amount).toBeCloseTo(owed, 2)
      expect(first.invoice.payment_url).toMatch(/^http/)
      // the dev store's local provider takes the email channel
      expect(first.email).toMatchObject({ sent: true, to: "buyer@example.com" })

      const invoiceboxOrder = await sandboxOrder(first.invoice.invoicebox_order_id)
      expect(invoiceboxOrder.merchantOrderIdVisible).toBe(String(edited.display_id))
      expect(invoiceboxOrder.description).toContain(`№${edited.display_id}`)
      expect(invoiceboxOrder.basketItems.map((item) => [item.name, item.quantity])).toEqual(
        expect.arrayContaining([
          [expect.stringContaining("Мёд липовый"), 1],
          [expect.stringContaining("Чайник чугунный"), 1],
        ])
      )
      expect(invoiceboxOrder.basketItems).toHaveLength(2)
      expect(invoiceboxOrder.basketItems.some((item) => item.name.includes(first.invoice.session_id))).toBe(false)
      expect(invoiceboxOrder.amount).toBeCloseTo(owed, 2)

      // a second click: the same invoice, no second InvoiceBox order
      const { data: second }: { data: InvoiceResponse } = await api.post(
        `/admin/invoicebox/orders/${orderId}/invoice`,
        {},
        admin
      )
      expect(second.reused).toBe(true)
      expect(second.invoice.invoicebox_order_id).toBe(first.invoice.invoicebox_order_id)
      expect(second.invoice.session_id).toBe(first.invoice.session_id)
      expect(second.email).toBeNull()

      // the widget's view lists it
      const { data: view } = await api.get(`/admin/invoicebox/orders/${orderId}`, admin)
      expect(view.payments.map((p: { session_id: string }) => p.session_id)).toContain(first.invoice.session_id)

      // the buyer pays: captured on that collection, nothing owed
      const paid = await axios.post(`${sandbox.url}/_sandbox/orders/${first.invoice.invoicebox_order_id}/pay`)
      expect(paid.data.notification.replyBody).toBe('{"status":"success"}')
      const after = await adminOrder(orderId)
      const collection = after.payment_collections.find((pc) => pc.id === first.invoice.payment_collection_id)!
      expect(collection.payments).toHaveLength(1)
      expect(collection.payments![0]!.captured_at).toBeTruthy()
      expect(Number(collection.payments![0]!.amount)).toBeCloseTo(owed, 2)
      expect(Number(after.summary.pending_difference)).toBe(0)

      // and then there is nothing left to invoice
      const nothing = await api.post(`/admin/invoicebox/orders/${orderId}/invoice`, {}, admin).catch(failure)
      expect(nothing.status).toBe(400)
    })

    it("a draft order converted to an order: invoiced for its goods by name, paid → captured", async () => {
      const converted = await convertedDraftOrder(api, store, admin, [
        { variant_id: store.variants.honey, quantity: 2 },
        { variant_id: store.variants.tea, quantity: 1 },
      ])
      const owed = Number((await adminOrder(converted.id)).summary.pending_difference)
      expect(owed).toBeGreaterThan(0)

      const { data: invoice }: { data: InvoiceResponse } = await api.post(
        `/admin/invoicebox/orders/${converted.id}/invoice`,
        {},
        admin
      )
      expect(invoice.itemized).toBe(true)
      expect(invoice.invoice.amount).toBeCloseTo(owed, 2)
      const invoiceboxOrder = await sandboxOrder(invoice.invoice.invoicebox_order_id)
      expect(invoiceboxOrder.merchantOrderIdVisible).toBe(String(converted.display_id))
      expect(invoiceboxOrder.basketItems.map((item) => [item.name, item.quantity])).toEqual(
        expect.arrayContaining([
          [expect.stringContaining("Мёд липовый"), 2],
          [expect.stringContaining("Чай улун"), 1],
        ])
      )
      expect(invoiceboxOrder.basketItems).toHaveLength(2)

      await axios.post(`${sandbox.url}/_sandbox/orders/${invoice.invoice.invoicebox_order_id}/pay`)
      const after = await adminOrder(converted.id)
      const collection = after.payment_collections.find((pc) => pc.id === invoice.invoice.payment_collection_id)!
      expect(collection.payments).toHaveLength(1)
      expect(collection.payments![0]!.captured_at).toBeTruthy()
      expect(Number(after.summary.pending_difference)).toBe(0)
    })

    it("a session a storefront opens on an order's extra collection names the order, not the session", async () => {
      const orderId = await paidOrder()
      const { display_id } = await adminOrder(orderId)
      const {
        data: { payment_collection: extra },
      } = await api.post("/admin/payment-collections", { order_id: orderId, amount: 250 }, admin)
      const {
        data: { payment_collection: withSession },
      } = await api.post(
        `/store/payment-collections/${extra.id}/payment-sessions`,
        // whatever the storefront sends as data is dropped
        { provider_id: "pp_invoicebox_invoicebox", data: { basket: [{ name: "Подарок", price: 1 }] } },
        { headers: publishableHeaders(store) }
      )
      const session = withSession.payment_sessions[0] as { id: string; data: { invoicebox_order_id: string } }
      const invoiceboxOrder = await sandboxOrder(session.data.invoicebox_order_id)
      expect(invoiceboxOrder.merchantOrderIdVisible).toBe(String(display_id))
      expect(invoiceboxOrder.amount).toBe(250)
      // the order's goods are all paid: the 250 ₽ are one surcharge line with the order's number
      expect(invoiceboxOrder.basketItems.map((item) => [item.name, item.amount])).toEqual([
        [`Доплата по заказу №${display_id}`, 250],
      ])
      // what the buyer reads (page title, description, receipt) has the order's number, never the session
      expect(invoiceboxOrder.description).toContain(`№${display_id}`)
      expect(JSON.stringify([invoiceboxOrder.description, invoiceboxOrder.basketItems])).not.toContain(session.id)
    })

    it("an order owing nothing: 400 with a clear message, nothing created", async () => {
      const orderId = await paidOrder()
      const before = await adminOrder(orderId)
      const invoiceboxOrders = (await axios.get(`${sandbox.url}/_sandbox/orders`)).data.length
      const refused = await api.post(`/admin/invoicebox/orders/${orderId}/invoice`, {}, admin).catch(failure)
      expect(refused.status).toBe(400)
      expect(JSON.stringify(refused.data)).toContain("no outstanding amount")
      const after = await adminOrder(orderId)
      expect(after.payment_collections).toHaveLength(before.payment_collections.length)
      expect((await axios.get(`${sandbox.url}/_sandbox/orders`)).data.length).toBe(invoiceboxOrders)
    })
  },
})
