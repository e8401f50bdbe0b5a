/** The payment page, notification delivery (signature, retries, duplicates), monitoring ping, CLI. */
import { spawn } from "node:child_process"
import { join } from "node:path"

import axios, { type AxiosInstance } from "axios"

import { verifyBodySignature } from "../../src/invoicebox/signature"
import { DEMO_SHOP, MONITORING_ORDER_ID, type Order } from "../../src/invoicebox/types"
import { startSandbox, type RunningSandbox } from "../../src/sandbox"
import { classifyReply, type DeliveryRecord } from "../../src/sandbox/notifier"
import { AUTH, orderRequest } from "../helpers/orders"
import { NotificationReceiver } from "../helpers/receiver"

let sandbox: RunningSandbox
let api: AxiosInstance
let receiver: NotificationReceiver

beforeAll(async () => {
  receiver = await new NotificationReceiver().start()
  sandbox = await startSandbox({
    port: 0,
    quiet: true,
    rateLimit: false,
    notificationRetryDelaysMs: [50, 50, 50],
    notificationTimeoutMs: 300,
  })
  api = axios.create({ baseURL: sandbox.url, headers: AUTH, validateStatus: () => true, maxRedirects: 0 })
})
afterAll(async () => {
  await sandbox.close()
  await receiver.close()
})
beforeEach(() => {
  sandbox.reset()
  receiver.clear()
})

async function createOrder(overrides: object = {}): Promise<Order> {
  const res = await api.post(
    "/v3/billing/api/order/order",
    orderRequest({ notificationUrl: receiver.url, ...overrides })
  )
  expect(res.status).toBe(200)
  return res.data.data as Order
}

const deliveries = async (orderId: string): Promise<DeliveryRecord[]> =>
  (await api.get("/_sandbox/notifications", { params: { orderId } })).data as DeliveryRecord[]

describe("payment page", () => {
  it("shows the lines, the total and the Pay / Decline buttons", async () => {
    const order = await createOrder()
    const page = await axios.get<string>(order.paymentUrl)
    expect(page.headers["content-type"]).toMatch(/text\/html/)
    for (const item of order.basketItems) expect(page.data).toContain(item.name)
    expect(page.data).toContain(`${order.amount.toFixed(2)} ₽`)
    expect(page.data).toContain('id="pay"')
    expect(page.data).toContain('id="decline"')
  })

  it("Pay completes the order, delivers a signed notification, then redirects to successUrl", async () => {
    const order = await createOrder({ successUrl: "http://shop.example/success", failUrl: "http://shop.example/fail" })
    const res = await axios.post(`${order.paymentUrl}/pay`, "", { maxRedirects: 0, validateStatus: () => true })
    expect(res.status).toBe(303)
    expect(res.headers.location).toBe("http://shop.example/success")
    expect(receiver.received).toHaveLength(1)
    const [note] = receiver.received
    expect(note!.contentType).toMatch(/application\/json/)
    expect(verifyBodySignature(note!.body, note!.signature, DEMO_SHOP.notificationKey)).toBe(true)
    const body = JSON.parse(note!.body) as Order
    expect(body).toMatchObject({
      id: order.id,
      status: "completed",
      merchantOrderId: order.merchantOrderId,
      amount: order.amount,
    })
    expect(body.paidAt).toEqual(expect.any(String))
    // a second payment is refused and changes nothing
    const again = await axios.post(`${order.paymentUrl}/pay`, "", { maxRedirects: 0, validateStatus: () => true })
    expect(again.status).toBe(409)
    expect(receiver.received).toHaveLength(1)
  })

  it("Decline redirects to failUrl and leaves the order unpaid", async () => {
    const order = await createOrder({ failUrl: "http://shop.example/fail" })
    const res = await axios.post(`${order.paymentUrl}/decline`, "", { maxRedirects: 0, validateStatus: () => true })
    expect(res.status).toBe(303)
    expect(res.headers.location).toBe("http://shop.example/fail")
    const view = (await api.get(`/_sandbox/orders/${order.id}`)).data as Order
    expect(view.status).toBe("created")
    expect(receiver.received).toHaveLength(0)
  })
})

describe("notification delivery", () => {
  it("retries out_of_service, HTTP 500, invalid JSON and timeouts until success", async () => {
    receiver.script(
      { status: 200, body: '{"status":"error","code":"out_of_service"}' },
      { status: 500, body: "oops" },
      { status: 200, body: "not json" },
      { status: 200, body: '{"status":"success"}', delayMs: 600 }
    )
    const order = await createOrder()
    await api.post(`/_sandbox/orders/${order.id}/pay`)
    await receiver.waitFor(4)
    let records = await deliveries(order.id)
    for (let i = 0; i < 50 && records.length < 4; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50))
      records = await deliveries(order.id)
    }
    expect(records.map((r) => r.outcome)).toEqual(["retry", "retry", "retry", "retry"])
    expect(records.map((r) => r.attempt)).toEqual([1, 2, 3, 4])
    // the schedule [50, 50, 50] allows 3 retries: no fifth attempt
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(receiver.received).toHaveLength(4)
  })

  it("does not retry final error codes", async () => {
    receiver.script({ status: 200, body: '{"status":"error","code":"order_wrong_amount"}' })
    const order = await createOrder()
    const paid = await api.post(`/_sandbox/orders/${order.id}/pay`)
    expect(paid.data.notification.outcome).toBe("final_error")
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(receiver.received).toHaveLength(1)
  })

  it("delivers N concurrent duplicates on request and records every reply", async () => {
    const order = await createOrder()
    await api.post(`/_sandbox/orders/${order.id}/pay?notify=none`)
    const res = await api.post(`/_sandbox/orders/${order.id}/notify?times=5`)
    expect(res.data).toHaveLength(5)
    expect(receiver.received).toHaveLength(5)
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1)
  })

  it("drops or duplicates notifications when told to", async () => {
    await api.post("/_sandbox/faults", { notifications: { dropNotifications: true } })
    const dropped = await createOrder()
    await api.post(`/_sandbox/orders/${dropped.id}/pay`)
    expect(receiver.received).toHaveLength(0)
    expect((await deliveries(dropped.id)).map((r) => r.outcome)).toEqual(["dropped"])
    await api.post("/_sandbox/faults", { notifications: { duplicateNotifications: 2 } })
    const duplicated = await createOrder()
    await api.post(`/_sandbox/orders/${duplicated.id}/pay`)
    expect(receiver.received).toHaveLength(3)
  })

  it("sends the monitoring test notification, signed, with the all-f id and no merchantOrderId", async () => {
    const res = await api.post("/_sandbox/monitoring-ping", { url: receiver.url })
    expect(res.data.outcome).toBe("success")
    const [note] = receiver.received
    expect(verifyBodySignature(note!.body, note!.signature, DEMO_SHOP.notificationKey)).toBe(true)
    expect(JSON.parse(note!.body)).toMatchObject({
      id: MONITORING_ORDER_ID,
      merchantOrderId: "",
      merchantId: DEMO_SHOP.merchantId,
    })
  })

  it("classifies replies as InvoiceBox does", () => {
    expect(classifyReply(200, '{"status":"success"}')).toBe("success")
    expect(classifyReply(200, '{"status":"error"}')).toBe("retry")
    expect(classifyReply(200, '{"status":"error","code":"signature_error"}')).toBe("final_error")
    expect(classifyReply(201, '{"status":"success"}')).toBe("retry")
    expect(classifyReply(null, null)).toBe("retry")
  })
})

describe("CLI", () => {
  it("starts on the given port, serves the API and stops on SIGTERM", async () => {
    const port = 20000 + Math.floor(Math.random() * 20000)
    const child = spawn(
      process.execPath,
      [join(__dirname, "../../bin/invoicebox-sandbox.js"), "--port", String(port), "--quiet"],
      {
        stdio: ["ignore", "pipe", "pipe"],
      }
    )
    try {
      const output = await new Promise<string>((resolve, reject) => {
        let text = ""
        const timer = setTimeout(() => reject(new Error(`no start: ${text}`)), 20_000)
        child.stdout.on("data", (chunk: Buffer) => {
          text += chunk.toString()
          if (text.includes("notification key")) {
            clearTimeout(timer)
            resolve(text)
          }
        })
      })
      expect(output).toContain(`http://127.0.0.1:${port}`)
      expect(output).toContain(DEMO_SHOP.token)
      const auth = await axios.get(`http://127.0.0.1:${port}/v3/security/api/auth/auth`, { headers: AUTH })
      expect(auth.data.data.userId).toEqual(expect.any(String))
    } finally {
      const exited = new Promise((resolve) => child.once("exit", resolve))
      child.kill("SIGTERM")
      await exited
    }
  }, 30_000)
})
