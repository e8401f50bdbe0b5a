/**
 * The WebSocket gate (api/websockets.md): a shop's sockets at /v3/gate/rpc?token=…, order status
 * notifications as JSON-RPC `onOrderStatusChange` calls next to the HTTP ones (retried like them,
 * delivered on connect when pending), the diagnostic `getStatus` call, server-side drops.
 */
import axios, { type AxiosInstance } from "axios"

import { DEMO_SHOP, type Order } from "../../src/invoicebox/types"
import { startSandbox, type RunningSandbox } from "../../src/sandbox"
import type { DeliveryRecord } from "../../src/sandbox/notifier"
import { AUTH, orderRequest } from "../helpers/orders"
import { NotificationReceiver } from "../helpers/receiver"
import { GateClient, refusedUpgrade } from "./gate-client"
import { expectApiError } from "./sandbox-client"

const RETRY_DELAYS_MS = [100, 100, 100]
const TIMEOUT_MS = 300
const ACTIVATION_PATH = "/v3/billing/api/merchant/merchant-integration-setting/activation"
const DOCS_PARTNER_ID = "dda90c3d-e2f8-4f90-aa8b-87b1cd2956a1"

let sandbox: RunningSandbox
let api: AxiosInstance
let receiver: NotificationReceiver
const clients: GateClient[] = []

beforeAll(async () => {
  receiver = await new NotificationReceiver().start()
  sandbox = await startSandbox({
    port: 0,
    quiet: true,
    rateLimit: false,
    notificationRetryDelaysMs: RETRY_DELAYS_MS,
    notificationTimeoutMs: TIMEOUT_MS,
  })
  api = axios.create({ baseURL: sandbox.url, headers: AUTH, validateStatus: () => true })
})
afterAll(async () => {
  await sandbox.close()
  await receiver.close()
})
beforeEach(() => {
  sandbox.reset()
  receiver.clear()
})
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()))
})

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function connect(token: string = DEMO_SHOP.token, on: RunningSandbox = sandbox): Promise<GateClient> {
  const client = await GateClient.connect(`${on.gateUrl}?token=${encodeURIComponent(token)}`)
  clients.push(client)
  return client
}

async function createOrder(overrides: object = {}, token: string = DEMO_SHOP.token, on = sandbox): Promise<Order> {
  const res = await axios.post(`${on.url}/v3/billing/api/order/order`, orderRequest(overrides), {
    headers: { Authorization: `Bearer ${token}` },
  })
  return res.data.data as Order
}

const deliveries = async (orderId: string, channel?: string, on = sandbox): Promise<DeliveryRecord[]> =>
  (await axios.get(`${on.url}/_sandbox/notifications`, { params: { orderId, channel } })).data

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 3_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (done(value) || Date.now() > deadline) return value
    await wait(20)
  }
}

/** A new shop onboarded by the docs' partner (whose token is the demo shop's). */
async function activatedShop(): Promise<{ merchantId: string; token: string }> {
  const sent = await api.post("/v3/notification/api/invite", {
    partnerId: DOCS_PARTNER_ID,
    type: "email",
    identifier: "ws@example.com",
  })
  const invites = (await api.get("/_sandbox/invites")).data as Array<{ id: number; activationCode: string }>
  const { activationCode } = invites.find((invite) => invite.id === sent.data.data.id)!
  return (await api.post(ACTIVATION_PATH, { partnerId: DOCS_PARTNER_ID, activationCode })).data.data
}

const connections = async (on = sandbox) =>
  (await axios.get(`${on.url}/_sandbox/ws/connections`)).data as Array<{
    merchantId: string
    open: number
    sockets: Array<{ id: string; connectedAt: string }>
    pending: Array<{ orderId: string; attempts: number }>
  }>

describe("connecting", () => {
  it("refuses a missing or wrong token with HTTP 401 in the API's envelope", async () => {
    for (const url of [sandbox.gateUrl, `${sandbox.gateUrl}?token=nope`, `${sandbox.gateUrl}?token=`]) {
      const refused = await refusedUpgrade(url)
      expect(refused.status).toBe(401)
      expect(JSON.parse(refused.body)).toEqual({ error: { message: "Unauthorized", code: "unauthorized", fields: [] } })
    }
    // only /v3/ (api/websockets.md), and no NNN-API:token form
    expect(
      (await refusedUpgrade(`${sandbox.url.replace("http", "ws")}/l3/gate/rpc?token=${DEMO_SHOP.token}`)).status
    ).toBe(404)
    expect((await refusedUpgrade(`${sandbox.gateUrl}?token=29078-API:${DEMO_SHOP.token}`)).status).toBe(401)
  })

  it("accepts any number of sockets per shop and lists them", async () => {
    await connect()
    await connect()
    const [demo] = await connections()
    expect(demo).toEqual({
      merchantId: DEMO_SHOP.merchantId,
      open: 2,
      sockets: [
        { id: expect.any(String), connectedAt: expect.any(String) },
        { id: expect.any(String), connectedAt: expect.any(String) },
      ],
      pending: [],
    })
  })

  it("answers the shop's own requests with JSON-RPC errors", async () => {
    const client = await connect()
    client.socket.send(JSON.stringify({ jsonrpc: "2.0", id: 7, method: "whatever", params: [] }))
    client.socket.send("not json")
    await until(
      async () => client.others.length,
      (count) => count === 2
    )
    expect(client.others).toEqual([
      { jsonrpc: "2.0", id: 7, error: { code: -32601, message: "Method not found" } },
      { jsonrpc: "2.0", id: null, error: { code: -32700, message: "Parse error" } },
    ])
  })
})

describe("onOrderStatusChange", () => {
  it("calls it when an order is paid, with the order the HTTP notification carries", async () => {
    const client = await connect()
    const order = await createOrder({ notificationUrl: receiver.url })
    const paid = await api.post(`/_sandbox/orders/${order.id}/pay`)
    expect(paid.data.notification).toMatchObject({ channel: "http", outcome: "success" })
    const [call] = await client.waitFor("onOrderStatusChange", 1)
    expect(call).toEqual({
      jsonrpc: "2.0",
      id: expect.stringMatching(/^[0-9a-f]{20}$/),
      method: "onOrderStatusChange",
      params: [expect.objectContaining({ id: order.id, status: "completed" })],
    })
    expect(receiver.received).toHaveLength(1)
    expect(call!.params).toEqual([JSON.parse(receiver.received[0]!.body)])

    const records = await until(
      () => deliveries(order.id, "websocket"),
      (list) => list.length === 1
    )
    expect(records).toEqual([
      expect.objectContaining({
        channel: "websocket",
        merchantId: DEMO_SHOP.merchantId,
        outcome: "success",
        attempt: 1,
        rpcId: call!.id,
        sockets: 1,
        url: null,
        replyBody: JSON.stringify({ jsonrpc: "2.0", id: call!.id, result: { status: "success" } }),
      }),
    ])
    expect(JSON.parse(records[0]!.requestBody)).toEqual(call)
    // both channels are listed without a filter; HTTP alone with channel=http
    expect((await deliveries(order.id)).map((record) => record.channel).sort()).toEqual(["http", "websocket"])
    expect((await deliveries(order.id, "http")).map((record) => record.channel)).toEqual(["http"])
  })

  it("calls it over every open socket of the shop, and is done with the first result", async () => {
    const first = await connect()
    const second = await connect()
    second.answerWith(() => "silence")
    const order = await createOrder()
    await api.post(`/_sandbox/orders/${order.id}/pay?notify=none`)
    await api.post(`/_sandbox/orders/${order.id}/notify?channel=websocket`)
    expect(first.calls("onOrderStatusChange")).toHaveLength(1)
    expect(second.calls("onOrderStatusChange")).toHaveLength(1)
    expect(first.requests[0]!.id).toBe(second.requests[0]!.id)
    expect(await deliveries(order.id, "websocket")).toEqual([
      expect.objectContaining({ outcome: "success", sockets: 2 }),
    ])
  })

  it("retries an error answer and no answer on the schedule, then is done with a result", async () => {
    const client = await connect()
    client.script({ error: { code: -32000, message: "database down" } }, "silence")
    const order = await createOrder()
    await api.post(`/_sandbox/orders/${order.id}/pay`)
    const calls = await client.waitFor("onOrderStatusChange", 3)
    expect(new Set(calls.map((call) => call.id)).size).toBe(3)
    const records = await until(
      () => deliveries(order.id, "websocket"),
      (list) => list.length === 3
    )
    expect(records.map((record) => [record.attempt, record.outcome])).toEqual([
      [1, "retry"],
      [2, "retry"],
      [3, "success"],
    ])
    expect(records[0]!.error).toContain("database down")
    expect(records[1]!.error).toBe(`no answer within ${TIMEOUT_MS} ms`)
    // done: no more calls
    await wait(300)
    expect(client.calls("onOrderStatusChange")).toHaveLength(3)
    expect((await connections())[0]!.pending).toEqual([])
  })

  it("stops after the schedule when the shop keeps answering errors", async () => {
    const client = await connect()
    client.answerWith(() => ({ error: { code: -32000, message: "no" } }))
    const order = await createOrder()
    await api.post(`/_sandbox/orders/${order.id}/pay`)
    await client.waitFor("onOrderStatusChange", RETRY_DELAYS_MS.length + 1)
    await wait(400)
    expect(client.calls("onOrderStatusChange")).toHaveLength(RETRY_DELAYS_MS.length + 1)
  })

  it("does not call it for a status that is not notified, and not for another shop's order", async () => {
    const shop = await activatedShop()
    const theirs = await connect(shop.token)
    const ours = await connect()
    const order = await createOrder({ merchantId: shop.merchantId }, shop.token)
    await api.delete(`/v3/billing/api/order/order/${order.id}`, { headers: { Authorization: `Bearer ${shop.token}` } })
    await api.post(`/_sandbox/orders/${(await createOrder({ merchantId: shop.merchantId }, shop.token)).id}/pay`)
    await theirs.waitFor("onOrderStatusChange", 1)
    await wait(100)
    expect(theirs.calls("onOrderStatusChange").map((call) => (call.params as Order[])[0]!.status)).toEqual([
      "completed",
    ])
    expect(ours.calls("onOrderStatusChange")).toEqual([])
  })

  it("drops the WebSocket call too when notifications are dropped", async () => {
    const client = await connect()
    await api.post("/_sandbox/faults", { notifications: { dropNotifications: true } })
    const order = await createOrder()
    await api.post(`/_sandbox/orders/${order.id}/pay`)
    await wait(100)
    expect(client.requests).toEqual([])
    expect((await deliveries(order.id)).map((record) => [record.channel, record.outcome]).sort()).toEqual([
      ["http", "dropped"],
      ["websocket", "dropped"],
    ])
  })

  it("records nothing over WebSocket for a shop that has no socket open (HTTP as before)", async () => {
    const order = await createOrder({ notificationUrl: receiver.url })
    await api.post(`/_sandbox/orders/${order.id}/pay`)
    expect((await deliveries(order.id)).map((record) => record.channel)).toEqual(["http"])
  })
})

describe("pending notifications", () => {
  it("delivers a notification paid while no socket was open as soon as one connects", async () => {
    const patient = await startSandbox({
      port: 0,
      quiet: true,
      rateLimit: false,
      notificationRetryDelaysMs: [60_000],
      notificationTimeoutMs: TIMEOUT_MS,
    })
    try {
      const order = await createOrder({}, DEMO_SHOP.token, patient)
      await axios.post(`${patient.url}/_sandbox/orders/${order.id}/pay`)
      const [demo] = await connections(patient)
      expect(demo).toMatchObject({ open: 0, pending: [{ orderId: order.id, attempts: 1 }] })
      expect(await deliveries(order.id, "websocket", patient)).toEqual([])

      const client = await connect(DEMO_SHOP.token, patient)
      const [call] = await client.waitFor("onOrderStatusChange", 1, 1_000)
      expect((call!.params as Order[])[0]).toMatchObject({ id: order.id, status: "completed" })
      const records = await until(
        () => deliveries(order.id, "websocket", patient),
        (list) => list.length === 1
      )
      expect(records).toEqual([expect.objectContaining({ outcome: "success", attempt: 2 })])
      expect((await connections(patient))[0]!.pending).toEqual([])
    } finally {
      await patient.close()
    }
  })
})

describe("getStatus", () => {
  it("sends the docs' getStatus request and answers the shop's result", async () => {
    const client = await connect()
    const status = { version: "2.1", type: "device", settings: { plugin: "medusa" }, log: ["Line 1", "Line 2"] }
    client.answerWith((request) => (request.method === "getStatus" ? { result: status } : { result: null }))
    const res = await api.post("/_sandbox/ws/get-status", { merchantId: DEMO_SHOP.merchantId, logQuantity: 2 })
    expect(res.status).toBe(200)
    expect(res.data).toEqual({ rpcId: expect.any(String), result: status })
    expect(client.calls("getStatus")).toEqual([
      { jsonrpc: "2.0", id: res.data.rpcId, method: "getStatus", params: { logQuantity: 2 } },
    ])
  })

  it("defaults logQuantity to the docs' 40", async () => {
    const client = await connect()
    await api.post("/_sandbox/ws/get-status", { merchantId: DEMO_SHOP.merchantId })
    expect(client.calls("getStatus")[0]!.params).toEqual({ logQuantity: 40 })
  })

  it("answers 504 without an answer in time, 502 for an error, 409 without a socket, 400/404 for bad bodies", async () => {
    expectApiError(
      await api.post("/_sandbox/ws/get-status", { merchantId: DEMO_SHOP.merchantId }),
      409,
      "no_connection"
    )
    const client = await connect()
    client.script("silence", { error: { code: -1, message: "busy" } })
    expectApiError(
      await api.post("/_sandbox/ws/get-status", { merchantId: DEMO_SHOP.merchantId, timeoutMs: 100 }),
      504,
      "gateway_timeout"
    )
    const failed = await api.post("/_sandbox/ws/get-status", { merchantId: DEMO_SHOP.merchantId })
    expectApiError(failed, 502, "bad_gateway")
    expect(failed.data.error.message).toContain("busy")
    expectApiError(await api.post("/_sandbox/ws/get-status", {}), 400, "validation_error")
    expectApiError(
      await api.post("/_sandbox/ws/get-status", { merchantId: "00000000-0000-0000-0000-000000000000" }),
      404,
      "not_found"
    )
  })
})

describe("drop and stop", () => {
  it("closes the shop's sockets from the server side; the shop can reconnect", async () => {
    const first = await connect()
    const second = await connect()
    const res = await api.post("/_sandbox/ws/drop", { merchantId: DEMO_SHOP.merchantId })
    expect(res.data).toEqual({ merchantId: DEMO_SHOP.merchantId, closed: 2 })
    expect((await first.closed).code).toBe(1001)
    expect((await second.closed).code).toBe(1001)
    expect((await connections())[0]!.open).toBe(0)

    const again = await connect()
    expect((await connections())[0]!.open).toBe(1)
    const order = await createOrder()
    await api.post(`/_sandbox/orders/${order.id}/pay`)
    await again.waitFor("onOrderStatusChange", 1)
  })

  it("closes every socket when the sandbox stops", async () => {
    const other = await startSandbox({ port: 0, quiet: true, rateLimit: false })
    const client = await connect(DEMO_SHOP.token, other)
    await other.close()
    expect((await client.closed).code).toBe(1001)
  })
})
