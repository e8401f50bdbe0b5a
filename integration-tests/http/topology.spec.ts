/**
 * The production topology: Redis behind events, workflows, locking and caching; two servers
 * (`workerMode: "server"`: this test's Medusa and a second `medusa start`) and one worker
 * (`workerMode: "worker"`), all on one database. Notifications are answered by whichever server
 * gets them, exactly once across both (the Redis lock); the worker alone runs the subscribers (the
 * InvoiceBox shipment after Medusa ships) and the reconciliation job (a lost notification recovered).
 */
import type { ChildProcess } from "node:child_process"

import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import axios from "axios"

import { spawnMedusa, stopProcess, waitForHealth } from "../../scripts/lib/medusa-process"
import { freePort } from "../../scripts/lib/postgres"
import { startRedis, type RunningRedis } from "../../scripts/lib/redis"
import { signBody } from "../../src/invoicebox/signature"
import { DEMO_SHOP, type Order } from "../../src/invoicebox/types"
import { adminHeaders } from "../helpers/admin"
import { useSandboxForMedusa } from "../helpers/sandbox"
import { orderOfCart, seedStore, type SeededStore } from "../helpers/seed"
import { checkoutWithInvoicebox } from "../helpers/storefront"

jest.setTimeout(300_000)

const TOPOLOGY_ENV = {
  MEDUSA_WORKER_MODE: "server",
  // the worker reconciles every 2 s whatever is older than 1 s
  INVOICEBOX_RECONCILE_EVERY_SECONDS: "2",
  INVOICEBOX_RECONCILE_AFTER_SECONDS: "1",
}

let redis: RunningRedis | undefined
beforeAll(async () => {
  redis = await startRedis()
  Object.assign(process.env, TOPOLOGY_ENV, { REDIS_URL: redis.url })
})
afterAll(async () => {
  for (const key of [...Object.keys(TOPOLOGY_ENV), "REDIS_URL"]) delete process.env[key]
  await redis?.stop()
})
const sandbox = useSandboxForMedusa()

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (done(value) || Date.now() > deadline) return value
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}

medusaIntegrationTestRunner({
  testSuite: ({ getContainer, api, dbConfig }) => {
    const children: Array<{ name: string; child: ChildProcess; log: string }> = []
    let server2 = ""
    let store: SeededStore

    async function start(name: string, mode: "server" | "worker"): Promise<string> {
      const port = await freePort()
      const url = `http://localhost:${port}`
      const child = spawnMedusa(["start"], {
        ...process.env,
        NODE_ENV: "test",
        DATABASE_URL: dbConfig.clientUrl,
        PORT: String(port),
        MEDUSA_WORKER_MODE: mode,
        MEDUSA_ADMIN_DISABLED: "true",
        MEDUSA_DISABLE_TELEMETRY: "true",
        LOG_LEVEL: "error",
      })
      const entry = { name, child, log: "" }
      child.stdout!.on("data", (chunk: Buffer) => (entry.log += chunk.toString()))
      child.stderr!.on("data", (chunk: Buffer) => (entry.log += chunk.toString()))
      children.push(entry)
      await waitForHealth(url, child).catch((error: Error) => {
        throw new Error(`${name}: ${error.message}\n${entry.log.slice(-3000)}`)
      })
      return url
    }

    beforeAll(async () => {
      // this test's own Medusa is a server like the second one: it runs no subscriber and no job
      expect(getContainer().resolve("configModule").projectConfig.workerMode).toBe("server")
      store = await seedStore(getContainer())
      server2 = await start("server 2", "server")
      await start("worker", "worker")
    })
    afterAll(async () => {
      await Promise.all(children.map(({ child }) => stopProcess(child)))
    })

    const paidBody = async (invoiceboxOrderId: string) => {
      const { data } = await axios.post(`${sandbox.url}/_sandbox/orders/${invoiceboxOrderId}/pay?notify=none`)
      const raw = JSON.stringify(data.order)
      return {
        raw,
        headers: { "Content-Type": "application/json", "X-Signature": signBody(raw, DEMO_SHOP.notificationKey) },
      }
    }

    it("a checkout on one server, its notifications on both: one order, one payment", async () => {
      const { cart, invoiceboxOrderId } = await checkoutWithInvoicebox(api, store, {
        items: [{ variant_id: store.variants.tea, quantity: 1 }],
      })
      const { raw, headers } = await paidBody(invoiceboxOrderId)
      const replies = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          i % 2 === 0
            ? api.post("/hooks/invoicebox", raw, { headers }).then((r: { data: unknown }) => r.data)
            : axios.post(`${server2}/hooks/invoicebox`, raw, { headers }).then((r) => r.data)
        )
      )
      expect(replies).toEqual(Array.from({ length: 10 }, () => ({ status: "success" })))
      expect((await orderOfCart(getContainer(), cart.id))!.payments).toHaveLength(1)
    })

    it("the worker recovers a lost notification (reconciliation job)", async () => {
      const { cart, invoiceboxOrderId } = await checkoutWithInvoicebox(api, store, {
        items: [{ variant_id: store.variants.tea, quantity: 1 }],
      })
      await axios.post(`${sandbox.url}/_sandbox/orders/${invoiceboxOrderId}/pay?notify=none`)
      const order = await eventually(
        () => orderOfCart(getContainer(), cart.id),
        (found) => found !== null
      )
      expect(order?.payments).toHaveLength(1)
    })

    it("the worker registers the InvoiceBox shipment when Medusa ships (subscriber on Redis events)", async () => {
      const { cart, invoiceboxOrderId } = await checkoutWithInvoicebox(api, store, {
        items: [{ variant_id: store.variants.samovar, quantity: 1 }],
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
      const {
        data: { order: full },
      } = await api.get(`/admin/orders/${order!.id}?fields=*items`, admin)
      const {
        data: { order: fulfilled },
      } = await api.post(
        `/admin/orders/${order!.id}/fulfillments?fields=*fulfillments`,
        { items: [{ id: full.items[0].id, quantity: 1 }], location_id: store.stockLocationId },
        admin
      )
      await api.post(
        `/admin/orders/${order!.id}/fulfillments/${fulfilled.fulfillments[0].id}/shipments`,
        { items: [{ id: full.items[0].id, quantity: 1 }] },
        admin
      )
      const shipments = await eventually(
        async () =>
          (
            (await axios.get(`${sandbox.url}/_sandbox/orders/${invoiceboxOrderId}`)).data as Order & {
              shipments: unknown[]
            }
          ).shipments,
        (list) => list.length > 0
      )
      expect(shipments).toHaveLength(1)
    })
  },
})
