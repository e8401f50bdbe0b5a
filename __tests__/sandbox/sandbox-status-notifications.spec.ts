/**
 * Notifications of canceled and expired orders, for shops whose settings ask for status changes
 * (`notifyStatuses`); by default only payments are notified, as before.
 */
import axios from "axios"

import { verifyBodySignature } from "../../src/invoicebox/signature"
import { DEMO_SHOP, type Order } from "../../src/invoicebox/types"
import { startSandbox, type RunningSandbox } from "../../src/sandbox"
import type { DeliveryRecord } from "../../src/sandbox/notifier"
import { NotificationReceiver } from "../helpers/receiver"
import { sandboxApi } from "./sandbox-client"

let receiver: NotificationReceiver
let notifying: RunningSandbox
let quiet: RunningSandbox

beforeAll(async () => {
  receiver = await new NotificationReceiver().start()
  const options = { port: 0, quiet: true, rateLimit: false as const, defaultNotificationUrl: receiver.url }
  notifying = await startSandbox({ ...options, notifyStatuses: ["completed", "canceled", "expired"] })
  quiet = await startSandbox(options)
})
afterAll(async () => {
  await notifying.close()
  await quiet.close()
  await receiver.close()
})
beforeEach(() => {
  notifying.reset()
  quiet.reset()
  receiver.clear()
})

const deliveries = async (sandbox: RunningSandbox, orderId: string): Promise<DeliveryRecord[]> =>
  (await axios.get(`${sandbox.url}/_sandbox/notifications`, { params: { orderId } })).data
const bodies = () => receiver.received.map((received) => JSON.parse(received.body) as Order)

it("notifies a canceled order with the signed order body", async () => {
  const ib = sandboxApi(notifying)
  const order = await ib.createOrder()
  await ib.api.delete(`/v3/billing/api/order/order/${order.id}`)
  await receiver.waitFor(1)
  expect(bodies()).toEqual([expect.objectContaining({ id: order.id, status: "canceled" })])
  const [received] = receiver.received
  expect(verifyBodySignature(received!.body, received!.signature ?? "", DEMO_SHOP.notificationKey)).toBe(true)
})

it("notifies an order expired from the control API before the reply", async () => {
  const ib = sandboxApi(notifying)
  const order = await ib.createOrder()
  await ib.api.post(`/_sandbox/orders/${order.id}/expire`)
  expect(await deliveries(notifying, order.id)).toEqual([
    expect.objectContaining({ outcome: "success", requestBody: expect.stringContaining('"status":"expired"') }),
  ])
})

it("notifies an order that expires by its expirationDate without anyone reading it", async () => {
  const ib = sandboxApi(notifying)
  const order = await ib.createOrder({ expirationDate: new Date(Date.now() + 200).toISOString() })
  await receiver.waitFor(1, 4_000)
  expect(bodies()).toEqual([expect.objectContaining({ id: order.id, status: "expired" })])
})

it("by default notifies neither canceled nor expired orders", async () => {
  const ib = sandboxApi(quiet)
  const canceled = await ib.createOrder()
  await ib.api.delete(`/v3/billing/api/order/order/${canceled.id}`)
  const expired = await ib.createOrder()
  await ib.api.post(`/_sandbox/orders/${expired.id}/expire`)
  await new Promise((resolve) => setTimeout(resolve, 200))
  expect(await deliveries(quiet, canceled.id)).toEqual([])
  expect(await deliveries(quiet, expired.id)).toEqual([])
  expect(receiver.received).toEqual([])
})
