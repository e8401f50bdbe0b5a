/**
 * The sandbox refuses baskets the real API refuses: an empty basket (422 `validation_error` naming
 * `basketItems`, the contract's "array of BasketItem", merchant/order/create.md) and a line whose
 * quantity is not > 0 (422 `wrong_basket_item_total_amount`, dictionary/error.md) — for a new order,
 * an order update and a refund order alike, and without storing anything.
 */
import axios, { type AxiosInstance } from "axios"

import type { BasketItem, CreateOrderRequest, Order } from "../../src/invoicebox/types"
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

interface ApiError {
  code: string
  fields?: Array<{ name: string; code: string; message: string }>
}

function expectRefused(res: { status: number; data: unknown }, code: string, field: string): void {
  expect(res.status).toBe(422)
  const error = (res.data as { error: ApiError }).error
  expect(error.code).toBe(code)
  expect(error.fields?.map((f) => f.name)).toContain(field)
  expect(res.data).not.toHaveProperty("data")
}

const cents = (value: number): number => Math.round(value * 100)
const sum = (items: BasketItem[], field: "totalAmount" | "totalVatAmount"): number =>
  items.reduce((total, item) => total + cents(item[field]), 0) / 100

/** The basket with line `index` set to quantity `quantity` (and nothing on it), totals kept consistent. */
function withQuantity(
  basket: BasketItem[],
  index: number,
  quantity: number
): Pick<CreateOrderRequest, "amount" | "vatAmount" | "basketItems"> {
  const basketItems = basket.map((item, i) =>
    i === index ? { ...item, quantity, totalAmount: 0, totalVatAmount: 0 } : item
  )
  return { basketItems, amount: sum(basketItems, "totalAmount"), vatAmount: sum(basketItems, "totalVatAmount") }
}

async function orderCount(): Promise<number> {
  const res = await api.get("/v3/filter/api/order/order")
  expect(res.status).toBe(200)
  return (res.data.metaData as { totalCount: number }).totalCount
}

async function createOrder(): Promise<Order> {
  const res = await api.post("/v3/billing/api/order/order", orderRequest())
  expect(res.status).toBe(200)
  return res.data.data as Order
}

describe("create order", () => {
  it("refuses an empty basket with validation_error on basketItems, and stores nothing", async () => {
    const res = await api.post(
      "/v3/billing/api/order/order",
      orderRequest({ basketItems: [], amount: 0, vatAmount: 0 })
    )
    expectRefused(res, "validation_error", "basketItems")
    expect(await orderCount()).toBe(0)
  })

  it("refuses a line with zero quantity with wrong_basket_item_total_amount naming the line, and stores nothing", async () => {
    const request = orderRequest()
    const res = await api.post("/v3/billing/api/order/order", {
      ...request,
      ...withQuantity(request.basketItems, 0, 0),
    })
    expectRefused(res, "wrong_basket_item_total_amount", "basketItems[0].quantity")
    const second = await api.post("/v3/billing/api/order/order", {
      ...request,
      ...withQuantity(request.basketItems, 1, 0),
    })
    expectRefused(second, "wrong_basket_item_total_amount", "basketItems[1].quantity")
    expect(await orderCount()).toBe(0)
  })

  it("refuses a basket whose only line has zero quantity (a zero order)", async () => {
    const request = orderRequest()
    const res = await api.post("/v3/billing/api/order/order", {
      ...request,
      ...withQuantity(request.basketItems.slice(0, 1), 0, 0),
    })
    expectRefused(res, "wrong_basket_item_total_amount", "basketItems[0].quantity")
  })

  it.each([-1, 0.0001, 1e-7])("refuses quantity %p the same way", async (quantity) => {
    const request = orderRequest()
    const res = await api.post("/v3/billing/api/order/order", {
      ...request,
      ...withQuantity(request.basketItems, 0, quantity),
    })
    expectRefused(res, "wrong_basket_item_total_amount", "basketItems[0].quantity")
  })

  it("accepts the smallest quantity, one thousandth", async () => {
    const request = orderRequest({}, [
      { sku: "SAFFRON", name: "Шафран", unitPrice: "1000.00", quantity: "0.001", vatCode: "RUS_VAT10" },
    ])
    expect(request.basketItems[0]).toMatchObject({ quantity: 0.001, totalAmount: 1 })
    const res = await api.post("/v3/billing/api/order/order", request)
    expect(res.status).toBe(200)
    expect(res.data.data.basketItems[0].quantity).toBe(0.001)
  })
})

describe("update order", () => {
  it("refuses an empty basket or a zero-quantity line and leaves the order as it was", async () => {
    const order = await createOrder()
    expectRefused(
      await api.put(`/v3/billing/api/order/order/${order.id}`, { basketItems: [], amount: 0, vatAmount: 0 }),
      "validation_error",
      "basketItems"
    )
    expectRefused(
      await api.put(`/v3/billing/api/order/order/${order.id}`, withQuantity(order.basketItems, 2, 0)),
      "wrong_basket_item_total_amount",
      "basketItems[2].quantity"
    )
    const stored = await api.get("/v3/filter/api/order/order", { params: { id: order.id } })
    expect(stored.data.data[0]).toMatchObject({ amount: order.amount, basketItems: order.basketItems })
  })
})

describe("refund order", () => {
  it("refuses an empty basket or a zero-quantity line and refunds nothing", async () => {
    const order = await createOrder()
    expect((await api.post(`/_sandbox/orders/${order.id}/pay?notify=none`)).status).toBe(200)
    const refund = (
      merchantOrderId: string,
      basket: Pick<CreateOrderRequest, "amount" | "vatAmount" | "basketItems">
    ) =>
      api.post("/v3/billing/api/order/refund-order", {
        parentId: order.id,
        merchantOrderId,
        description: "Возврат",
        ...basket,
      })
    expectRefused(
      await refund("r-empty", { basketItems: [], amount: 0, vatAmount: 0 }),
      "validation_error",
      "basketItems"
    )
    expectRefused(
      await refund("r-zero", withQuantity(order.basketItems.slice(0, 1), 0, 0)),
      "wrong_basket_item_total_amount",
      "basketItems[0].quantity"
    )
    const refundable = await api.get(`/v3/billing/api/order/order/${order.id}/refund-basket-item`)
    // nothing was refunded: every line is refundable whole, and says so in availableAmount
    expect(refundable.data.data).toEqual(
      order.basketItems.map((item) => ({
        ...item,
        availableAmount: item.totalAmount,
        availableVatAmount: item.totalVatAmount,
      }))
    )
    const refunds = await api.get("/v3/filter/api/order/refund-order", { params: { parentId: order.id } })
    expect(refunds.data.data).toEqual([])
  })
})
