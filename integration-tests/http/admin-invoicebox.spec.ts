/**
 * The admin's view of an order's InvoiceBox payments (the widget's route) and Sync, on a real Medusa:
 * live status, refund orders, the last notification; a payment whose notification was dropped is
 * applied by Sync exactly once; InvoiceBox failures come back with their code and X-Request-Id.
 */
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import axios from "axios"

import { adminHeaders } from "../helpers/admin"
import { useSandboxForMedusa } from "../helpers/sandbox"
import { orderOfCart, seedStore, type SeededStore } from "../helpers/seed"
import { checkoutWithInvoicebox, publishableHeaders } from "../helpers/storefront"

jest.setTimeout(180_000)

const sandbox = useSandboxForMedusa()

interface PaymentView {
  session_id: string
  medusa: { session_status: string; captured: boolean; refunded_amount: number }
  invoicebox: { order_id: string; status: string; amount: number } | null
  refunds: Array<{ amount: number; status: string }>
  last_notification: { reply_status: string; order_status: string } | null
  notifications: Array<{ source: string; order_status: string; reply_status: string; processing_ms: number }>
  synced_at: string | null
  error: { code: string; request_id: string | null } | null
}

medusaIntegrationTestRunner({
  testSuite: ({ getContainer, api }) => {
    let store: SeededStore
    let admin: { headers: Record<string, string> }

    beforeAll(async () => {
      store = await seedStore(getContainer())
      admin = { headers: await adminHeaders(getContainer()) }
    })

    async function paidOrder(): Promise<{ orderId: string; invoiceboxOrderId: string }> {
      const { cart, invoiceboxOrderId } = await checkoutWithInvoicebox(api, store, {
        items: [{ variant_id: store.variants.tea, quantity: 2 }],
      })
      await axios.post(`${sandbox.url}/_sandbox/orders/${invoiceboxOrderId}/pay`)
      const order = await orderOfCart(getContainer(), cart.id)
      return { orderId: order!.id, invoiceboxOrderId }
    }

    const view = async (orderId: string): Promise<PaymentView[]> =>
      (await api.get(`/admin/invoicebox/orders/${orderId}`, admin)).data.payments

    it("shows the InvoiceBox order, the last notification and the refund orders made from Medusa", async () => {
      const { orderId, invoiceboxOrderId } = await paidOrder()
      let [payment] = await view(orderId)
      expect(payment!.invoicebox).toMatchObject({ order_id: invoiceboxOrderId, status: "completed" })
      expect(payment!.medusa).toMatchObject({ session_status: "authorized", captured: true, refunded_amount: 0 })
      expect(payment!.last_notification).toMatchObject({ order_status: "completed", reply_status: "success" })
      expect(payment!.refunds).toEqual([])
      // the notification log: the one notification InvoiceBox sent, as received and answered
      expect(payment!.notifications).toEqual([
        expect.objectContaining({ source: "http", order_status: "completed", reply_status: "success" }),
      ])

      const {
        data: { order },
      } = await api.get(`/admin/orders/${orderId}?fields=*payment_collections.payments`, admin)
      await api.post(`/admin/payments/${order.payment_collections[0].payments[0].id}/refund`, { amount: 100 }, admin)
      ;[payment] = await view(orderId)
      expect(payment!.refunds).toEqual([expect.objectContaining({ amount: 100, status: "completed" })])
      expect(payment!.medusa.refunded_amount).toBe(100)

      // the view needs an admin
      const anonymous = await api
        .get(`/admin/invoicebox/orders/${orderId}`)
        .catch((e: { response: { status: number } }) => e.response)
      expect(anonymous.status).toBe(401)
    })

    it("Sync applies an extra payment whose notification was dropped, once", async () => {
      const { orderId } = await paidOrder()
      // the admin asks for 250 ₽ more (a payment link); the buyer pays it, the notification is lost
      const {
        data: { payment_collection: extra },
      } = await api.post("/admin/payment-collections", { order_id: orderId, amount: 250 }, admin)
      const {
        data: { payment_collection: withSession },
      } = await api.post(
        `/store/payment-collections/${extra.id}/payment-sessions`,
        { provider_id: "pp_invoicebox_invoicebox" },
        { headers: publishableHeaders(store) }
      )
      const invoiceboxOrderId = withSession.payment_sessions[0].data.invoicebox_order_id as string
      await axios.post(`${sandbox.url}/_sandbox/orders/${invoiceboxOrderId}/pay?notify=none`)

      const before = (await view(orderId)).find((p) => p.invoicebox?.order_id === invoiceboxOrderId)!
      expect(before.invoicebox!.status).toBe("completed")
      expect(before.medusa).toMatchObject({ session_status: "pending", captured: false })
      expect(before.last_notification).toBeNull()

      const { data: synced } = await api.post(`/admin/invoicebox/orders/${orderId}/sync`, {}, admin)
      expect(synced.outcomes).toEqual(
        expect.arrayContaining([expect.objectContaining({ session_id: before.session_id, result: "applied" })])
      )
      const after = (synced.payments as PaymentView[]).find((p) => p.session_id === before.session_id)!
      expect(after.medusa).toMatchObject({ session_status: "authorized", captured: true })
      expect(after.synced_at).not.toBeNull()
      expect(after.notifications).toEqual([
        expect.objectContaining({ source: "sync", order_status: "completed", reply_status: "success" }),
      ])

      // a second Sync and the late notification change nothing
      const { data: again } = await api.post(`/admin/invoicebox/orders/${orderId}/sync`, {}, admin)
      expect(again.outcomes.every((o: { result: string }) => o.result === "up_to_date")).toBe(true)
      const late = await axios.post(`${sandbox.url}/_sandbox/orders/${invoiceboxOrderId}/notify`)
      expect(late.data[0].replyBody).toBe('{"status":"success"}')
      const {
        data: { order },
      } = await api.get(`/admin/orders/${orderId}?fields=*payment_collections.payments`, admin)
      const payments = order.payment_collections.flatMap((pc: { payments: unknown[] }) => pc.payments)
      expect(payments).toHaveLength(2)
      // the log, newest first: the late notification, then both Syncs
      const logged = (await view(orderId)).find((p) => p.session_id === before.session_id)!.notifications
      expect(logged.map((entry) => entry.source)).toEqual(["http", "sync", "sync"])
    })

    it("an InvoiceBox failure is shown with its code and X-Request-Id", async () => {
      const { orderId } = await paidOrder()
      await axios.post(`${sandbox.url}/_sandbox/faults`, { getOrders: { status500Count: 20 } })
      try {
        const [payment] = await view(orderId)
        expect(payment!.invoicebox).toBeNull()
        expect(payment!.error).toMatchObject({ code: expect.any(String) })
        expect(payment!.error!.request_id).toBeTruthy()
      } finally {
        await axios.delete(`${sandbox.url}/_sandbox/faults`)
      }
    })
  },
})
