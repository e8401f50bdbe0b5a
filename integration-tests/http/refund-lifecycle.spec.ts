/**
 * Refunds as the real API has them: an InvoiceBox refund order starts `created` and becomes `completed`
 * (or `canceled`) later. Medusa records its refund at once; the widget's view shows InvoiceBox's status;
 * Sync and the reconciliation job bring the plugin's refund log up to date; a canceled refund is
 * surfaced (Sync's answer, the log, a warning) — on a real Medusa with a sandbox that completes refunds
 * only when told to.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import axios from "axios"

import { refreshRecentInvoiceboxRefunds } from "../../src/jobs/reconcile-invoicebox-payments"
import { refreshInvoiceboxRefundsWorkflow } from "../../src/workflows/refresh-invoicebox-refunds"
import { INVOICEBOX_MODULE, type InvoiceboxModuleService } from "../../src/modules/invoicebox"
import { adminHeaders } from "../helpers/admin"
import { useSandboxForMedusa } from "../helpers/sandbox"
import { orderOfCart, seedStore, type SeededStore } from "../helpers/seed"
import { checkoutWithInvoicebox } from "../helpers/storefront"

jest.setTimeout(180_000)

// the scheduled reconciliation stays off: each test runs the refresh itself, so nothing races it
const sandbox = useSandboxForMedusa({ INVOICEBOX_RECONCILE_EVERY_SECONDS: "0" }, { refundCompletion: "manual" })

interface RefundChange {
  invoicebox_refund_id: string
  amount: number
  from: string | null
  to: string
}

medusaIntegrationTestRunner({
  testSuite: ({ getContainer, api }) => {
    let store: SeededStore
    let admin: { headers: Record<string, string> }

    beforeAll(async () => {
      store = await seedStore(getContainer())
      admin = { headers: await adminHeaders(getContainer()) }
    })

    async function paidOrder(): Promise<{ orderId: string; paymentId: string }> {
      const { cart, invoiceboxOrderId } = await checkoutWithInvoicebox(api, store, {
        items: [{ variant_id: store.variants.tea, quantity: 2 }],
      })
      await axios.post(`${sandbox.url}/_sandbox/orders/${invoiceboxOrderId}/pay`)
      const order = await orderOfCart(getContainer(), cart.id)
      return { orderId: order!.id, paymentId: order!.payments[0]!.id }
    }

    const refund = (paymentId: string, amount: number) =>
      api.post(`/admin/payments/${paymentId}/refund`, { amount }, admin)
    const refundsInView = async (orderId: string): Promise<Array<{ id: string; amount: number; status: string }>> =>
      (await api.get(`/admin/invoicebox/orders/${orderId}`, admin)).data.payments[0].refunds
    const sync = async (orderId: string): Promise<RefundChange[]> =>
      (await api.post(`/admin/invoicebox/orders/${orderId}/sync`, {}, admin)).data.refunds
    const logged = (container: MedusaContainer) =>
      container.resolve<InvoiceboxModuleService>(INVOICEBOX_MODULE).listInvoiceboxRefunds({})

    it("a refund is recorded in Medusa at once, shown `created`, and Sync sees it completed later", async () => {
      const { orderId, paymentId } = await paidOrder()
      await refund(paymentId, 120)
      // Medusa has the refund; InvoiceBox has not paid it out yet
      const { data } = await api.get(`/admin/payments/${paymentId}?fields=*refunds`, admin)
      expect(data.payment.refunds).toEqual([expect.objectContaining({ amount: 120 })])
      const [shown] = await refundsInView(orderId)
      expect(shown).toMatchObject({ amount: 120, status: "created" })

      // the first Sync puts the refund in the log as InvoiceBox has it
      expect(await sync(orderId)).toEqual([
        expect.objectContaining({ invoicebox_refund_id: shown!.id, amount: 120, from: null, to: "created" }),
      ])
      // nothing changed: nothing to report
      expect(await sync(orderId)).toEqual([])

      await axios.post(`${sandbox.url}/_sandbox/refunds/${shown!.id}/complete`)
      expect(await sync(orderId)).toEqual([
        expect.objectContaining({ invoicebox_refund_id: shown!.id, from: "created", to: "completed" }),
      ])
      expect((await refundsInView(orderId))[0]).toMatchObject({ status: "completed" })
      // the log row is linked to Medusa's payment
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data: payments } = await query.graph({
        entity: "payment",
        fields: ["id", "invoicebox_refunds.status", "invoicebox_refunds.invoicebox_refund_id"],
        filters: { id: paymentId },
      })
      expect(payments[0].invoicebox_refunds).toEqual([
        expect.objectContaining({ invoicebox_refund_id: shown!.id, status: "completed" }),
      ])
      // a completed refund is final: InvoiceBox is not asked about it again
      const { result } = await refreshInvoiceboxRefundsWorkflow(getContainer()).run({
        input: { payment_ids: [paymentId] },
      })
      expect(result).toMatchObject({ checked: 0, requests: 0, changes: [] })
    })

    it("the reconciliation's refresh finds a refund InvoiceBox canceled and surfaces it", async () => {
      const { orderId, paymentId } = await paidOrder()
      await refund(paymentId, 50)
      const [shown] = await refundsInView(orderId)
      await axios.post(`${sandbox.url}/_sandbox/refunds/${shown!.id}/cancel`)

      const container = getContainer()
      const warnings: string[] = []
      const infos: string[] = []
      const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
      const warn = jest.spyOn(logger, "warn").mockImplementation((message: string) => {
        warnings.push(message)
      })
      const info = jest.spyOn(logger, "info").mockImplementation((message: string) => {
        infos.push(message)
      })
      // the reconciliation job's refund part: the refunds of the last 30 days not yet final
      try {
        await refreshRecentInvoiceboxRefunds(container)
      } finally {
        warn.mockRestore()
        info.mockRestore()
      }
      const row = (await logged(container)).find((entry) => entry.invoicebox_refund_id === shown!.id)
      expect(row).toMatchObject({ status: "canceled", payment_id: paymentId })
      expect(warnings.join("\n")).toContain(`InvoiceBox canceled refund ${shown!.id}`)
      expect(warnings.join("\n")).toContain("the buyer did not get this money back")
      // and the job's one summary line of the run
      expect(infos).toContainEqual(
        expect.stringMatching(/^InvoiceBox refunds: \d+ read in \d+ requests; 0 completed, 1 canceled, 0 failed$/)
      )
      // the widget's view shows it canceled (InvoiceBox's own status)
      expect((await refundsInView(orderId))[0]).toMatchObject({ status: "canceled" })
      // Sync has nothing new to say about it: already known
      expect(await sync(orderId)).toEqual([])
    })
  },
})
