/** Conformance of the sandbox with the InvoiceBox API v3 docs: envelopes, rules and error codes. */
import axios, { type AxiosInstance } from "axios"

import { DEMO_SHOP, type BasketItem, type Order } from "../../src/invoicebox/types"
import { startSandbox, type RunningSandbox } from "../../src/sandbox"
import { AUTH, orderRequest } from "../helpers/orders"

let sandbox: RunningSandbox
let api: AxiosInstance

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, quiet: true, rateLimit: false })
  api = axios.create({ baseURL: sandbox.url, headers: AUTH, validateStatus: () => true })
})
afterAll(() => sandbox.close())
beforeEach(() => sandbox.reset())

async function createOrder(overrides = {}): Promise<Order> {
  const res = await api.post("/v3/billing/api/order/order", orderRequest(overrides))
  expect(res.status).toBe(200)
  return res.data.data as Order
}

async function pay(id: string): Promise<void> {
  const res = await api.post(`/_sandbox/orders/${id}/pay?notify=none`)
  expect(res.status).toBe(200)
}

function expectError(
  res: { status: number; data: unknown; headers: Record<string, unknown> },
  status: number,
  code: string
): void {
  expect(res.status).toBe(status)
  expect((res.data as { error: { code: string } }).error.code).toBe(code)
  expect(res.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/)
}

describe("auth", () => {
  it("answers the auth check with a user for the right token, anonymous without one, 401 for a wrong one", async () => {
    const ok = await api.get("/v3/security/api/auth/auth")
    expect(ok.status).toBe(200)
    expect(ok.data.data.userId).toEqual(expect.any(String))
    const anonymous = await axios.get(`${sandbox.url}/v3/security/api/auth/auth`)
    expect(anonymous.data.data.userId).toBeNull()
    const wrong = await api.get("/v3/security/api/auth/auth", { headers: { Authorization: "Bearer nope" } })
    expectError(wrong, 401, "unauthorized")
  })

  it("refuses order calls without a token", async () => {
    const res = await axios.post(`${sandbox.url}/v3/billing/api/order/order`, orderRequest(), {
      validateStatus: () => true,
    })
    expectError(res, 401, "unauthorized")
  })
})

describe("create order", () => {
  it("returns the order in the data envelope with the real API's fields", async () => {
    const request = orderRequest()
    const res = await api.post("/v3/billing/api/order/order", request)
    expect(res.status).toBe(200)
    expect(res.data.extendedData).toEqual([])
    const order = res.data.data as Order
    expect(order).toMatchObject({
      merchantOrderId: request.merchantOrderId,
      merchantId: DEMO_SHOP.merchantId,
      status: "created",
      subtype: "order",
      processingStatus: "",
      fileIds: [],
      amount: request.amount,
      basketItems: request.basketItems,
    })
    expect(order.paymentUrl).toBe(`${sandbox.url}/order/${order.orderContainerId}`)
    expect(order.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/)
  })

  it("works under the /l3/ prefix too", async () => {
    const res = await api.post("/l3/billing/api/order/order", orderRequest())
    expect(res.status).toBe(200)
  })

  it.each([
    ["wrong_currency", { currencyId: "XXX" }],
    ["wrong_expiration_date", { expirationDate: "2001-01-01T00:00:00+00:00" }],
    ["wrong_expiration_date", { expirationDate: "tomorrow" }],
    ["language_not_found", { languageId: "de" }],
    ["wrong_total_amount", { amount: 1 }],
    ["wrong_total_vat_amount", { vatAmount: 0 }],
  ])("422 %s", async (code, overrides) => {
    expectError(await api.post("/v3/billing/api/order/order", orderRequest(overrides as object)), 422, code)
  })

  const badLine = (patch: Partial<BasketItem>) => {
    const request = orderRequest()
    request.basketItems = [{ ...request.basketItems[0]!, ...patch }, ...request.basketItems.slice(1)]
    return request
  }

  it("422 wrong_basket_item_total_amount when amount × quantity ≠ totalAmount", async () => {
    const request = badLine({})
    const first = request.basketItems[0]!
    request.basketItems[0] = { ...first, totalAmount: Math.round((first.totalAmount + 0.01) * 100) / 100 }
    expectError(await api.post("/v3/billing/api/order/order", request), 422, "wrong_basket_item_total_amount")
  })

  it("422 wrong_basket_item_amount_wo_vat and wrong_basket_item_total_vat_amount", async () => {
    const first = orderRequest().basketItems[0]!
    expectError(
      await api.post("/v3/billing/api/order/order", badLine({ amountWoVat: first.amount })),
      422,
      "wrong_basket_item_amount_wo_vat"
    )
    expectError(
      await api.post("/v3/billing/api/order/order", badLine({ totalVatAmount: 0 })),
      422,
      "wrong_basket_item_total_vat_amount"
    )
  })

  it("422 merchant_order_id_duplicate for a reused merchantOrderId", async () => {
    const request = orderRequest()
    expect((await api.post("/v3/billing/api/order/order", request)).status).toBe(200)
    expectError(await api.post("/v3/billing/api/order/order", request), 422, "merchant_order_id_duplicate")
  })

  it("403 forbidden for another merchant's id", async () => {
    expectError(
      await api.post(
        "/v3/billing/api/order/order",
        orderRequest({ merchantId: "01771534-1a57-f184-dee3-ebeb91dded76" })
      ),
      403,
      "forbidden"
    )
  })

  it("422 validation_error names every missing required field", async () => {
    const res = await api.post("/v3/billing/api/order/order", { merchantId: DEMO_SHOP.merchantId })
    expectError(res, 422, "validation_error")
    const names = (res.data.error.fields as Array<{ name: string }>).map((f) => f.name)
    expect(names).toEqual(
      expect.arrayContaining([
        "description",
        "merchantOrderId",
        "amount",
        "vatAmount",
        "currencyId",
        "expirationDate",
        "basketItems",
        "customer",
      ])
    )
  })

  it("422 validation_error for an unknown VAT code or a too long measure", async () => {
    expectError(
      await api.post("/v3/billing/api/order/order", badLine({ vatCode: "RUS_VAT18" as BasketItem["vatCode"] })),
      422,
      "validation_error"
    )
    expectError(
      await api.post("/v3/billing/api/order/order", badLine({ measure: "килограммы!" })),
      422,
      "validation_error"
    )
  })
})

describe("lists, filters, paging", () => {
  it("filters by id, merchantOrderId, status[] and operators, sorts and pages", async () => {
    const a = await createOrder()
    const b = await createOrder()
    const c = await createOrder()
    await pay(b.id)
    const byId = await api.get("/v3/filter/api/order/order", { params: { id: a.id } })
    expect(byId.data.data.map((o: Order) => o.id)).toEqual([a.id])
    expect(byId.data.metaData).toEqual({ totalCount: 1, pageSize: 30, page: 1 })
    const byMid = await api.get(`/v3/filter/api/order/order?merchantOrderId=${encodeURIComponent(c.merchantOrderId)}`)
    expect(byMid.data.data.map((o: Order) => o.id)).toEqual([c.id])
    const completed = await api.get("/v3/filter/api/order/order?status[]=completed&status[]=canceled")
    expect(completed.data.data.map((o: Order) => o.id)).toEqual([b.id])
    const notCompleted = await api.get("/v3/filter/api/order/order?status[_ne]=completed&_order[merchantOrderId]=desc")
    expect(notCompleted.data.data.map((o: Order) => o.id)).toEqual([c.id, a.id])
    const amount = await api.get(`/v3/filter/api/order/order?amount[_ge]=${a.amount}&amount[_lt]=${a.amount + 1}`)
    expect(amount.data.metaData.totalCount).toBe(3)
    const page2 = await api.get("/v3/filter/api/order/order?pageSize=2&page=2")
    expect(page2.data.data).toHaveLength(1)
    expect(page2.data.metaData).toEqual({ totalCount: 3, pageSize: 2, page: 2 })
    const prefix = await api.get(
      `/v3/filter/api/order/order?merchantOrderId[_start]=${encodeURIComponent(a.merchantOrderId)}`
    )
    expect(prefix.data.data.map((o: Order) => o.id)).toEqual([a.id])
  })
})

describe("order lifecycle", () => {
  it("updates an unpaid order, refuses to update a paid one with wrong_order_status", async () => {
    const order = await createOrder()
    const res = await api.put(`/v3/billing/api/order/order/${order.id}`, { description: "Новое описание" })
    expect(res.status).toBe(200)
    expect(res.data.data.description).toBe("Новое описание")
    expectError(await api.put(`/v3/billing/api/order/order/${order.id}`, { amount: 1 }), 422, "wrong_total_amount")
    await pay(order.id)
    expectError(
      await api.put(`/v3/billing/api/order/order/${order.id}`, { description: "x" }),
      422,
      "wrong_order_status"
    )
  })

  it("cancels an unpaid order; a canceled or paid one cannot be canceled or paid", async () => {
    const order = await createOrder()
    const canceled = await api.delete(`/v3/billing/api/order/order/${order.id}`)
    expect(canceled.data.data.status).toBe("canceled")
    expectError(await api.delete(`/v3/billing/api/order/order/${order.id}`), 422, "wrong_order_status")
    expectError(await api.post(`/_sandbox/orders/${order.id}/pay`), 422, "wrong_order_status")
  })

  it("404 not_found for unknown orders", async () => {
    expectError(await api.delete("/v3/billing/api/order/order/00000000-0000-0000-0000-000000000000"), 404, "not_found")
    expectError(
      await api.get("/v3/billing/api/order/order/00000000-0000-0000-0000-000000000000/refund-basket-item"),
      404,
      "not_found"
    )
  })

  it("expires an unpaid order past its expirationDate", async () => {
    const order = await createOrder({ expirationDate: new Date(Date.now() + 300).toISOString() })
    await new Promise((resolve) => setTimeout(resolve, 400))
    const res = await api.get("/v3/filter/api/order/order", { params: { id: order.id } })
    expect(res.data.data[0].status).toBe("expired")
    expectError(await api.post(`/_sandbox/orders/${order.id}/pay`), 422, "wrong_order_status")
  })

  it("changes the status of non-processable orders only", async () => {
    const processable = await createOrder()
    expectError(
      await api.put(`/v3/billing/api/order/${processable.id}/status`, { status: "completed" }),
      422,
      "wrong_order_status"
    )
    const manual = await createOrder({ processable: false })
    const res = await api.put(`/v3/billing/api/order/${manual.id}/status`, { status: "completed" })
    expect(res.data.data.status).toBe("completed")
    expect(res.data.data.paidAt).toEqual(expect.any(String))
  })
})

describe("refunds", () => {
  it("refunds only paid orders, within the refundable lines, with unique merchantOrderIds", async () => {
    const order = await createOrder()
    const line = order.basketItems[0]!
    const refundOf = (merchantOrderId: string, items: BasketItem[]) => ({
      parentId: order.id,
      merchantOrderId,
      description: "Возврат",
      amount: Math.round(items.reduce((s, i) => s + i.totalAmount * 100, 0)) / 100,
      vatAmount: Math.round(items.reduce((s, i) => s + i.totalVatAmount * 100, 0)) / 100,
      basketItems: items,
    })
    expectError(
      await api.post("/v3/billing/api/order/refund-order", refundOf("r-0", [line])),
      422,
      "wrong_order_status"
    )
    await pay(order.id)

    const first = await api.post("/v3/billing/api/order/refund-order", refundOf("r-1", [line]))
    expect(first.status).toBe(200)
    expect(first.data.data).toMatchObject({ parentId: order.id, status: "completed", currencyId: "RUB" })
    expectError(
      await api.post("/v3/billing/api/order/refund-order", refundOf("r-1", [order.basketItems[1]!])),
      422,
      "merchant_order_id_duplicate"
    )
    // the same line again: nothing left of it
    expectError(await api.post("/v3/billing/api/order/refund-order", refundOf("r-2", [line])), 422, "validation_error")

    const refundable = await api.get(`/v3/billing/api/order/order/${order.id}/refund-basket-item`)
    expect(refundable.data.data).toEqual(
      order.basketItems
        .slice(1)
        .map((item) => ({ ...item, availableAmount: item.totalAmount, availableVatAmount: item.totalVatAmount }))
    )
    const list = await api.get("/v3/filter/api/order/refund-order", { params: { parentId: order.id } })
    expect(list.data.data.map((r: { merchantOrderId: string }) => r.merchantOrderId)).toEqual(["r-1"])
  })

  it("checks a refund's arithmetic like an order's", async () => {
    const order = await createOrder()
    await pay(order.id)
    const line = order.basketItems[0]!
    const res = await api.post("/v3/billing/api/order/refund-order", {
      parentId: order.id,
      merchantOrderId: "r-bad",
      description: "Возврат",
      amount: line.totalAmount + 1,
      vatAmount: line.totalVatAmount,
      basketItems: [line],
    })
    expectError(res, 422, "wrong_total_amount")
  })
})

describe("shipments", () => {
  it("registers shipments of paid orders only, for goods in the order", async () => {
    const order = await createOrder()
    const request = { orderId: order.id, basketItems: order.basketItems }
    expectError(await api.post("/v3/billing/api/order/shipment", request), 422, "wrong_order_status")
    await pay(order.id)
    const created = await api.post("/v3/billing/api/order/shipment", request)
    expect(created.status).toBe(200)
    expect(created.data.data).toMatchObject({
      id: expect.any(Number),
      orderId: order.id,
      merchantId: DEMO_SHOP.merchantId,
    })
    const foreign = { ...order.basketItems[0]!, sku: "OTHER" }
    expectError(
      await api.post("/v3/billing/api/order/shipment", { orderId: order.id, basketItems: [foreign] }),
      422,
      "validation_error"
    )
    const list = await api.get("/v3/filter/api/order/shipment", { params: { orderId: order.id } })
    expect(list.data.data).toHaveLength(1)
  })
})

describe("partner API", () => {
  it("sends invites and activates a shop", async () => {
    const partnerId = "dda90c3d-e2f8-4f90-aa8b-87b1cd2956a1"
    const invite = await api.post("/v3/notification/api/invite", {
      partnerId,
      type: "email",
      identifier: "shop@shop.com",
    })
    expect(invite.data.data.id).toEqual(expect.any(Number))
    const activation = await api.post("/v3/billing/api/merchant/merchant-integration-setting/activation", {
      partnerId,
      activationCode: "111222333",
    })
    expect(activation.data.data).toEqual({ merchantId: DEMO_SHOP.merchantId, token: DEMO_SHOP.token })
    expectError(
      await api.post("/v3/notification/api/invite", { partnerId, type: "sms", identifier: "x" }),
      422,
      "validation_error"
    )
  })
})

describe("rate limit and faults", () => {
  it("answers 429 with Retry-After past the limit", async () => {
    const limited = await startSandbox({ port: 0, quiet: true, rateLimit: { maxRequests: 3, intervalMs: 10_000 } })
    try {
      const client = axios.create({ baseURL: limited.url, headers: AUTH, validateStatus: () => true })
      for (let i = 0; i < 3; i++) expect((await client.get("/v3/filter/api/order/order")).status).toBe(200)
      const res = await client.get("/v3/filter/api/order/order")
      expectError(res, 429, "too_many_requests")
      expect(Number(res.headers["retry-after"])).toBeGreaterThanOrEqual(1)
    } finally {
      await limited.close()
    }
  })

  it("injects 500s, 429s and a lost reply per endpoint", async () => {
    await api.post("/_sandbox/faults", {
      getOrders: { status500Count: 1, status429Count: 1 },
      createOrder: { timeoutOnce: true },
    })
    expectError(await api.get("/v3/filter/api/order/order"), 500, "internal_error")
    expectError(await api.get("/v3/filter/api/order/order"), 429, "too_many_requests")
    expect((await api.get("/v3/filter/api/order/order")).status).toBe(200)
    const request = orderRequest()
    await expect(api.post("/v3/billing/api/order/order", request)).rejects.toThrow(/socket hang up|ECONNRESET/)
    // the write happened although its reply was lost
    const found = await api.get("/v3/filter/api/order/order", { params: { merchantOrderId: request.merchantOrderId } })
    expect(found.data.data).toHaveLength(1)
    await api.delete("/_sandbox/faults")
  })
})
