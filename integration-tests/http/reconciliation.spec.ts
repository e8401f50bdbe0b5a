/**
 * The reconciliation workflow (what the worker's job runs): a payment whose notification was lost is
 * applied without anyone pressing Sync, an order InvoiceBox expired closes its session, and an unpaid
 * order past its lifetime (an abandoned cart) is canceled at InvoiceBox — all read in one list request.
 */
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import axios from "axios"

import type { Order } from "../../src/invoicebox/types"
import { reconcileInvoiceboxPaymentsWorkflow } from "../../src/workflows/reconcile-invoicebox-payments"
import { useSandboxForMedusa } from "../helpers/sandbox"
import { orderOfCart, seedStore, type SeededStore } from "../helpers/seed"
import { checkoutWithInvoicebox } from "../helpers/storefront"

jest.setTimeout(180_000)

const sandbox = useSandboxForMedusa()

medusaIntegrationTestRunner({
  testSuite: ({ getContainer, api }) => {
    let store: SeededStore
    beforeAll(async () => {
      store = await seedStore(getContainer())
    })

    const reconcile = async (now = new Date()) =>
      (
        await reconcileInvoiceboxPaymentsWorkflow(getContainer()).run({
          input: { provider_id: "pp_invoicebox_invoicebox", now, after_seconds: 0, batch_size: 50 },
        })
      ).result
    const sessionStatus = async (id: string): Promise<string> => {
      const { data } = await getContainer()
        .resolve("query")
        .graph({ entity: "payment_session", fields: ["status"], filters: { id } })
      return (data[0] as { status: string }).status
    }
    const sandboxOrder = async (id: string): Promise<Order> =>
      (await axios.get(`${sandbox.url}/_sandbox/orders/${id}`)).data
    const requests = async (): Promise<number> => (await axios.get(`${sandbox.url}/_sandbox/requests`)).data.total
    const oneTea = () => [{ variant_id: store.variants.tea, quantity: 1 }]

    it("applies a payment whose notification was lost, expires what InvoiceBox expired, in one request", async () => {
      const paid = await checkoutWithInvoicebox(api, store, { items: oneTea() })
      await axios.post(`${sandbox.url}/_sandbox/orders/${paid.invoiceboxOrderId}/pay?notify=none`)
      const expired = await checkoutWithInvoicebox(api, store, { items: oneTea() })
      await axios.post(`${sandbox.url}/_sandbox/orders/${expired.invoiceboxOrderId}/expire`)
      const waiting = await checkoutWithInvoicebox(api, store, { items: oneTea() })

      const before = await requests()
      const summary = await reconcile()
      expect(summary).toMatchObject({ read: 3, settled: 1, closed: 1, pending: 1, failed: 0 })
      // one list request; the paid order is applied from what that list said (no second read)
      expect(summary.requests).toBe(1)
      expect((await requests()) - before).toBe(1)

      const order = await orderOfCart(getContainer(), paid.cart.id)
      expect(order?.payments).toHaveLength(1)
      expect(await sessionStatus(expired.session.id)).toBe("canceled")
      expect(await sessionStatus(waiting.session.id)).toBe("pending")
      const { data: log } = await getContainer()
        .resolve("query")
        .graph({
          entity: "invoicebox_notification",
          fields: ["source", "order_status", "reply_status"],
          filters: { invoicebox_order_id: paid.invoiceboxOrderId },
        })
      expect(log).toEqual([{ source: "reconciliation", order_status: "completed", reply_status: "success" }])

      // nothing left to do for these two: a second run changes nothing and applies nothing twice
      const again = await reconcile()
      expect(again).toMatchObject({ settled: 0, closed: 0, failed: 0 })
      expect((await orderOfCart(getContainer(), paid.cart.id))!.payments).toHaveLength(1)
    })

    it("cancels the InvoiceBox order of an abandoned cart after its lifetime", async () => {
      const abandoned = await checkoutWithInvoicebox(api, store, { items: oneTea() })
      const dayAndAnHourLater = new Date(Date.now() + 25 * 60 * 60 * 1000)
      const summary = await reconcile(dayAndAnHourLater)
      expect(summary.abandoned).toBeGreaterThanOrEqual(1)
      expect((await sandboxOrder(abandoned.invoiceboxOrderId)).status).toBe("canceled")
      expect(await sessionStatus(abandoned.session.id)).toBe("canceled")
    })
  },
})
