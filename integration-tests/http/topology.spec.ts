/**
 * The production topology: Redis behind events, workflows, locking and caching; two servers
 * (`workerMode: "server"`: this test's Medusa and a second `medusa start`) and one worker
 * (`workerMode: "worker"`), all on one database. Notifications are answered by whichever server
 * gets them, exactly once across both (the Redis lock); the worker alone runs the subscribers (the
 * InvoiceBox shipment after Medusa ships) and the reconciliation job (a lost notification recovered).
 * A shop connected from the admin of one server is used by the other server and the worker within
 * seconds, with no restart (its notifications over the WebSocket gate the worker keeps open).
 */
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import axios from "axios"

import { signBody } from "../../src/invoicebox/signature"
import { DEMO_SHOP, type Order } from "../../src/invoicebox/types"
import { REFRESH_AFTER_MS } from "../../src/providers/invoicebox/stored-connections"
import { adminHeaders } from "../helpers/admin"
import { useSandboxForMedusa } from "../helpers/sandbox"
import { startMedusaInstance, useProductionTopology, type MedusaInstance } from "../helpers/topology"
import { orderOfCart, seedStore, type SeededStore } from "../helpers/seed"
import { checkoutWithInvoicebox, SHIPPING_ADDRESS } from "../helpers/storefront"

jest.setTimeout(300_000)

useProductionTopology({
  // the worker reconciles every 2 s whatever is older than 1 s
  INVOICEBOX_RECONCILE_EVERY_SECONDS: "2",
  INVOICEBOX_RECONCILE_AFTER_SECONDS: "1",
})
const sandbox = useSandboxForMedusa()

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (done(value) || Date.now() > deadline) return value
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}

medusaIntegrationTestRunner({
  testSuite: ({ getContainer, api, dbConfig }) => {
    const instances: MedusaInstance[] = []
    let server2 = ""
    let store: SeededStore

    beforeAll(async () => {
      // this test's own Medusa is a server like the second one: it runs no subscriber and no job
      expect(getContainer().resolve("configModule").projectConfig.workerMode).toBe("server")
      store = await seedStore(getContainer())
      instances.push(await startMedusaInstance(dbConfig.clientUrl, "server"))
      instances.push(await startMedusaInstance(dbConfig.clientUrl, "worker"))
      server2 = instances[0]!.url
    })
    afterAll(async () => {
      await Promise.all(instances.map((instance) => instance.stop()))
    })

    const paidBody = async (invoiceboxOrderId: string) => {
      const { data } = await axios.post(`${sandbox.url}/_sandbox/orders/${invoiceboxOrderId}/pay?notify=none`)
      const raw = JSON.stringify(data.order)
      return {
        raw,
        headers: { "Content-Type": "application/json", "X-Signature": signBody(raw, DEMO_SHOP.notificationKey) },
      }
    }

    it("a checkout on one server, its notifications on both: one order, one payment", async () => {
      const { cart, invoiceboxOrderId } = await checkoutWithInvoicebox(api, store, {
        items: [{ variant_id: store.variants.tea, quantity: 1 }],
      })
      const { raw, headers } = await paidBody(invoiceboxOrderId)
      const replies = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          i % 2 === 0
            ? api.post("/hooks/invoicebox", raw, { headers }).then((r: { data: unknown }) => r.data)
            : axios.post(`${server2}/hooks/invoicebox`, raw, { headers }).then((r) => r.data)
        )
      )
      expect(replies).toEqual(Array.from({ length: 10 }, () => ({ status: "success" })))
      expect((await orderOfCart(getContainer(), cart.id))!.payments).toHaveLength(1)
    })

    it("the worker recovers a lost notification (reconciliation job)", async () => {
      const { cart, invoiceboxOrderId } = await checkoutWithInvoicebox(api, store, {
        items: [{ variant_id: store.variants.tea, quantity: 1 }],
      })
      await axios.post(`${sandbox.url}/_sandbox/orders/${invoiceboxOrderId}/pay?notify=none`)
      const order = await eventually(
        () => orderOfCart(getContainer(), cart.id),
        (found) => found !== null
      )
      expect(order?.payments).toHaveLength(1)
    })

    it("the worker registers the InvoiceBox shipment when Medusa ships (subscriber on Redis events)", async () => {
      const { cart, invoiceboxOrderId } = await checkoutWithInvoicebox(api, store, {
        items: [{ variant_id: store.variants.samovar, quantity: 1 }],
        cart: {
          shipping_address: SHIPPING_ADDRESS,
        },
        shippingOptionId: store.shippingOptionId,
      })
      await axios.post(`${sandbox.url}/_sandbox/orders/${invoiceboxOrderId}/pay`)
      const order = await orderOfCart(getContainer(), cart.id)
      const admin = { headers: await adminHeaders(getContainer()) }
      const {
        data: { order: full },
      } = await api.get(`/admin/orders/${order!.id}?fields=*items`, admin)
      const {
        data: { order: fulfilled },
      } = await api.post(
        `/admin/orders/${order!.id}/fulfillments?fields=*fulfillments`,
        { items: [{ id: full.items[0].id, quantity: 1 }], location_id: store.stockLocationId },
        admin
      )
      await api.post(
        `/admin/orders/${order!.id}/fulfillments/${fulfilled.fulfillments[0].id}/shipments`,
        { items: [{ id: full.items[0].id, quantity: 1 }] },
        admin
      )
      const shipments = await eventually(
        async () =>
          (
            (await axios.get(`${sandbox.url}/_sandbox/orders/${invoiceboxOrderId}`)).data as Order & {
              shipments: unknown[]
            }
          ).shipments,
        (list) => list.length > 0
      )
      expect(shipments).toHaveLength(1)
    })

    // last: it leaves the store connected to another shop until it disconnects it
    it("a shop connected on one server is used by the other server and the worker, no restart", async () => {
      const admin = { headers: await adminHeaders(getContainer()) }
      const provider = "pp_invoicebox_invoicebox"
      await api.post(`/admin/invoicebox/connections/${provider}/invite`, { email: "owner@topology.example" }, admin)
      const invites: Array<{ identifier: string; activationCode: string }> = (
        await axios.get(`${sandbox.url}/_sandbox/invites`)
      ).data
      const code = invites.find((invite) => invite.identifier === "owner@topology.example")!.activationCode
      const {
        data: { connection },
      } = await api.post(`/admin/invoicebox/connections/${provider}/activate`, { activation_code: code }, admin)
      try {
        // the worker opens the new shop's WebSocket gate (it has no notification key yet)
        await eventually(
          async () =>
            (
              await axios.get<Array<{ merchantId: string; sockets: unknown[] }>>(
                `${sandbox.url}/_sandbox/ws/connections`
              )
            ).data,
          (shops) => shops.some((shop) => shop.merchantId === connection.merchant_id && shop.sockets.length > 0)
        )
        // the second server reads the stored connections again within REFRESH_AFTER_MS
        await new Promise((resolve) => setTimeout(resolve, REFRESH_AFTER_MS + 500))
        const { cart, invoiceboxOrderId } = await checkoutWithInvoicebox(axios.create({ baseURL: server2 }), store, {
          items: [{ variant_id: store.variants.tea, quantity: 1 }],
        })
        const created = (await axios.get(`${sandbox.url}/_sandbox/orders/${invoiceboxOrderId}`)).data as Order
        expect(created.merchantId).toBe(connection.merchant_id)
        await axios.post(`${sandbox.url}/_sandbox/orders/${invoiceboxOrderId}/pay`)
        const order = await eventually(
          () => orderOfCart(getContainer(), cart.id),
          (found) => found !== null
        )
        expect(order?.payments).toHaveLength(1)
      } finally {
        await api.delete(`/admin/invoicebox/connections/${provider}`, admin)
      }
    })
  },
})
