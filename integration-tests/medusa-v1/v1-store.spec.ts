/**
 * The v1 adapter in a real Medusa 1.20 store (v1-store.ts): the packed plugin installed with npm, the
 * store's PostgreSQL database migrated by v1's TypeORM migrations, `medusa start`, and the InvoiceBox
 * sandbox as the payment service. A buyer pays and never returns or returns; notifications come
 * twice, concurrently, to two servers, badly signed, for another amount, for no known order, for a
 * cart that cannot become an order; the admin refunds partly and fully and captures in manual mode.
 */
import { randomBytes } from "node:crypto"

import axios, { type AxiosInstance } from "axios"

import { InvoiceboxClient } from "../../src/invoicebox/client"
import { signBody } from "../../src/invoicebox/signature"
import type { NotificationReply, Order } from "../../src/invoicebox/types"
import { startSandbox, type RunningSandbox } from "../../src/sandbox"
import type { DeliveryRecord } from "../../src/sandbox"
import { freePort } from "../../scripts/lib/postgres"
import {
  adminApi,
  checkoutV1,
  createDatabase,
  installPackedPlugin,
  migrateV1Store,
  seedV1Store,
  SHOP,
  startV1Server,
  type SeededV1Store,
  type V1Server,
  type V1StoreEnv,
} from "./v1-store"

jest.setTimeout(300_000)

interface V1Order {
  id: string
  cart_id: string
  payment_status: string
  total: number
  refunded_total: number
  payments: Array<{
    id: string
    provider_id: string
    amount: number
    captured_at: string | null
    data: Record<string, unknown>
  }>
}

interface SessionCart {
  total: number
  payment_session: { data: Record<string, unknown> }
}

let sandbox: RunningSandbox
let env: V1StoreEnv
let server: V1Server
let admin: AxiosInstance
let store: SeededV1Store
let invoicebox: InvoiceboxClient

beforeAll(async () => {
  await installPackedPlugin()
  sandbox = await startSandbox({ port: 0, quiet: true, rateLimit: false, notificationRetryDelaysMs: [] })
  const port = await freePort()
  env = {
    databaseUrl: await createDatabase(`invoicebox_v1_${randomBytes(4).toString("hex")}`),
    sandboxUrl: sandbox.url,
    notificationUrl: `http://localhost:${port}/hooks/invoicebox`,
  }
  await migrateV1Store(env)
  server = await startV1Server(env, port)
  admin = await adminApi(server.url)
  store = await seedV1Store(admin)
  invoicebox = new InvoiceboxClient({ token: SHOP.token, baseUrl: sandbox.url, rateLimit: false })
})

afterAll(async () => {
  await server?.stop()
  await sandbox?.close()
})

async function ordersOfCart(cartId: string): Promise<V1Order[]> {
  const { data } = await admin.get<{ orders: V1Order[] }>(`/admin/orders`, {
    params: { cart_id: cartId, expand: "payments", fields: "id,cart_id,payment_status,total,refunded_total" },
  })
  return data.orders.filter((order) => order.cart_id === cartId)
}

async function orderOfCart(cartId: string): Promise<V1Order> {
  const orders = await ordersOfCart(cartId)
  expect(orders).toHaveLength(1)
  const { data } = await admin.get<{ order: V1Order }>(`/admin/orders/${orders[0]!.id}`)
  return data.order
}

/** Waits until `read` gives a value that passes `done` (the auto capture runs on v1's event bus). */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const until = Date.now() + 20_000
  for (;;) {
    const value = await read()
    if (done(value)) return value
    if (Date.now() > until) throw new Error(`${what}: still ${JSON.stringify(value)}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

async function pay(invoiceboxOrderId: string, notify: "wait" | "none" = "wait"): Promise<DeliveryRecord | null> {
  const { data } = await axios.post<{ notification: DeliveryRecord | null }>(
    `${sandbox.url}/_sandbox/orders/${invoiceboxOrderId}/pay?notify=${notify}`
  )
  return data.notification
}

function replyOf(delivery: DeliveryRecord | null): NotificationReply {
  return JSON.parse(delivery?.replyBody ?? "null") as NotificationReply
}

/** The order as InvoiceBox sends it, signed with the shop's key (or `key`), POSTed to a server. */
async function notify(url: string, body: string, key = SHOP.notificationKey): Promise<NotificationReply> {
  const { data, status } = await axios.post<NotificationReply>(`${url}/hooks/invoicebox`, body, {
    headers: { "Content-Type": "application/json", "X-Signature": signBody(body, key, "sha1") },
    validateStatus: () => true,
  })
  expect(status).toBe(200)
  return data
}

async function sandboxOrder(id: string): Promise<Order> {
  const { data } = await axios.get<Order>(`${sandbox.url}/_sandbox/orders/${id}`)
  return data
}

describe("Medusa 1.20 store with medusa-payment-invoicebox/v1", () => {
  it("itemizes the cart on the server; a buyer who never returns gets the order from the notification, captured", async () => {
    const session = await checkoutV1(server.url, store, 2)
    // 2 × 1 000 ₽ + 300 ₽ shipping, VAT 20 % on top
    expect(session.total).toBe(276_000)
    const order = await sandboxOrder(session.invoiceboxOrderId)
    expect(order.amount).toBe(2760)
    expect(order.merchantId).toBe(SHOP.merchantId)
    expect(order.basketItems.map((item) => [item.name, item.quantity, item.totalAmount, item.vatCode])).toEqual([
      ["Чай улун — 100 г", 2, 2400, "RUS_VAT20"],
      ["Доставка: Курьер", 1, 360, "RUS_VAT20"],
    ])
    expect(order.vatAmount).toBe(460)

    // completing before paying leaves a cart: the session is pending until InvoiceBox says paid
    const early = await axios.post<{ type: string }>(
      `${server.url}/store/carts/${session.cartId}/complete`,
      {},
      {
        validateStatus: () => true,
      }
    )
    expect(early.data.type).not.toBe("order")
    expect(await ordersOfCart(session.cartId)).toHaveLength(0)

    const delivery = await pay(session.invoiceboxOrderId)
    expect(replyOf(delivery)).toEqual({ status: "success" })
    const placed = await eventually(
      () => orderOfCart(session.cartId),
      (value) => value.payment_status === "captured",
      "the order's payment"
    )
    expect(placed.total).toBe(276_000)
    expect(placed.payments).toHaveLength(1)
    expect(placed.payments[0]!.data.invoicebox_order_id).toBe(session.invoiceboxOrderId)
    expect(placed.payments[0]!.captured_at).not.toBeNull()
  })

  it("a buyer who returns completes the cart; the late notification and its repeats change nothing", async () => {
    const session = await checkoutV1(server.url, store, 1)
    expect(replyOf(await pay(session.invoiceboxOrderId, "none"))).toBeNull()
    const completed = await axios.post<{ type: string; data: { id: string } }>(
      `${server.url}/store/carts/${session.cartId}/complete`
    )
    expect(completed.data.type).toBe("order")
    const { data: deliveries } = await axios.post<DeliveryRecord[]>(
      `${sandbox.url}/_sandbox/orders/${session.invoiceboxOrderId}/notify?times=4`
    )
    expect(deliveries.map(replyOf)).toEqual(Array(4).fill({ status: "success" }))
    const order = await eventually(
      () => orderOfCart(session.cartId),
      (value) => value.payment_status === "captured",
      "the order's payment"
    )
    expect(order.id).toBe(completed.data.data.id)
    expect(order.payments).toHaveLength(1)
  })

  it("a changed cart changes its unpaid InvoiceBox order; a deleted session cancels it", async () => {
    const session = await checkoutV1(server.url, store, 1)
    expect((await sandboxOrder(session.invoiceboxOrderId)).amount).toBe(1560)
    // one more tea: Medusa v1 drops the cart's shipping method and updates the session; the plugin
    // changes the order to the new lines
    await axios.post(`${server.url}/store/carts/${session.cartId}/line-items`, {
      variant_id: store.variantId,
      quantity: 1,
    })
    const { data } = await axios.get<{ cart: { total: number; payment_session: { data: Record<string, unknown> } } }>(
      `${server.url}/store/carts/${session.cartId}`
    )
    expect(data.cart.total).toBe(240_000)
    const orderId = String(data.cart.payment_session.data.invoicebox_order_id)
    const changed = await sandboxOrder(orderId)
    expect(changed.amount).toBe(2400)
    expect(changed.basketItems.map((item) => [item.name, item.quantity, item.totalAmount])).toEqual([
      ["Чай улун — 100 г", 2, 2400],
    ])
    // the storefront cannot rewrite the session's data
    await axios.post(`${server.url}/store/carts/${session.cartId}/payment-sessions/invoicebox`, {
      data: { invoicebox_order_id: "forged", amount: 1 },
    })
    const { data: after } = await axios.get<{ cart: { payment_session: { data: Record<string, unknown> } } }>(
      `${server.url}/store/carts/${session.cartId}`
    )
    expect(after.cart.payment_session.data.invoicebox_order_id).toBe(orderId)

    await axios.delete(`${server.url}/store/carts/${session.cartId}/payment-sessions/invoicebox`)
    expect((await sandboxOrder(orderId)).status).toBe("canceled")
  })

  it("a shipping method chosen after the session: the stale order is canceled, the next session update makes the new one", async () => {
    const api = axios.create({ baseURL: server.url })
    const { data: created } = await api.post<{ cart: { id: string } }>("/store/carts", { region_id: store.regionId })
    const cartId = created.cart.id
    await api.post(`/store/carts/${cartId}/line-items`, { variant_id: store.variantId, quantity: 1 })
    await api.post(`/store/carts/${cartId}`, { email: "buyer@example.com", shipping_address: { country_code: "ru" } })
    await api.post(`/store/carts/${cartId}/payment-sessions`)
    const { data: selected } = await api.post<{ cart: SessionCart }>(`/store/carts/${cartId}/payment-session`, {
      provider_id: "invoicebox",
    })
    const first = String(selected.cart.payment_session.data.invoicebox_order_id)
    expect((await sandboxOrder(first)).amount).toBe(1200)

    // Medusa v1 updates the session inside the transaction that adds the method: not payable meanwhile
    const { data: shipped } = await api.post<{ cart: SessionCart }>(`/store/carts/${cartId}/shipping-methods`, {
      option_id: store.shippingOptionId,
    })
    expect(shipped.cart.total).toBe(156_000)
    expect(shipped.cart.payment_session.data).toMatchObject({ payment_url: null, status: "awaiting_cart" })
    expect((await sandboxOrder(first)).status).toBe("canceled")
    const early = await api.post<{ type: string }>(
      `/store/carts/${cartId}/complete`,
      {},
      { validateStatus: () => true }
    )
    expect(early.data.type).not.toBe("order")

    const { data: refreshed } = await api.post<{ cart: SessionCart }>(`/store/carts/${cartId}/payment-sessions`)
    const second = String(refreshed.cart.payment_session.data.invoicebox_order_id)
    expect(second).not.toBe(first)
    const order = await sandboxOrder(second)
    expect(order.amount).toBe(1560)
    expect(order.basketItems.map((item) => item.name)).toEqual(["Чай улун — 100 г", "Доставка: Курьер"])
    expect(replyOf(await pay(second))).toEqual({ status: "success" })
    expect(await ordersOfCart(cartId)).toHaveLength(1)
  })

  it("a paid cart keeps its session: dropping it is refused and the money stays", async () => {
    const session = await checkoutV1(server.url, store, 1)
    await pay(session.invoiceboxOrderId, "none")
    const dropped = await axios.delete(`${server.url}/store/carts/${session.cartId}/payment-sessions/invoicebox`, {
      validateStatus: () => true,
    })
    expect(dropped.status).toBe(400)
    expect(JSON.stringify(dropped.data)).toContain("is paid")
    expect(await invoicebox.refundOrdersOf(session.invoiceboxOrderId)).toHaveLength(0)
    const completed = await axios.post<{ type: string }>(`${server.url}/store/carts/${session.cartId}/complete`)
    expect(completed.data.type).toBe("order")
  })

  it("the buyer's return and the notification at the same moment: both get the one order", async () => {
    for (let round = 0; round < 3; round += 1) {
      const session = await checkoutV1(server.url, store, 1)
      await pay(session.invoiceboxOrderId, "none")
      const body = JSON.stringify(await invoicebox.getOrder(session.invoiceboxOrderId))
      const [completed, notified] = await Promise.all([
        axios.post<{ type: string; data: { id: string } }>(`${server.url}/store/carts/${session.cartId}/complete`),
        notify(server.url, body),
      ])
      expect(completed.data.type).toBe("order")
      expect(notified).toEqual({ status: "success" })
      const order = await orderOfCart(session.cartId)
      expect(order.id).toBe(completed.data.data.id)
    }
  })

  it("an expired InvoiceBox order closes the cart's session: the storefront sees it", async () => {
    const session = await checkoutV1(server.url, store, 1)
    const expired = JSON.stringify({ ...(await invoicebox.getOrder(session.invoiceboxOrderId)), status: "expired" })
    expect(await notify(server.url, expired)).toEqual({ status: "success" })
    const { data } = await axios.get<{ cart: SessionCart }>(`${server.url}/store/carts/${session.cartId}`)
    expect(data.cart.payment_session.data).toMatchObject({
      invoicebox_order_id: session.invoiceboxOrderId,
      status: "expired",
    })
    expect(await ordersOfCart(session.cartId)).toHaveLength(0)
  })

  it("concurrent copies of one notification make one order", async () => {
    const session = await checkoutV1(server.url, store, 1)
    await pay(session.invoiceboxOrderId, "none")
    const { data: deliveries } = await axios.post<DeliveryRecord[]>(
      `${sandbox.url}/_sandbox/orders/${session.invoiceboxOrderId}/notify?times=6`
    )
    expect(deliveries.map(replyOf)).toEqual(Array(6).fill({ status: "success" }))
    const order = await orderOfCart(session.cartId)
    expect(order.payments).toHaveLength(1)
  })

  it("refuses a bad signature, another merchant and an unknown order, changing nothing", async () => {
    const session = await checkoutV1(server.url, store, 1)
    await pay(session.invoiceboxOrderId, "none")
    const paid = JSON.stringify(await invoicebox.getOrder(session.invoiceboxOrderId))

    expect(await notify(server.url, paid, "not-the-shop-key")).toMatchObject({
      status: "error",
      code: "signature_error",
    })
    const unknown = JSON.stringify({ ...JSON.parse(paid), id: "00000000-0000-4000-8000-000000000000" })
    expect(await notify(server.url, unknown)).toMatchObject({ status: "error", code: "order_not_found" })
    const otherMerchant = JSON.stringify({ ...JSON.parse(paid), merchantId: "11111111-1111-4111-8111-111111111111" })
    expect(await notify(server.url, otherMerchant)).toMatchObject({ status: "error", code: "order_not_found" })
    expect(await ordersOfCart(session.cartId)).toHaveLength(0)
    expect(await invoicebox.refundOrdersOf(session.invoiceboxOrderId)).toHaveLength(0)

    // the real notification still goes through
    expect(await notify(server.url, paid)).toEqual({ status: "success" })
    expect(await ordersOfCart(session.cartId)).toHaveLength(1)
  })

  it("an order paid with another amount than the cart's is refused and its money returned", async () => {
    const session = await checkoutV1(server.url, store, 1)
    // someone changed the order at InvoiceBox after the store made it
    await invoicebox.updateOrder(session.invoiceboxOrderId, {
      amount: 10,
      vatAmount: 0,
      basketItems: [
        {
          sku: "other",
          name: "Другое",
          measure: "шт",
          measureCode: "796",
          quantity: 1,
          amount: 10,
          amountWoVat: 10,
          totalAmount: 10,
          totalVatAmount: 0,
          vatCode: "VATNONE",
          type: "service",
          paymentType: "full_prepayment",
        },
      ],
    })
    expect(replyOf(await pay(session.invoiceboxOrderId))).toMatchObject({ status: "error", code: "order_wrong_amount" })
    expect(await ordersOfCart(session.cartId)).toHaveLength(0)
    const refunds = await invoicebox.refundOrdersOf(session.invoiceboxOrderId)
    expect(refunds.map((refund) => refund.amount)).toEqual([10])
  })

  it("a cart that cannot become an order (out of stock) answers shipping_unavailable and returns the money", async () => {
    const session = await checkoutV1(server.url, store, 1)
    await admin.post(`/admin/products/${store.productId}/variants/${store.variantId}`, { inventory_quantity: 0 })
    try {
      const delivery = await pay(session.invoiceboxOrderId)
      expect(replyOf(delivery)).toMatchObject({ status: "error", code: "shipping_unavailable" })
    } finally {
      await admin.post(`/admin/products/${store.productId}/variants/${store.variantId}`, { inventory_quantity: 1000 })
    }
    expect(await ordersOfCart(session.cartId)).toHaveLength(0)
    const refunds = await invoicebox.refundOrdersOf(session.invoiceboxOrderId)
    expect(refunds.reduce((sum, refund) => sum + Math.round(refund.amount * 100), 0)).toBe(session.total)
    // InvoiceBox retrying changes nothing: no order, no second refund
    const { data: again } = await axios.post<DeliveryRecord[]>(
      `${sandbox.url}/_sandbox/orders/${session.invoiceboxOrderId}/notify`
    )
    expect(replyOf(again[0]!)).toMatchObject({ status: "error" })
    expect(await invoicebox.refundOrdersOf(session.invoiceboxOrderId)).toHaveLength(refunds.length)
    const stillCart = await axios.post<{ type: string }>(
      `${server.url}/store/carts/${session.cartId}/complete`,
      {},
      {
        validateStatus: () => true,
      }
    )
    expect(stillCart.data.type).not.toBe("order")

    // back in stock: the buyer pays again — a new InvoiceBox order for the same cart
    const { data } = await axios.post<{ cart: SessionCart }>(
      `${server.url}/store/carts/${session.cartId}/payment-sessions`
    )
    const repaid = String(data.cart.payment_session.data.invoicebox_order_id)
    expect(repaid).not.toBe(session.invoiceboxOrderId)
    expect(replyOf(await pay(repaid))).toEqual({ status: "success" })
    expect(await ordersOfCart(session.cartId)).toHaveLength(1)
  })

  it("the admin's Refund refunds at InvoiceBox, itemized: partly, then the rest; the widget's route shows it", async () => {
    const session = await checkoutV1(server.url, store, 2)
    await pay(session.invoiceboxOrderId)
    const order = await eventually(
      () => orderOfCart(session.cartId),
      (value) => value.payment_status === "captured",
      "the order's payment"
    )
    await admin.post(`/admin/orders/${order.id}/refund`, { amount: 50_000, reason: "discount", note: "скидка" })
    let refunds = await invoicebox.refundOrdersOf(session.invoiceboxOrderId)
    expect(refunds.map((refund) => refund.amount)).toEqual([500])
    expect(refunds[0]!.basketItems.length).toBeGreaterThan(0)
    expect(refunds[0]!.basketItems.reduce((sum, item) => sum + Math.round(item.totalAmount * 100), 0)).toBe(50_000)

    await admin.post(`/admin/orders/${order.id}/refund`, { amount: 276_000 - 50_000, reason: "return" })
    refunds = await invoicebox.refundOrdersOf(session.invoiceboxOrderId)
    expect(refunds.map((refund) => refund.amount).sort((a, b) => a - b)).toEqual([500, 2260])
    const { data: refunded } = await admin.get<{ order: V1Order }>(`/admin/orders/${order.id}`)
    expect(refunded.order.refunded_total).toBe(276_000)
    expect(refunded.order.payments[0]!.data.refunds).toHaveLength(2)

    // nothing is left: Medusa v1 refuses, InvoiceBox is not asked again
    const over = await admin.post(
      `/admin/orders/${order.id}/refund`,
      { amount: 100, reason: "other" },
      {
        validateStatus: () => true,
      }
    )
    expect(over.status).toBeGreaterThanOrEqual(400)
    expect(await invoicebox.refundOrdersOf(session.invoiceboxOrderId)).toHaveLength(2)

    const { data: view } = await admin.get<{
      invoicebox: { status: string; refunds: unknown[]; notifications: Array<{ reply: string }> }
    }>(`/admin/invoicebox/orders/${order.id}`)
    expect(view.invoicebox?.status).toBe("completed")
    expect(view.invoicebox?.refunds).toHaveLength(2)
    expect(view.invoicebox?.notifications.map((entry) => entry.reply)).toContain("success")
    const anonymous = await axios.get(`${server.url}/admin/invoicebox/orders/${order.id}`, {
      validateStatus: () => true,
    })
    expect(anonymous.status).toBe(401)
  })

  it("exactly once across two servers of the store: the same notification to both at once makes one order", async () => {
    const second = await startV1Server(env)
    try {
      for (let round = 0; round < 2; round += 1) {
        const session = await checkoutV1(server.url, store, 1)
        await pay(session.invoiceboxOrderId, "none")
        const body = JSON.stringify(await invoicebox.getOrder(session.invoiceboxOrderId))
        const replies = await Promise.all(
          [server.url, second.url, server.url, second.url].map((url) => notify(url, body))
        )
        expect(replies).toEqual(Array(4).fill({ status: "success" }))
        const order = await orderOfCart(session.cartId)
        expect(order.payments).toHaveLength(1)
      }
    } finally {
      await second.stop()
    }
  })

  it("manual capture: the order stays authorized until the admin's Capture registers the shipment", async () => {
    await server.stop()
    server = await startV1Server({ ...env, captureMode: "manual" }, server.port)
    admin = await adminApi(server.url)
    const session = await checkoutV1(server.url, store, 1)
    expect(replyOf(await pay(session.invoiceboxOrderId))).toEqual({ status: "success" })
    const order = await orderOfCart(session.cartId)
    expect(order.payment_status).toBe("awaiting")
    expect(await invoicebox.shipmentsOf(session.invoiceboxOrderId)).toHaveLength(0)

    await admin.post(`/admin/orders/${order.id}/capture`)
    const shipments = await invoicebox.shipmentsOf(session.invoiceboxOrderId)
    expect(shipments).toHaveLength(1)
    expect(shipments[0]!.basketItems.map((item) => item.name)).toEqual(["Чай улун — 100 г", "Доставка: Курьер"])
    const captured = await orderOfCart(session.cartId)
    expect(captured.payment_status).toBe("captured")
    expect(captured.payments[0]!.data.shipment_ids).toEqual([shipments[0]!.id])
  })
})
