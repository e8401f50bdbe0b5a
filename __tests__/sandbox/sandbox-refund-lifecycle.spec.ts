/**
 * Refund orders as the real API keeps them (merchant/refund/refund.md): created → completed later, or
 * canceled; a draft goes ahead with its correction order (merchant/refund/correction.md). With
 * `refundCompletion: "manual"` the sandbox answers `created` and the control API completes or cancels.
 */
import type { BasketItem, Order, RefundOrder, RefundableBasketItem } from "../../src/invoicebox/types"
import { startSandbox, type RunningSandbox } from "../../src/sandbox"
import { orderRequest } from "../helpers/orders"
import { expectApiError, sandboxApi, type SandboxApi } from "./sandbox-client"

let immediate: RunningSandbox
let manual: RunningSandbox
let ib: SandboxApi

beforeAll(async () => {
  immediate = await startSandbox({ port: 0, quiet: true, rateLimit: false })
  manual = await startSandbox({ port: 0, quiet: true, rateLimit: false, refundCompletion: "manual" })
  ib = sandboxApi(manual)
})
afterAll(async () => {
  await immediate.close()
  await manual.close()
})
beforeEach(() => {
  immediate.reset()
  manual.reset()
})

const refundOf = (order: Order, merchantOrderId: string, items: BasketItem[], status?: "draft") => ({
  parentId: order.id,
  merchantOrderId,
  description: "Возврат",
  amount: Math.round(items.reduce((sum, item) => sum + item.totalAmount * 100, 0)) / 100,
  vatAmount: Math.round(items.reduce((sum, item) => sum + item.totalVatAmount * 100, 0)) / 100,
  basketItems: items,
  ...(status ? { status } : {}),
})

async function refund(order: Order, merchantOrderId: string, items: BasketItem[], status?: "draft") {
  const res = await ib.api.post("/v3/billing/api/order/refund-order", refundOf(order, merchantOrderId, items, status))
  expect(res.status).toBe(200)
  return res.data.data as RefundOrder
}

const refundable = async (order: Order): Promise<RefundableBasketItem[]> =>
  (await ib.api.get(`/v3/billing/api/order/order/${order.id}/refund-basket-item`)).data.data
const control = (id: string, action: "complete" | "cancel") => ib.api.post(`/_sandbox/refunds/${id}/${action}`)

async function paidOrder(): Promise<Order> {
  const order = await ib.createOrder()
  await ib.pay(order.id)
  return order
}

it("by default a refund order is created completed, as the plugin's tests expect", async () => {
  const other = sandboxApi(immediate)
  const order = await other.createOrder()
  await other.pay(order.id)
  const res = await other.api.post(
    "/v3/billing/api/order/refund-order",
    refundOf(order, "r-1", order.basketItems.slice(0, 1))
  )
  expect(res.data.data.status).toBe("completed")
})

describe("manual completion", () => {
  it("answers created, as the real API does, and completes when told", async () => {
    const order = await paidOrder()
    const created = await refund(order, "r-1", order.basketItems.slice(0, 1))
    expect(created.status).toBe("created")
    const listed = await ib.api.get("/v3/filter/api/order/refund-order", { params: { status: "created" } })
    expect(listed.data.data.map((r: RefundOrder) => r.id)).toEqual([created.id])

    const completed = await control(created.id, "complete")
    expect(completed.data).toMatchObject({ id: created.id, status: "completed" })
    expect((await ib.api.get(`/_sandbox/refunds/${created.id}`)).data.status).toBe("completed")
    expectApiError(await control(created.id, "complete"), 422, "wrong_order_status")
    expectApiError(await control(created.id, "cancel"), 422, "wrong_order_status")
    expectApiError(await control("00000000-0000-0000-0000-000000000000", "complete"), 404, "not_found")
  })

  it("a canceled refund gives its lines back: they are refundable again in full", async () => {
    const order = await paidOrder()
    const before = await refundable(order)
    const created = await refund(order, "r-1", order.basketItems.slice(0, 2))
    expect((await refundable(order)).map((item) => item.sku)).toEqual(
      order.basketItems.slice(2).map((item) => item.sku)
    )

    expect((await control(created.id, "cancel")).data.status).toBe("canceled")
    expect(await refundable(order)).toEqual(before)
    // the same goods can be refunded again under a new merchantOrderId
    await refund(order, "r-2", order.basketItems.slice(0, 2))
  })

  it("a draft is neither completed nor refunded twice; canceling it gives its lines back", async () => {
    const order = await paidOrder()
    const before = await refundable(order)
    const draft = await refund(order, "r-draft", order.basketItems.slice(0, 1), "draft")
    expect(draft.status).toBe("draft")
    expectApiError(await control(draft.id, "complete"), 422, "wrong_order_status")
    // the draft holds its line: it cannot be refunded a second time meanwhile
    expect(await refundable(order)).toEqual(before.slice(1))
    expectApiError(
      await ib.api.post(
        "/v3/billing/api/order/refund-order",
        refundOf(order, "r-again", order.basketItems.slice(0, 1))
      ),
      422,
      "validation_error"
    )
    await control(draft.id, "cancel")
    expect(await refundable(order)).toEqual(before)
  })
})

describe("correction orders", () => {
  const fee = (amount: number, overrides: object = {}) =>
    orderRequest({
      amount,
      vatAmount: 0,
      basketItems: [
        {
          sku: "fee",
          name: "Штраф за возврат",
          measure: "шт",
          measureCode: "796",
          quantity: 1,
          amount,
          amountWoVat: amount,
          totalAmount: amount,
          totalVatAmount: 0,
          vatCode: "VATNONE",
          type: 12,
          paymentType: "full_payment",
        },
      ],
      ...overrides,
    })

  it("keeps the fee from a draft refund: the correction is settled, the refund goes ahead (created)", async () => {
    const order = await paidOrder()
    const draft = await refund(order, "r-draft", order.basketItems.slice(0, 1), "draft")
    const res = await ib.api.post("/v3/billing/api/order/correction-order", { ...fee(50), parentId: draft.id })
    expect(res.status).toBe(200)
    expect(res.data.data).toMatchObject({
      parentId: draft.id,
      subtype: "correction",
      status: "completed",
      amount: 50,
      paidAt: expect.any(String),
    })
    expect((await ib.api.get(`/_sandbox/refunds/${draft.id}`)).data.status).toBe("created")
    // one correction per draft
    expectApiError(
      await ib.api.post("/v3/billing/api/order/correction-order", { ...fee(10), parentId: draft.id }),
      422,
      "wrong_order_status"
    )
  })

  it("refuses an unknown refund, another currency, more than the refund and a used merchantOrderId", async () => {
    const order = await paidOrder()
    const draft = await refund(order, "r-draft", order.basketItems.slice(0, 1), "draft")
    const post = (body: object) => ib.api.post("/v3/billing/api/order/correction-order", body)
    expectApiError(await post({ ...fee(5), parentId: "00000000-0000-0000-0000-000000000000" }), 404, "not_found")
    expectApiError(await post({ ...fee(5, { currencyId: "USD" }), parentId: draft.id }), 422, "wrong_currency")
    expectApiError(await post({ ...fee(draft.amount + 0.01), parentId: draft.id }), 422, "wrong_total_amount")
    expectApiError(
      await post({ ...fee(5, { merchantOrderId: order.merchantOrderId }), parentId: draft.id }),
      422,
      "merchant_order_id_duplicate"
    )
    expect((await ib.api.get(`/_sandbox/refunds/${draft.id}`)).data.status).toBe("draft")
  })
})
