/**
 * `npm run test:faults` — the production topology (Redis; two servers and a worker on one database)
 * driven through InvoiceBox's and the store's failures. Each scenario makes a few checkouts under its
 * fault, lets the store recover (InvoiceBox's retries, the worker's reconciliation), then counts, per
 * scenario: checkouts, paid at InvoiceBox, Medusa orders, payments, refunds, lost (money InvoiceBox
 * holds for a cart that is no order), doubled (a cart paid or ordered twice). It prints the table and
 * fails unless lost = 0 and doubled = 0 in every row.
 */
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import axios, { type AxiosInstance } from "axios"
import { Client } from "pg"

import { signBody } from "../../src/invoicebox/signature"
import { DEMO_SHOP, type Order } from "../../src/invoicebox/types"
import { adminHeaders } from "../helpers/admin"
import { useSandboxForMedusa } from "../helpers/sandbox"
import { startMedusaInstance, useProductionTopology, type MedusaInstance } from "../helpers/topology"
import { orderOfCart, seedStore, type SeededStore } from "../helpers/seed"
import { checkoutWithInvoicebox } from "../helpers/storefront"

jest.setTimeout(900_000)

const topology = useProductionTopology({
  INVOICEBOX_RECONCILE_EVERY_SECONDS: "2",
  INVOICEBOX_RECONCILE_AFTER_SECONDS: "3",
  // a short client timeout, so "slower than the timeout" is quick to provoke
  INVOICEBOX_TIMEOUT_MS: "2000",
})
// InvoiceBox retries a failed notification (here within seconds, not a day)
const sandbox = useSandboxForMedusa({}, { notificationRetryDelaysMs: [1_000, 2_000, 4_000, 8_000] })

type SandboxOrder = Order & { refunds: Array<{ amount: number }> }
interface Tracked {
  cartId: string
  sessionId: string
}
interface Row {
  scenario: string
  checkouts: number
  paid: number
  orders: number
  payments: number
  refunds: number
  lost: number
  doubled: number
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const kopecks = (amount: number) => Math.round(amount * 100)

medusaIntegrationTestRunner({
  testSuite: ({ getContainer, api, dbConfig }) => {
    let store: SeededStore
    let server2: (MedusaInstance & { api: AxiosInstance }) | undefined
    let worker: MedusaInstance | undefined
    const rows: Row[] = []

    async function startServer2(): Promise<void> {
      const started = await startMedusaInstance(dbConfig.clientUrl, "server")
      server2 = { ...started, api: axios.create({ baseURL: started.url }) }
    }

    beforeAll(async () => {
      store = await seedStore(getContainer())
      await startServer2()
      worker = await startMedusaInstance(dbConfig.clientUrl, "worker")
    })
    afterAll(async () => {
      await Promise.all([server2?.stop(), worker?.stop()])
      const header = ["scenario", "checkouts", "paid", "orders", "payments", "refunds", "lost", "doubled"] as const
      const table = [header.join(" | "), header.map(() => "---").join(" | ")]
      for (const row of rows) table.push(header.map((key) => String(row[key])).join(" | "))
      console.log(`InvoiceBox fault matrix (production topology: 2 servers + worker on Redis)\n${table.join("\n")}`)
    })

    const faults = (set: Record<string, unknown>) => axios.post(`${sandbox.url}/_sandbox/faults`, set)
    const clearFaults = () => axios.delete(`${sandbox.url}/_sandbox/faults`)
    const oneTea = () => [{ variant_id: store.variants.tea, quantity: 1 }]

    /** A storefront that tries again (a new cart) when creating the payment fails. */
    async function checkout(via: AxiosInstance = api, attempts = 5): Promise<Tracked & { invoiceboxOrderId: string }> {
      let last: unknown
      for (let i = 0; i < attempts; i++) {
        try {
          const { cart, session, invoiceboxOrderId } = await checkoutWithInvoicebox(via, store, { items: oneTea() })
          return { cartId: cart.id, sessionId: session.id, invoiceboxOrderId }
        } catch (error) {
          last = error
          await sleep(300)
        }
      }
      throw last
    }
    const pay = (invoiceboxOrderId: string, notify: "wait" | "none" | "background" = "wait") =>
      axios.post(`${sandbox.url}/_sandbox/orders/${invoiceboxOrderId}/pay?notify=${notify}`)
    const signed = async (invoiceboxOrderId: string) => {
      const raw = JSON.stringify((await axios.get(`${sandbox.url}/_sandbox/orders/${invoiceboxOrderId}`)).data)
      return {
        raw,
        headers: { "Content-Type": "application/json", "X-Signature": signBody(raw, DEMO_SHOP.notificationKey) },
      }
    }

    /** What InvoiceBox and Medusa hold for the tracked checkouts. */
    async function count(scenario: string, tracked: Tracked[]): Promise<Row> {
      const orders = (await axios.get(`${sandbox.url}/_sandbox/orders`)).data as SandboxOrder[]
      const row: Row = {
        scenario,
        checkouts: tracked.length,
        paid: 0,
        orders: 0,
        payments: 0,
        refunds: 0,
        lost: 0,
        doubled: 0,
      }
      for (const { cartId, sessionId } of tracked) {
        const ofSession = orders.filter((order) => order.merchantOrderId.startsWith(sessionId))
        const paid = ofSession.filter((order) => order.status === "completed")
        const kept = paid.filter(
          (order) => order.refunds.reduce((sum, refund) => sum + kopecks(refund.amount), 0) < kopecks(order.amount)
        )
        const medusa = await orderOfCart(getContainer(), cartId)
        const captured = (medusa?.payments ?? []).filter((payment) => payment.captured_at)
        row.paid += paid.length
        row.refunds += paid.reduce((sum, order) => sum + order.refunds.length, 0)
        row.orders += medusa ? 1 : 0
        row.payments += captured.length
        if (kept.length > 0 && !medusa) row.lost += 1
        if (captured.length > 1 || kept.length > 1) row.doubled += 1
      }
      return row
    }

    /** Waits (InvoiceBox's retries, the worker's reconciliation) until nothing is lost, then counts. */
    async function settleAndCount(scenario: string, tracked: Tracked[], timeoutMs = 60_000): Promise<Row> {
      const deadline = Date.now() + timeoutMs
      let row = await count(scenario, tracked)
      while (row.lost > 0 && Date.now() < deadline) {
        await sleep(1_000)
        row = await count(scenario, tracked)
      }
      rows.push(row)
      return row
    }

    const expectSafe = (row: Row) => {
      expect({ lost: row.lost, doubled: row.doubled }).toEqual({ lost: 0, doubled: 0 })
      expect(row.orders).toBe(row.checkouts)
    }

    /** `n` paid checkouts, alternating servers, while InvoiceBox suffers `set` (cleared after). */
    async function paidCheckouts(n: number, set: Record<string, unknown> = {}): Promise<Tracked[]> {
      const tracked: Tracked[] = []
      await faults(set)
      try {
        for (let i = 0; i < n; i++) {
          const one = await checkout(i % 2 === 0 ? api : server2!.api)
          await pay(one.invoiceboxOrderId)
          tracked.push(one)
        }
      } finally {
        await clearFaults()
      }
      return tracked
    }

    it("no faults", async () => {
      expectSafe(await settleAndCount("no faults", await paidCheckouts(4)))
    })

    it("InvoiceBox answers 500", async () => {
      expectSafe(await settleAndCount("InvoiceBox 500s", await paidCheckouts(4, { "*": { status500Count: 6 } })))
    })

    it("InvoiceBox answers 429", async () => {
      expectSafe(await settleAndCount("InvoiceBox 429s", await paidCheckouts(4, { "*": { status429Count: 6 } })))
    })

    it("InvoiceBox slower than the client's timeout", async () => {
      // the order is created, but its reply comes after the client gave up: the client looks it up
      await faults({ createOrder: { latencyMs: 3_000 } })
      const tracked = []
      try {
        for (let i = 0; i < 2; i++) tracked.push(await checkout())
      } finally {
        await clearFaults()
      }
      for (const one of tracked) await pay(one.invoiceboxOrderId)
      expectSafe(await settleAndCount("latency > client timeout", tracked))
    })

    it("the reply of every write is lost (create order, refund)", async () => {
      await faults({ createOrder: { timeoutOnce: true } })
      const one = await checkout()
      await pay(one.invoiceboxOrderId)
      await faults({ createRefund: { timeoutOnce: true } })
      try {
        const admin = { headers: await adminHeaders(getContainer()) }
        const order = await orderOfCart(getContainer(), one.cartId)
        const {
          data: { order: full },
        } = await api.get(`/admin/orders/${order!.id}?fields=*payment_collections.payments`, admin)
        await api
          .post(`/admin/payments/${full.payment_collections[0].payments[0].id}/refund`, { amount: 10 }, admin)
          .catch(() => undefined)
      } finally {
        await clearFaults()
      }
      const row = await settleAndCount("lost write replies", [one])
      expectSafe(row)
      // the refund whose reply was lost exists once at InvoiceBox, not twice
      expect(row.refunds).toBeLessThanOrEqual(1)
    })

    it("notifications are dropped (the worker's reconciliation recovers them)", async () => {
      const tracked = await paidCheckouts(3, { notifications: { dropNotifications: true } })
      expectSafe(await settleAndCount("dropped notifications", tracked))
    })

    it("duplicate notifications sent to both servers at once", async () => {
      const tracked = []
      for (let i = 0; i < 3; i++) {
        const one = await checkout()
        await pay(one.invoiceboxOrderId, "none")
        const { raw, headers } = await signed(one.invoiceboxOrderId)
        await Promise.all(
          Array.from({ length: 8 }, (_, k) =>
            (k % 2 === 0 ? api : server2!.api).post("/hooks/invoicebox", raw, { headers }).catch(() => undefined)
          )
        )
        tracked.push(one)
      }
      expectSafe(await settleAndCount("duplicates on both servers", tracked))
    })

    it("a server killed (SIGKILL) while it processes a notification", async () => {
      const one = await checkout()
      await pay(one.invoiceboxOrderId, "none")
      const { raw, headers } = await signed(one.invoiceboxOrderId)
      const inFlight = server2!.api.post("/hooks/invoicebox", raw, { headers }).catch(() => undefined)
      await sleep(40)
      process.kill(-server2!.child.pid!, "SIGKILL")
      await inFlight
      await startServer2()
      // InvoiceBox retries the notification it got no answer to
      await axios.post(`${sandbox.url}/_sandbox/orders/${one.invoiceboxOrderId}/notify`)
      expectSafe(await settleAndCount("server killed mid-notification", [one]))
    })

    it("Redis restarted", async () => {
      await topology.restartRedis()
      await sleep(2_000)
      expectSafe(await settleAndCount("Redis restarted", await paidCheckouts(2)))
    })

    it("PostgreSQL connections dropped", async () => {
      const admin = new Client({ connectionString: dbConfig.clientUrl })
      await admin.connect()
      try {
        await admin.query(
          "select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()"
        )
      } finally {
        await admin.end()
      }
      const tracked = await paidCheckouts(2)
      expectSafe(await settleAndCount("PostgreSQL connections dropped", tracked))
    })
  },
})
