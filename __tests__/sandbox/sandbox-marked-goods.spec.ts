/**
 * Marked and excise goods on basket lines: the sandbox takes the docs' product groups, category types
 * and tag 1212 codes, and answers anything else with the API's 422 validation_error naming the field.
 */
import type { BasketItem } from "../../src/invoicebox/types"
import { startSandbox, type RunningSandbox } from "../../src/sandbox"
import { docsBasketItem, orderRequest } from "../helpers/orders"
import { expectApiError, sandboxApi, type SandboxApi } from "./sandbox-client"

let sandbox: RunningSandbox
let ib: SandboxApi

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, quiet: true, rateLimit: false })
  ib = sandboxApi(sandbox)
})
afterAll(() => sandbox.close())
beforeEach(() => sandbox.reset())

/** An order of the docs' one line, changed as given (amounts stay consistent). */
function orderOf(line: Record<string, unknown>) {
  const item = { ...docsBasketItem({ type: "commodity" }), ...line }
  return orderRequest({ amount: item.totalAmount, vatAmount: item.totalVatAmount, basketItems: [item as BasketItem] })
}

const create = (line: Record<string, unknown>) => ib.api.post("/v3/billing/api/order/order", orderOf(line))

it("takes a marked line of a «Честный знак» group, a shop category and an excise line", async () => {
  const marked = await create({ type: 33, categoryType: "honestSign", category: "shoes" })
  expect(marked.status).toBe(200)
  expect(marked.data.data.basketItems[0]).toMatchObject({ type: 33, categoryType: "honestSign", category: "shoes" })
  expect((await create({ categoryType: "merchantHonestSignMap", category: "shop-cat-12" })).status).toBe(200)
  expect((await create({ type: 31, categoryType: "honestSign", category: "beer", excise: 10.5 })).status).toBe(200)
})

it("reads a tag 1212 code written as a string as the code", async () => {
  const res = await create({ type: "33", categoryType: "honestSign", category: "milk" })
  expect(res.status).toBe(200)
  expect(res.data.data.basketItems[0].type).toBe(33)
})

it.each([
  [{ type: 28 }, "basketItems.0.type"],
  [{ type: 33, categoryType: "honestSign", category: "caviar" }, "basketItems.0.category"],
  [{ type: 33, category: "milk" }, "basketItems.0.categoryType"],
  [{ type: "service", categoryType: "honestSign", category: "milk" }, "basketItems.0.type"],
  [{ type: 1, excise: 5 }, "basketItems.0.excise"],
  [{ type: 2, excise: 1000 }, "basketItems.0.excise"],
])("refuses %j with validation_error on %s", async (line, field) => {
  const fields = expectApiError(await create(line), 422, "validation_error")
  expect(fields).toEqual([expect.objectContaining({ name: field, code: "wrong_value", message: expect.any(String) })])
})

it("checks the lines of refunds and shipments the same way", async () => {
  const order = (await create({ type: 33, categoryType: "honestSign", category: "lp" })).data.data
  await ib.pay(order.id)
  const wrong = { ...order.basketItems[0], category: "unknown-group" }
  const refund = await ib.api.post("/v3/billing/api/order/refund-order", {
    parentId: order.id,
    merchantOrderId: "r-1",
    description: "Возврат",
    amount: order.amount,
    vatAmount: order.vatAmount,
    basketItems: [wrong],
  })
  expect(expectApiError(refund, 422, "validation_error").map((f) => f.name)).toEqual(["basketItems.0.category"])
  const shipment = await ib.api.post("/v3/billing/api/order/shipment", { orderId: order.id, basketItems: [wrong] })
  expect(expectApiError(shipment, 422, "validation_error").map((f) => f.name)).toEqual(["basketItems.0.category"])
})
