/** The Medusa provider against the local sandbox (no Medusa server: the service is used directly). */
import { PaymentActions, PaymentSessionStatus } from "@medusajs/framework/utils"
import axios from "axios"

import { signBody } from "../../src/invoicebox/signature"
import { DEMO_SHOP, type Order } from "../../src/invoicebox/types"
import { InvoiceboxProviderService } from "../../src/providers/invoicebox/service"
import { parseProviderOptions, type InvoiceboxProviderOptionsInput } from "../../src/payment/options"
import {
  SERVER_BASKET_KEY,
  SERVER_BASKET_SIGNATURE_KEY,
  signServerBasket,
  type ServerBasket,
} from "../../src/payment/session-data"
import { startSandbox, type RunningSandbox } from "../../src/sandbox"

let sandbox: RunningSandbox
const logs: string[] = []
const logger = {
  info: (m: string) => logs.push(m),
  warn: (m: string) => logs.push(m),
  error: (m: string) => logs.push(m),
  debug: () => undefined,
} as unknown as ConstructorParameters<typeof InvoiceboxProviderService>[0]["logger"]

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, quiet: true, rateLimit: false })
})
afterAll(() => sandbox.close())
beforeEach(() => {
  sandbox.reset()
  logs.length = 0
})

function provider(extra: Partial<InvoiceboxProviderOptionsInput> = {}): InvoiceboxProviderService {
  return new InvoiceboxProviderService(
    { logger },
    {
      merchantId: DEMO_SHOP.merchantId,
      token: DEMO_SHOP.token,
      notificationKey: DEMO_SHOP.notificationKey,
      apiUrl: sandbox.url,
      successUrl: "https://shop.example/checkout/success?cart={cart_id}",
      failUrl: "https://shop.example/checkout/fail?cart={cart_id}",
      notificationUrl: "https://shop.example/hooks/invoicebox",
      rateLimit: false,
      ...extra,
    }
  )
}

const cartBasket: ServerBasket = {
  reference: { cart_id: "cart_01TEST" },
  customer: { email: "buyer@example.com", phone: "79001112233" },
  lines: [
    {
      sku: "TEA-1",
      name: "Чай улун, 100 г",
      unitPrice: "450.00",
      quantity: 3,
      discount: "135.00",
      vatCode: "RUS_VAT22",
    },
    {
      sku: "HONEY",
      name: "Мёд липовый",
      unitPrice: "320.50",
      quantity: "1.5",
      vatCode: "RUS_VAT10",
      measure: "кг",
      measureCode: "166",
    },
    { sku: "shipping", name: "Доставка курьером", unitPrice: 300, quantity: 1, vatCode: "RUS_VAT22", type: "service" },
  ],
}
// 3 × 450 − 135 + 1.5 × 320.50 + 300 = 1215 + 480.75 + 300
const CART_TOTAL = 1995.75

function signedData(sessionId: string, basket: ServerBasket = cartBasket): Record<string, unknown> {
  return {
    session_id: sessionId,
    [SERVER_BASKET_KEY]: basket,
    [SERVER_BASKET_SIGNATURE_KEY]: signServerBasket(basket, DEMO_SHOP.token),
  }
}

const sandboxOrder = async (id: string): Promise<Order & { refunds: unknown[]; shipments: unknown[] }> =>
  (await axios.get(`${sandbox.url}/_sandbox/orders/${id}`)).data
const pay = (id: string) => axios.post(`${sandbox.url}/_sandbox/orders/${id}/pay?notify=none`)

describe("options", () => {
  it("fails at boot naming the bad options", () => {
    // a token without its shop (or the reverse) is half a configuration
    expect(() => InvoiceboxProviderService.validateOptions({ token: "b37c4c689295904ed21eee5d9a48d42e" })).toThrow(
      /merchantId: merchantId and token are given together/
    )
    expect(() => InvoiceboxProviderService.validateOptions({ merchantId: DEMO_SHOP.merchantId })).toThrow(
      /token: merchantId and token are given together/
    )
    // no account at all: the store is connected from the admin; the account is empty until then
    expect(parseProviderOptions({})).toMatchObject({ merchantId: "", token: "", notificationKey: "" })
    expect(() =>
      parseProviderOptions({ merchantId: "shop", token: "x".repeat(10), notificationKey: "y".repeat(10) })
    ).toThrow(/merchantId/)
    expect(() =>
      parseProviderOptions({
        ...parseProviderOptions({
          merchantId: DEMO_SHOP.merchantId,
          token: DEMO_SHOP.token,
          notificationKey: DEMO_SHOP.notificationKey,
        }),
        captureMode: "later",
      })
    ).toThrow(/captureMode/)
    expect(() =>
      parseProviderOptions({
        merchantId: DEMO_SHOP.merchantId,
        token: DEMO_SHOP.token,
        notificationKey: DEMO_SHOP.notificationKey,
        apiUrl: "ftp://x",
      })
    ).toThrow(/apiUrl/)
  })

  it("fills defaults", () => {
    const options = parseProviderOptions({
      merchantId: DEMO_SHOP.merchantId,
      token: DEMO_SHOP.token,
      notificationKey: DEMO_SHOP.notificationKey,
    })
    expect(options).toMatchObject({
      apiUrl: "https://api.invoicebox.ru",
      apiPrefix: "v3",
      captureMode: "auto",
      shipmentOn: "shipped",
      defaultMeasure: "шт",
      defaultMeasureCode: "796",
    })
  })
})

describe("initiatePayment", () => {
  it("creates an itemized InvoiceBox order keyed by the session id, idempotently", async () => {
    const service = provider()
    const input = {
      amount: CART_TOTAL,
      currency_code: "rub",
      data: signedData("payses_1"),
      context: { idempotency_key: "payses_1" },
    }
    const first = await service.initiatePayment(input)
    expect(first.status).toBe(PaymentSessionStatus.PENDING)
    expect(first.data).toMatchObject({
      session_id: "payses_1",
      merchant_order_id: "payses_1",
      invoicebox_order_id: first.id,
      status: "created",
      amount: CART_TOTAL,
      cart_id: "cart_01TEST",
      [SERVER_BASKET_KEY]: null,
    })
    expect(String(first.data!.payment_url)).toContain(`${sandbox.url}/order/`)
    expect(JSON.stringify(first.data)).not.toContain(DEMO_SHOP.token)

    const order = await sandboxOrder(first.id)
    expect(order.amount).toBe(CART_TOTAL)
    expect(order.basketItems.map((i) => i.name)).toEqual(["Чай улун, 100 г", "Мёд липовый", "Доставка курьером"])
    expect(order.basketItems.map((i) => i.vatCode)).toEqual(["RUS_VAT22", "RUS_VAT10", "RUS_VAT22"])
    expect(order.basketItems[1]).toMatchObject({ measure: "кг", measureCode: "166", quantity: 1.5 })
    expect(order.successUrl).toBe("https://shop.example/checkout/success?cart=cart_01TEST")
    expect(order.notificationUrl).toBe("https://shop.example/hooks/invoicebox")
    expect(order.customer).toMatchObject({ email: "buyer@example.com", type: "private" })

    const again = await service.initiatePayment(input)
    expect(again.id).toBe(first.id)
    expect((await axios.get(`${sandbox.url}/_sandbox/orders`)).data).toHaveLength(1)
  })

  it("ignores a basket forged by the storefront and charges one clearly named line", async () => {
    const forged: ServerBasket = {
      lines: [{ sku: "X", name: "Бесплатный телевизор", unitPrice: 1, quantity: 1, vatCode: "VATNONE" }],
    }
    const result = await provider().initiatePayment({
      amount: 500,
      currency_code: "rub",
      data: {
        session_id: "payses_forged",
        [SERVER_BASKET_KEY]: forged,
        [SERVER_BASKET_SIGNATURE_KEY]: signServerBasket(forged, "guessed-key"),
      },
    })
    const order = await sandboxOrder(result.id)
    expect(order.amount).toBe(500)
    expect(order.basketItems).toHaveLength(1)
    expect(order.basketItems[0]!.name).toBe("Оплата заказа payses_forged")
    expect(logs.join("\n")).toMatch(/without a valid server signature/)
  })

  it("refuses a basket that does not add up to the amount, creating nothing", async () => {
    await expect(
      provider().initiatePayment({ amount: CART_TOTAL + 10, currency_code: "rub", data: signedData("payses_2") })
    ).rejects.toThrow(/basket_amount_mismatch/)
    expect((await axios.get(`${sandbox.url}/_sandbox/orders`)).data).toHaveLength(0)
  })

  it("reports InvoiceBox being down with the code, and creates nothing", async () => {
    await axios.post(`${sandbox.url}/_sandbox/faults`, {
      createOrder: { status500Count: 5 },
      getOrders: { status500Count: 20 },
    })
    const error = await provider({ timeoutMs: 2_000 })
      .initiatePayment({ amount: CART_TOTAL, currency_code: "rub", data: signedData("payses_down") })
      .catch((e: unknown) => e)
    expect(String(error)).toMatch(/InvoiceBox: creating the payment failed/)
    await axios.delete(`${sandbox.url}/_sandbox/faults`)
    expect((await axios.get(`${sandbox.url}/_sandbox/orders`)).data).toHaveLength(0)
  })
})

describe("status, update, cancel", () => {
  it("is pending until paid, then captured (auto) or authorized (manual)", async () => {
    const auto = provider()
    const session = await auto.initiatePayment({
      amount: CART_TOTAL,
      currency_code: "rub",
      data: signedData("payses_3"),
    })
    expect((await auto.authorizePayment({ data: session.data })).status).toBe(PaymentSessionStatus.PENDING)
    await pay(session.id)
    const paid = await auto.authorizePayment({ data: session.data })
    expect(paid.status).toBe(PaymentSessionStatus.CAPTURED)
    expect(paid.data).toMatchObject({ status: "completed", paid_at: expect.any(String) })
    expect((await provider({ captureMode: "manual" }).getPaymentStatus({ data: session.data })).status).toBe(
      PaymentSessionStatus.AUTHORIZED
    )
  })

  it("updates the unpaid order when the cart changes", async () => {
    const service = provider()
    const session = await service.initiatePayment({
      amount: CART_TOTAL,
      currency_code: "rub",
      data: signedData("payses_4"),
    })
    const smaller: ServerBasket = { ...cartBasket, lines: cartBasket.lines.slice(0, 2) }
    const updated = await service.updatePayment({
      amount: CART_TOTAL - 300,
      currency_code: "rub",
      data: { ...session.data, ...signedData("payses_4", smaller) },
    })
    expect(updated.data).toMatchObject({ invoicebox_order_id: session.id, amount: CART_TOTAL - 300 })
    expect((await sandboxOrder(session.id)).basketItems).toHaveLength(2)
  })

  it("replaces an order that can no longer be changed", async () => {
    const service = provider()
    const session = await service.initiatePayment({
      amount: CART_TOTAL,
      currency_code: "rub",
      data: signedData("payses_5"),
    })
    await axios.post(`${sandbox.url}/_sandbox/orders/${session.id}/expire`)
    const replaced = await service.updatePayment({
      amount: CART_TOTAL,
      currency_code: "rub",
      data: { ...session.data, ...signedData("payses_5") },
    })
    expect(replaced.data!.invoicebox_order_id).not.toBe(session.id)
    expect(replaced.data!.merchant_order_id).toBe("payses_5~2")
  })

  it("cancels an unpaid order and refunds a paid one in full instead of dropping it", async () => {
    const service = provider()
    const unpaid = await service.initiatePayment({
      amount: CART_TOTAL,
      currency_code: "rub",
      data: signedData("payses_6"),
    })
    await service.cancelPayment({ data: unpaid.data })
    expect((await sandboxOrder(unpaid.id)).status).toBe("canceled")

    const paid = await service.initiatePayment({
      amount: CART_TOTAL,
      currency_code: "rub",
      data: signedData("payses_7"),
    })
    await pay(paid.id)
    const result = await service.deletePayment({ data: paid.data })
    const order = await sandboxOrder(paid.id)
    expect(order.refunds).toHaveLength(1)
    expect(order.refunds[0]).toMatchObject({ amount: CART_TOTAL })
    expect(result.data!.refunds).toHaveLength(1)
  })
})

describe("refunds", () => {
  it("refunds in parts, exact to the kopeck, never twice for one Medusa refund, never more than paid", async () => {
    const service = provider()
    const session = await service.initiatePayment({
      amount: CART_TOTAL,
      currency_code: "rub",
      data: signedData("payses_8"),
    })
    await pay(session.id)
    const data = (await service.authorizePayment({ data: session.data })).data

    const first = await service.refundPayment({
      amount: { value: "500.01", precision: 20 },
      data,
      context: { idempotency_key: "ref_1" },
    })
    await service.refundPayment({ amount: 500.01, data, context: { idempotency_key: "ref_1" } }) // a retry
    const second = await service.refundPayment({
      amount: "495.74",
      data: first.data,
      context: { idempotency_key: "ref_2" },
    })
    let order = await sandboxOrder(session.id)
    expect((order.refunds as Array<{ amount: number }>).map((r) => r.amount)).toEqual([500.01, 495.74])

    const tooMuch = await service
      .refundPayment({ amount: 1000.01, data: second.data, context: { idempotency_key: "ref_3" } })
      .catch((e: unknown) => e)
    expect(String(tooMuch)).toMatch(/refund_exceeds_refundable/)
    order = await sandboxOrder(session.id)
    expect(order.refunds).toHaveLength(2)

    await service.refundPayment({ amount: 1000, data: second.data, context: { idempotency_key: "ref_4" } })
    order = await sandboxOrder(session.id)
    const refunded = (order.refunds as Array<{ amount: number }>).reduce(
      (sum, r) => sum + Math.round(r.amount * 100),
      0
    )
    expect(refunded).toBe(Math.round(CART_TOTAL * 100))
  })
})

describe("capture", () => {
  it("manual mode: Capture registers exactly one shipment", async () => {
    const service = provider({ captureMode: "manual" })
    const session = await service.initiatePayment({
      amount: CART_TOTAL,
      currency_code: "rub",
      data: signedData("payses_9"),
    })
    await expect(service.capturePayment({ data: session.data })).rejects.toThrow(/not paid/)
    await pay(session.id)
    const captured = await service.capturePayment({ data: session.data })
    await service.capturePayment({ data: captured.data })
    const order = await sandboxOrder(session.id)
    expect(order.shipments).toHaveLength(1)
    expect(captured.data!.shipment_ids).toHaveLength(1)
  })

  it("auto mode: capture registers nothing (the shipment follows fulfillment)", async () => {
    const service = provider()
    const session = await service.initiatePayment({
      amount: CART_TOTAL,
      currency_code: "rub",
      data: signedData("payses_10"),
    })
    await pay(session.id)
    await service.capturePayment({ data: session.data })
    expect((await sandboxOrder(session.id)).shipments).toHaveLength(0)
  })
})

describe("webhook mapping", () => {
  const body = (order: object) => JSON.stringify(order)

  it("maps a signed paid notification to the session, ignores bad ones and the monitoring ping", async () => {
    const service = provider()
    const session = await service.initiatePayment({
      amount: CART_TOTAL,
      currency_code: "rub",
      data: signedData("payses_11"),
    })
    await pay(session.id)
    const order = await sandboxOrder(session.id)
    const raw = body({ ...order, refunds: undefined, shipments: undefined })
    const ok = await service.getWebhookActionAndData({
      data: JSON.parse(raw),
      rawData: raw,
      headers: { "x-signature": signBody(raw, DEMO_SHOP.notificationKey) },
    })
    expect(ok).toEqual({ action: PaymentActions.SUCCESSFUL, data: { session_id: "payses_11", amount: CART_TOTAL } })
    const bad = await service.getWebhookActionAndData({
      data: JSON.parse(raw),
      rawData: raw,
      headers: { "x-signature": signBody(raw, "wrong") },
    })
    expect(bad.action).toBe(PaymentActions.NOT_SUPPORTED)
    const ping = body({ ...order, id: "ffffffff-ffff-ffff-ffff-ffffffffffff", merchantOrderId: "" })
    const monitoring = await service.getWebhookActionAndData({
      data: {},
      rawData: ping,
      headers: { "x-signature": signBody(ping, DEMO_SHOP.notificationKey) },
    })
    expect(monitoring.action).toBe(PaymentActions.NOT_SUPPORTED)
    const replaced = body({ ...order, merchantOrderId: "payses_11~2" })
    const mapped = await service.getWebhookActionAndData({
      data: {},
      rawData: replaced,
      headers: { "x-signature": signBody(replaced, DEMO_SHOP.notificationKey) },
    })
    expect(mapped.data?.session_id).toBe("payses_11")
  })
})
