/**
 * Lists as InvoiceBox's official clients read them: an order by id, `_page` / `_pageSize` / `_order`
 * besides the docs' `page` / `pageSize`, unknown parameters ignored, a malformed `_order` refused, and
 * an order's shipments from the billing path.
 */
import type { Order, Shipment } from "../../src/invoicebox/types"
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

const ids = (res: { data: { data: Array<{ id: string | number }> } }) => res.data.data.map((row) => row.id)

describe("an order by id", () => {
  it("GET /billing/api/order/order/:id answers the order itself; 404 not_found for an unknown id", async () => {
    const order = await ib.createOrder()
    const res = await ib.api.get(`/v3/billing/api/order/order/${order.id}`)
    expect(res.status).toBe(200)
    expect(res.data.data).toEqual(order)
    expectApiError(
      await ib.api.get("/v3/billing/api/order/order/00000000-0000-0000-0000-000000000000"),
      404,
      "not_found"
    )
  })
})

describe("paging and sorting", () => {
  let orders: Order[]
  beforeEach(async () => {
    orders = []
    for (let i = 0; i < 5; i++) orders.push(await ib.createOrder())
  })
  const byMerchantOrderId = () => [...orders].sort((a, b) => (a.merchantOrderId < b.merchantOrderId ? -1 : 1))

  it("pages with _page / _pageSize as with page / pageSize", async () => {
    const docs = await ib.api.get("/v3/filter/api/order/order?pageSize=2&page=2&_order[merchantOrderId]=asc")
    const official = await ib.api.get("/v3/filter/api/order/order?_pageSize=2&_page=2&_order[merchantOrderId]=asc")
    expect(official.data.metaData).toEqual({ totalCount: 5, pageSize: 2, page: 2 })
    expect(ids(official)).toEqual(ids(docs))
    expect(ids(official)).toEqual(
      byMerchantOrderId()
        .slice(2, 4)
        .map((order) => order.id)
    )
  })

  it("sorts by several fields in turn, desc and asc", async () => {
    const res = await ib.api.get("/v3/filter/api/order/order?_order[status]=asc&_order[merchantOrderId]=desc")
    expect(ids(res)).toEqual(
      byMerchantOrderId()
        .reverse()
        .map((order) => order.id)
    )
  })

  it("refuses a malformed _order with 422 validation_error naming _order", async () => {
    for (const query of ["_order=createdAt:desc", "_order[createdAt]=sideways", "_order[createdAt][]=desc"]) {
      const fields = expectApiError(await ib.api.get(`/v3/filter/api/order/order?${query}`), 422, "validation_error")
      expect(fields.map((field) => field.name)).toEqual(["_order"])
    }
  })

  it("ignores parameters that are not fields of the entity, instead of matching nothing", async () => {
    const all = await ib.api.get("/v3/filter/api/order/order?utm_source=newsletter&_whatever=1&_order[nope]=asc")
    expect(all.data.metaData.totalCount).toBe(5)
    const one = await ib.api.get("/v3/filter/api/order/order", {
      params: { merchantOrderId: orders[3]!.merchantOrderId, _pageSize: 5, foo: "bar" },
    })
    expect(ids(one)).toEqual([orders[3]!.id])
  })
})

describe("shipments of an order", () => {
  it("GET /billing/api/order/shipment?orderId= lists them as the filter path does", async () => {
    const order = await ib.createOrder()
    const other = await ib.createOrder()
    for (const paid of [order, other]) {
      await ib.pay(paid.id)
      const res = await ib.api.post("/v3/billing/api/order/shipment", {
        orderId: paid.id,
        basketItems: paid.basketItems,
      })
      expect(res.status).toBe(200)
    }
    const billing = await ib.api.get("/v3/billing/api/order/shipment", { params: { orderId: order.id, _pageSize: 50 } })
    const filter = await ib.api.get("/v3/filter/api/order/shipment", { params: { orderId: order.id } })
    expect(billing.status).toBe(200)
    expect((billing.data.data as Shipment[]).map((shipment) => shipment.orderId)).toEqual([order.id])
    expect(billing.data.data).toEqual(filter.data.data)
    expect(billing.data.metaData).toEqual({ totalCount: 1, pageSize: 50, page: 1 })
  })
})
