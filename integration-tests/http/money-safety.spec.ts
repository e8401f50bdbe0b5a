/**
 * Money the store must not keep, and notifications that are not payments: a paid order with another
 * amount and a second paid order for an already paid session are refused AND refunded at InvoiceBox
 * (once, however often InvoiceBox repeats); a canceled or expired order closes its Medusa session;
 * InvoiceBox's monitoring ping passes with nothing but its id; a signed body that is not JSON still
 * gets a JSON reply. A paid checkout costs one InvoiceBox request when the notification comes first.
 */
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import axios from "axios"

import { InvoiceboxClient } from "../../src/invoicebox/client"
import { signBody } from "../../src/invoicebox/signature"
import { DEMO_SHOP, MONITORING_ORDER_ID, type Order } from "../../src/invoicebox/types"
import { useSandboxForMedusa } from "../helpers/sandbox"
import { orderOfCart, seedStore, type SeededStore } from "../helpers/seed"
import { checkoutWithInvoicebox, publishableHeaders } from "../helpers/storefront"

jest.setTimeout(180_000)

const sandbox = useSandboxForMedusa()

type SandboxOrder = Order & { refunds: Array<{ amount: number; merchantOrderId: string }> }
type LogRow = { reply_code: string | null; reply_status: string; order_status: string }

medusaIntegrationTestRunner({
  testSuite: ({ getContainer, api }) => {
    let store: SeededStore
    beforeAll(async () => {
      store = await seedStore(getContainer())
    })

    const sandboxOrder = async (id: string): Promise<SandboxOrder> =>
      (await axios.get(`${sandbox.url}/_sandbox/orders/${id}`)).data
    const kopecks = (amount: number) => Math.round(amount * 100)
    const refunded = (order: SandboxOrder) => order.refunds.reduce((sum, refund) => sum + kopecks(refund.amount), 0)
    const post = (body: string, signature = signBody(body, DEMO_SHOP.notificationKey)) =>
      api
        .post("/hooks/invoicebox", body, {
          headers: { "Content-Type": "application/json", "X-Signature": signature },
          // the bytes as given (axios would re-encode a string that is not valid JSON)
          transformRequest: [(data: string) => data],
        })
        .then((response: { status: number; data: unknown }) => response)
    const logOf = async (invoiceboxOrderId: string): Promise<LogRow[]> =>
      (
        await getContainer()
          .resolve("query")
          .graph({
            entity: "invoicebox_notification",
            fields: ["*"],
            filters: { invoicebox_order_id: invoiceboxOrderId },
          })
      ).data as LogRow[]
    const oneTea = () => [{ variant_id: store.variants.tea, quantity: 1 }]

    it("a paid order with another amount is refused and refunded at once, and only once", async () => {
      const { cart, invoiceboxOrderId } = await checkoutWithInvoicebox(api, store, { items: oneTea() })
      const { data } = await axios.post(`${sandbox.url}/_sandbox/orders/${invoiceboxOrderId}/pay?notify=none`)
      const other = JSON.stringify({ ...data.order, amount: data.order.amount + 1 })
      for (let i = 0; i < 2; i++) {
        expect((await post(other)).data).toMatchObject({ status: "error", code: "order_wrong_amount" })
      }
      const order = await sandboxOrder(invoiceboxOrderId)
      expect(refunded(order)).toBe(kopecks(order.amount))
      expect(order.refunds).toHaveLength(1)
      expect(await orderOfCart(getContainer(), cart.id)).toBeNull()
      expect((await logOf(invoiceboxOrderId)).map((row) => row.reply_code)).toEqual([
        "order_wrong_amount",
        "order_wrong_amount",
      ])
    })

    it("a forged 'paid' message for an unpaid order is refused and refunds nothing", async () => {
      const { invoiceboxOrderId } = await checkoutWithInvoicebox(api, store, { items: oneTea() })
      const unpaid = await sandboxOrder(invoiceboxOrderId)
      const forged = JSON.stringify({ ...unpaid, status: "completed", amount: unpaid.amount - 1 })
      expect((await post(forged)).data).toMatchObject({ status: "error", code: "order_wrong_amount" })
      expect((await sandboxOrder(invoiceboxOrderId)).refunds).toEqual([])
    })

    it("a second InvoiceBox order paid for a session already paid is refused and refunded", async () => {
      const { cart, session, invoiceboxOrderId } = await checkoutWithInvoicebox(api, store, { items: oneTea() })
      await axios.post(`${sandbox.url}/_sandbox/orders/${invoiceboxOrderId}/pay`)
      expect(await orderOfCart(getContainer(), cart.id)).not.toBeNull()

      // the same session's order made again (say, by a retry that lost its reply) and paid too
      const first = await sandboxOrder(invoiceboxOrderId)
      const client = new InvoiceboxClient({ token: DEMO_SHOP.token, baseUrl: sandbox.url, rateLimit: false })
      const second = await client.createOrder({
        merchantId: DEMO_SHOP.merchantId,
        merchantOrderId: `${session.id}~2`,
        amount: first.amount,
        vatAmount: first.vatAmount,
        currencyId: first.currencyId,
        description: first.description,
        basketItems: first.basketItems,
        customer: first.customer,
        expirationDate: new Date(Date.now() + 3_600_000).toISOString(),
        notificationUrl: first.notificationUrl,
      } as Parameters<InvoiceboxClient["createOrder"]>[0])
      const paid = await axios.post(`${sandbox.url}/_sandbox/orders/${second.id}/pay`)
      expect(JSON.parse(paid.data.notification.replyBody)).toMatchObject({ code: "order_already_paid" })
      expect(refunded(await sandboxOrder(second.id))).toBe(kopecks(first.amount))
      // the first payment stands, alone
      expect((await sandboxOrder(invoiceboxOrderId)).refunds).toEqual([])
      expect((await orderOfCart(getContainer(), cart.id))!.payments).toHaveLength(1)
    })

    it("an expired or canceled InvoiceBox order closes its Medusa session", async () => {
      const { cart, session, invoiceboxOrderId } = await checkoutWithInvoicebox(api, store, { items: oneTea() })
      await axios.post(`${sandbox.url}/_sandbox/orders/${invoiceboxOrderId}/expire`)
      const delivered = await axios.post(`${sandbox.url}/_sandbox/orders/${invoiceboxOrderId}/notify`)
      expect(delivered.data[0].replyBody).toBe('{"status":"success"}')
      const { data } = await getContainer()
        .resolve("query")
        .graph({ entity: "payment_session", fields: ["id", "status"], filters: { id: session.id } })
      expect(data[0]).toMatchObject({ status: "canceled" })
      // no new InvoiceBox order was made for it, and the cart cannot be completed with it
      const orders = (await axios.get(`${sandbox.url}/_sandbox/orders`)).data as Order[]
      expect(orders.filter((order) => order.merchantOrderId.startsWith(session.id))).toHaveLength(1)
      const completed = await api
        .post(`/store/carts/${cart.id}/complete`, {}, { headers: publishableHeaders(store) })
        .catch((error: { response: { status: number; data: unknown } }) => error.response)
      expect(completed.data).not.toHaveProperty("order")
      expect(await logOf(invoiceboxOrderId)).toEqual([expect.objectContaining({ order_status: "expired" })])
    })

    it("monitoring's ping passes with nothing but its id; a signed body that is not JSON gets a JSON reply", async () => {
      const ping = JSON.stringify({ id: MONITORING_ORDER_ID })
      expect((await post(ping)).data).toEqual({ status: "success" })
      expect((await post(ping, signBody(ping, "another-key"))).data).toMatchObject({ code: "signature_error" })

      const broken = '{"id": "0a1b", "status": '
      const reply = await post(broken)
      expect(reply.status).toBe(200)
      expect(reply.data).toMatchObject({ status: "error", code: "order_not_found" })
      const unsigned = await post(broken, "")
      expect(unsigned.status).toBe(200)
      expect(unsigned.data).toMatchObject({ status: "error", code: "signature_error" })
    })

    it("a paid checkout costs one InvoiceBox request when the notification comes first", async () => {
      const before = (await axios.get(`${sandbox.url}/_sandbox/requests`)).data.total as number
      const { cart, invoiceboxOrderId } = await checkoutWithInvoicebox(api, store, { items: oneTea() })
      await axios.post(`${sandbox.url}/_sandbox/orders/${invoiceboxOrderId}/pay`)
      const order = await orderOfCart(getContainer(), cart.id)
      expect(order?.payments).toHaveLength(1)
      const after = (await axios.get(`${sandbox.url}/_sandbox/requests`)).data
      expect(after.total - before).toBe(1)
    })
  },
})
