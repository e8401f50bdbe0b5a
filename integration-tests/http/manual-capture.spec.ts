/** Manual capture mode: a paid order is authorized; the admin's Capture registers the shipment, once. */
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import axios from "axios"

import { adminHeaders } from "../helpers/admin"
import { useSandboxForMedusa } from "../helpers/sandbox"
import { checkoutWithInvoicebox } from "../helpers/storefront"
import { orderOfCart, seedStore } from "../helpers/seed"

jest.setTimeout(180_000)

const sandbox = useSandboxForMedusa({ INVOICEBOX_CAPTURE_MODE: "manual" })

medusaIntegrationTestRunner({
  testSuite: ({ getContainer, api }) => {
    it("authorizes on payment and registers exactly one shipment on Capture", async () => {
      const store = await seedStore(getContainer())
      const { cart, invoiceboxOrderId } = await checkoutWithInvoicebox(api, store, {
        items: [{ variant_id: store.variants.tea, quantity: 2 }],
      })

      const paid = await axios.post(`${sandbox.url}/_sandbox/orders/${invoiceboxOrderId}/pay`)
      expect(paid.data.notification.replyBody).toBe('{"status":"success"}')
      const order = await orderOfCart(getContainer(), cart.id)
      expect(order!.payments).toHaveLength(1)
      expect(order!.payments[0]!.captured_at).toBeFalsy()

      const admin = { headers: await adminHeaders(getContainer()) }
      const {
        data: { order: adminOrder },
      } = await api.get(`/admin/orders/${order!.id}?fields=*payment_collections.payments`, admin)
      const payment = adminOrder.payment_collections[0].payments[0]
      await api.post(`/admin/payments/${payment.id}/capture`, {}, admin)
      const again = await api
        .post(`/admin/payments/${payment.id}/capture`, {}, admin)
        .catch((e: { response: { status: number } }) => e.response)
      expect(again.status).toBeLessThan(500)

      const view = (await axios.get(`${sandbox.url}/_sandbox/orders/${invoiceboxOrderId}`)).data as {
        shipments: unknown[]
      }
      expect(view.shipments).toHaveLength(1)
      const captured = await orderOfCart(getContainer(), cart.id)
      expect(captured!.payments[0]!.captured_at).toBeTruthy()
    })
  },
})
