/**
 * Shipments as InvoiceBox's official clients see them: `final`, `status`, `createdAt`, `type`,
 * `amount`, `vatAmount`; an order's shipments stay within its amount and end with the final one.
 */
import type { Order } from "../../src/invoicebox/types"
import { startSandbox, type RunningSandbox } from "../../src/sandbox"
import { expectApiError, sandboxApi, type SandboxApi } from "./sandbox-client"

let sandbox: RunningSandbox
let ib: SandboxApi

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, quiet: true, rateLimit: false })
  ib = sandboxApi(sandbox)
})
afterAll(() => sandbox.close())
beforeEach(() => sandbox.reset())

async function paidOrder(): Promise<Order> {
  const order = await ib.createOrder()
  await ib.pay(order.id)
  return order
}

const ship = (body: object) => ib.api.post("/v3/billing/api/order/shipment", body)

it("answers a shipment with its status, time, type and the sums of its lines", async () => {
  const order = await paidOrder()
  const [first, ...rest] = order.basketItems
  const partial = await ship({ orderId: order.id, basketItems: [first], documentNumber: "НАКЛ-1" })
  expect(partial.status).toBe(200)
  expect(partial.data.data).toMatchObject({
    orderId: order.id,
    documentNumber: "НАКЛ-1",
    status: "completed",
    final: false,
    type: "partial",
    amount: first!.totalAmount,
    vatAmount: first!.totalVatAmount,
    createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/),
  })
  const rest_ = await ship({ orderId: order.id, basketItems: rest })
  expect(rest_.data.data).toMatchObject({ final: false, type: "full" })
  const sum = (items: typeof rest) => Math.round(items.reduce((s, item) => s + item.totalAmount * 100, 0)) / 100
  expect(rest_.data.data.amount).toBe(sum(rest))
  const listed = await ib.api.get("/v3/billing/api/order/shipment", { params: { orderId: order.id, final: "false" } })
  expect(listed.data.data).toHaveLength(2)
})

it("keeps an order's shipments within its amount", async () => {
  const order = await paidOrder()
  expect((await ship({ orderId: order.id, basketItems: order.basketItems })).status).toBe(200)
  const fields = expectApiError(
    await ship({ orderId: order.id, basketItems: order.basketItems.slice(0, 1) }),
    422,
    "validation_error"
  )
  expect(fields[0]!.message).toMatch(/left to ship/)
})

it("takes no shipment after the final one", async () => {
  const order = await paidOrder()
  const final = await ship({ orderId: order.id, basketItems: order.basketItems.slice(0, 1), final: true })
  expect(final.data.data).toMatchObject({ final: true, type: "full" })
  expectApiError(
    await ship({ orderId: order.id, basketItems: order.basketItems.slice(1, 2) }),
    422,
    "wrong_order_status"
  )
})
