/**
 * Stores run more than one Medusa server on one database. A second, separately started Medusa process
 * shares the test runner's database; duplicates of one notification delivered to both at once still
 * make exactly one order with one payment (the lock is PostgreSQL's, not a process's memory).
 */
import type { ChildProcess } from "node:child_process"

import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import axios from "axios"

import { spawnMedusa, stopProcess, waitForHealth } from "../../scripts/lib/medusa-process"
import { freePort } from "../../scripts/lib/postgres"
import { signBody } from "../../src/invoicebox/signature"
import { DEMO_SHOP } from "../../src/invoicebox/types"
import { useSandboxForMedusa } from "../helpers/sandbox"
import { orderOfCart, seedStore } from "../helpers/seed"
import { checkoutWithInvoicebox } from "../helpers/storefront"

jest.setTimeout(300_000)

const sandbox = useSandboxForMedusa()

medusaIntegrationTestRunner({
  testSuite: ({ getContainer, api, dbConfig }) => {
    let second: ChildProcess | undefined
    let secondUrl = ""
    let secondLog = ""

    beforeAll(async () => {
      const port = await freePort()
      secondUrl = `http://localhost:${port}`
      second = spawnMedusa(["start"], {
        ...process.env,
        NODE_ENV: "test",
        DATABASE_URL: dbConfig.clientUrl,
        PORT: String(port),
        MEDUSA_ADMIN_DISABLED: "true",
        MEDUSA_DISABLE_TELEMETRY: "true",
        LOG_LEVEL: "error",
      })
      second.stdout!.on("data", (chunk: Buffer) => (secondLog += chunk.toString()))
      second.stderr!.on("data", (chunk: Buffer) => (secondLog += chunk.toString()))
      await waitForHealth(secondUrl, second).catch((error: Error) => {
        throw new Error(`${error.message}\n${secondLog.slice(-3000)}`)
      })
    })
    afterAll(async () => {
      if (second) await stopProcess(second)
    })

    it("20 duplicates of one notification, split across two Medusa processes: one order, one payment", async () => {
      const store = await seedStore(getContainer())
      const { cart, invoiceboxOrderId } = await checkoutWithInvoicebox(api, store, {
        items: [{ variant_id: store.variants.tea, quantity: 2 }],
      })
      const { data } = await axios.post(`${sandbox.url}/_sandbox/orders/${invoiceboxOrderId}/pay?notify=none`)
      const raw = JSON.stringify(data.order)
      const headers = { "Content-Type": "application/json", "X-Signature": signBody(raw, DEMO_SHOP.notificationKey) }

      const replies = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          i % 2 === 0
            ? api.post("/hooks/invoicebox", raw, { headers }).then((r: { data: unknown }) => r.data)
            : axios.post(`${secondUrl}/hooks/invoicebox`, raw, { headers }).then((r) => r.data)
        )
      )
      expect(replies).toEqual(Array.from({ length: 20 }, () => ({ status: "success" })))
      const order = await orderOfCart(getContainer(), cart.id)
      expect(order).not.toBeNull()
      expect(order!.payments).toHaveLength(1)
      // one cart, one order: nothing else was placed by either process
      const query = getContainer().resolve("query")
      const { data: carts } = await query.graph({
        entity: "order_cart",
        fields: ["order_id"],
        filters: { cart_id: cart.id },
      })
      expect(carts).toHaveLength(1)
    })
  },
})
