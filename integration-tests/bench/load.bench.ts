/**
 * `npm run bench:load` — LOAD_CHECKOUTS (500) checkouts in a burst across both servers of the
 * production topology (Redis; two servers and a worker), against a sandbox that enforces InvoiceBox's
 * 100 requests / 30 s (LOAD_RATE_LIMIT=off: none, to see Medusa's own pace). Prints: time to drain (the
 * last order placed) against the floor the limit allows,
 * InvoiceBox requests per checkout, the 429s InvoiceBox answered, failed sessions, and notification →
 * order p50 / p99 under load. Asserts only that every paid cart became exactly one order.
 */
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import axios, { type AxiosInstance } from "axios"

import { useSandboxForMedusa } from "../helpers/sandbox"
import { orderOfCart, seedStore, type SeededStore } from "../helpers/seed"
import { checkoutWithInvoicebox } from "../helpers/storefront"
import { startMedusaInstance, useProductionTopology, type MedusaInstance } from "../helpers/topology"

const CHECKOUTS = Number(process.env.LOAD_CHECKOUTS ?? 500)
const CONCURRENCY = Number(process.env.LOAD_CONCURRENCY ?? 50)
const LIMIT = { maxRequests: 100, intervalMs: 30_000 }
/** LOAD_RATE_LIMIT=off: the same burst with no InvoiceBox limit — how fast Medusa itself drains it here */
const LIMITED = process.env.LOAD_RATE_LIMIT !== "off"
jest.setTimeout(60 * 60_000)

useProductionTopology({
  // sessions wait their turn in the shared window instead of failing: a burst is queued, not refused
  INVOICEBOX_RATE_LIMIT_MAX_WAIT_MS: String(10 * 60_000),
})
const sandbox = useSandboxForMedusa({}, LIMITED ? { rateLimit: LIMIT } : {})

const percentile = (samples: number[], p: number) => {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0
}

medusaIntegrationTestRunner({
  testSuite: ({ getContainer, api, dbConfig }) => {
    let store: SeededStore
    const instances: MedusaInstance[] = []
    let servers: AxiosInstance[] = []

    beforeAll(async () => {
      store = await seedStore(getContainer())
      instances.push(await startMedusaInstance(dbConfig.clientUrl, "server"))
      instances.push(await startMedusaInstance(dbConfig.clientUrl, "worker"))
      servers = [api, axios.create({ baseURL: instances[0]!.url })]
    })
    afterAll(async () => {
      await Promise.all(instances.map((instance) => instance.stop()))
    })

    it(`${CHECKOUTS} checkouts in a burst`, async () => {
      const before = (await axios.get(`${sandbox.url}/_sandbox/requests`)).data
      const carts: string[] = []
      const latencies: number[] = []
      let failedSessions = 0
      const failures = new Map<string, number>()
      let next = 0
      const started = performance.now()
      const buyer = async () => {
        for (let i = next++; i < CHECKOUTS; i = next++) {
          let checkout
          try {
            checkout = await checkoutWithInvoicebox(servers[i % 2]!, store, {
              items: [{ variant_id: store.variants.tea, quantity: 1 }],
              // every buyer is someone else (Medusa refuses two concurrent guest carts creating one customer)
              cart: { email: `buyer-${i}@example.com` },
            })
          } catch (error) {
            failedSessions += 1
            const response = (error as { response?: { status?: number; data?: { message?: string } } }).response
            const reason = `${response?.status ?? "no reply"} ${response?.data?.message ?? String(error)}`.slice(0, 160)
            failures.set(reason, (failures.get(reason) ?? 0) + 1)
            continue
          }
          carts.push(checkout.cart.id)
          const paidAt = performance.now()
          const { data } = await axios.post(`${sandbox.url}/_sandbox/orders/${checkout.invoiceboxOrderId}/pay`)
          if (data.notification?.replyBody === '{"status":"success"}') latencies.push(performance.now() - paidAt)
        }
      }
      await Promise.all(Array.from({ length: CONCURRENCY }, buyer))
      const drainMs = performance.now() - started

      const after = (await axios.get(`${sandbox.url}/_sandbox/requests`)).data
      const requests = after.total - before.total
      const tooMany = (after.byStatus["429"] ?? 0) - (before.byStatus["429"] ?? 0)
      let orders = 0
      let doubled = 0
      for (const cartId of carts) {
        const order = await orderOfCart(getContainer(), cartId)
        if (order) orders += 1
        if ((order?.payments.length ?? 0) > 1) doubled += 1
      }
      // the first window's requests go at once, each further window's after one more interval
      const floorMs = Math.max(0, Math.ceil(requests / LIMIT.maxRequests) - 1) * LIMIT.intervalMs
      console.log(
        [
          `${CHECKOUTS} checkouts, ${CONCURRENCY} buyers at a time, 2 servers + worker on Redis, ` +
            `${LIMITED ? "limit 100 / 30 s" : "no InvoiceBox limit"} (2 cores)`,
          LIMITED
            ? `  drained in ${(drainMs / 1000).toFixed(1)} s; floor ${(floorMs / 1000).toFixed(0)} s ` +
              `(${requests} requests ÷ 100 per 30 s) → ${(drainMs / Math.max(floorMs, 1)).toFixed(2)} × the floor`
            : `  drained in ${(drainMs / 1000).toFixed(1)} s with no limit: Medusa's own pace on this machine ` +
              `(${((CHECKOUTS * 1000) / drainMs).toFixed(2)} checkouts/s); the limit's floor would be ` +
              `${(floorMs / 1000).toFixed(0)} s`,
          `  InvoiceBox requests per checkout: ${(requests / Math.max(carts.length, 1)).toFixed(2)}; 429 answers: ${tooMany}; failed sessions: ${failedSessions}`,
          `  notification → order placed: p50 ${percentile(latencies, 0.5).toFixed(0)} ms, p99 ${percentile(latencies, 0.99).toFixed(0)} ms`,
          `  orders ${orders} of ${carts.length} paid carts; doubled ${doubled}`,
          ...[...failures].map(([reason, count]) => `  failed session ×${count}: ${reason}`),
        ].join("\n")
      )
      expect(orders).toBe(carts.length)
      expect(doubled).toBe(0)
    })
  },
})
