/**
 * Notification → order placed, over CHECKOUTS checkouts each: through this plugin's route
 * (/hooks/invoicebox, synchronous) and through Medusa's built-in /hooks/payment/:provider path
 * (queued, processed by a subscriber). Prints p50 / p99 / max; asserts only that orders were placed.
 */
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import axios from "axios"

import { signBody } from "../../src/invoicebox/signature"
import { DEMO_SHOP, type Order } from "../../src/invoicebox/types"
import { useSandboxForMedusa } from "../helpers/sandbox"
import { checkoutWithInvoicebox } from "../helpers/storefront"
import { orderOfCart, seedStore, type SeededStore } from "../helpers/seed"

const CHECKOUTS = Number(process.env.BENCH_CHECKOUTS ?? 50)
jest.setTimeout(30 * 60_000)

const sandbox = useSandboxForMedusa()

function summary(label: string, samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!
  return `${label}: n=${sorted.length}  p50 ${at(0.5).toFixed(0)} ms  p99 ${at(0.99).toFixed(0)} ms  max ${sorted[sorted.length - 1]!.toFixed(0)} ms`
}

medusaIntegrationTestRunner({
  testSuite: ({ getContainer, api }) => {
    let store: SeededStore
    beforeAll(async () => {
      store = await seedStore(getContainer())
    })

    /** A cart with an InvoiceBox session, paid at InvoiceBox with no notification sent yet. */
    async function paidCart(): Promise<{ cartId: string; body: string }> {
      const { cart, invoiceboxOrderId } = await checkoutWithInvoicebox(api, store, {
        items: [{ variant_id: store.variants.tea, quantity: 2 }],
      })
      const { data } = await axios.post(`${sandbox.url}/_sandbox/orders/${invoiceboxOrderId}/pay?notify=none`)
      return { cartId: cart.id, body: JSON.stringify(data.order as Order) }
    }

    async function waitForOrder(cartId: string, started: number): Promise<number> {
      for (;;) {
        if (await orderOfCart(getContainer(), cartId)) return performance.now() - started
        if (performance.now() - started > 60_000) throw new Error(`no order for ${cartId} after 60 s`)
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    }

    it("measures both paths", async () => {
      const plugin: number[] = []
      for (let i = 0; i < CHECKOUTS; i++) {
        const { cartId, body } = await paidCart()
        const started = performance.now()
        const reply = await api.post("/hooks/invoicebox", body, {
          headers: { "Content-Type": "application/json", "X-Signature": signBody(body, DEMO_SHOP.notificationKey) },
        })
        expect(reply.data).toEqual({ status: "success" })
        plugin.push(await waitForOrder(cartId, started))
      }

      const builtIn: number[] = []
      const batch = 10
      for (let done = 0; done < CHECKOUTS; done += batch) {
        const carts = await Promise.all(Array.from({ length: Math.min(batch, CHECKOUTS - done) }, () => paidCart()))
        const results = await Promise.all(
          carts.map(async ({ cartId, body }) => {
            const started = performance.now()
            await api.post("/hooks/payment/invoicebox_invoicebox", body, {
              headers: { "Content-Type": "application/json", "X-Signature": signBody(body, DEMO_SHOP.notificationKey) },
            })
            return waitForOrder(cartId, started)
          })
        )
        builtIn.push(...results)
      }

      console.log(
        [
          `notification → order placed, ${CHECKOUTS} checkouts per path (2 cores)`,
          summary("  plugin route  POST /hooks/invoicebox         ", plugin),
          summary("  Medusa built-in POST /hooks/payment/:provider", builtIn),
        ].join("\n")
      )
      expect(plugin).toHaveLength(CHECKOUTS)
      expect(builtIn).toHaveLength(CHECKOUTS)
    })
  },
})
