/** The sandbox's state file: a paid order survives a restart and can still be refunded and read. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

import axios from "axios"

import type { Order } from "../../src/invoicebox/types"
import { startSandbox } from "../../src/sandbox"
import { AUTH, orderRequest } from "../helpers/orders"

const start = (stateFile: string) => startSandbox({ port: 0, quiet: true, rateLimit: false, stateFile })
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe("sandbox state file", () => {
  it("keeps orders, refunds and shipments across a restart", async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), "sandbox-state-")), "state.json")
    const first = await start(stateFile)
    const api = axios.create({ baseURL: first.url, headers: AUTH })
    const order = (await api.post("/v3/billing/api/order/order", orderRequest())).data.data as Order
    await axios.post(`${first.url}/_sandbox/orders/${order.id}/pay?notify=none`)
    await api.post("/v3/billing/api/order/shipment", { orderId: order.id, basketItems: order.basketItems })
    const line = order.basketItems[0]!
    await api.post("/v3/billing/api/order/refund-order", {
      parentId: order.id,
      merchantOrderId: `${order.merchantOrderId}:refund:1`,
      amount: line.totalAmount,
      vatAmount: line.totalVatAmount,
      basketItems: [line],
      description: "Возврат",
    })
    await first.close()

    const second = await start(stateFile)
    try {
      const restored = (await axios.get(`${second.url}/_sandbox/orders/${order.id}`)).data as Order & {
        refunds: unknown[]
        shipments: unknown[]
      }
      expect(restored).toMatchObject({ id: order.id, status: "completed" })
      expect(restored.refunds).toHaveLength(1)
      expect(restored.shipments).toHaveLength(1)
      // the refundable balance came back too: the refunded line is gone, the rest can be refunded
      const refundable = (
        await axios.get(`${second.url}/v3/billing/api/order/order/${order.id}/refund-basket-item`, { headers: AUTH })
      ).data.data as Array<{ sku: string }>
      expect(refundable.map((item) => item.sku)).toEqual(order.basketItems.slice(1).map((item) => item.sku))
      // new changes are written too
      await axios.post(`${second.url}/_sandbox/reset`)
      await wait(200)
      expect(JSON.parse(readFileSync(stateFile, "utf8")).orders).toEqual([])
    } finally {
      await second.close()
    }
  })

  it("refuses a state file of an unknown version instead of starting empty", async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), "sandbox-state-")), "state.json")
    writeFileSync(stateFile, JSON.stringify({ version: 2 }))
    await expect(start(stateFile)).rejects.toThrow(/version/)
  })
})
