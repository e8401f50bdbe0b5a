/**
 * A storefront checkout paid through InvoiceBox (the local sandbox) on a real Medusa + PostgreSQL:
 * server-side 54-FZ basket, the notification turns the cart into an order (once), bad notifications
 * get InvoiceBox's error codes.
 */
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import axios from "axios"

import { signBody } from "../../src/invoicebox/signature"
import { DEMO_SHOP, type Order } from "../../src/invoicebox/types"
import { adminHeaders } from "../helpers/admin"
import { useSandboxForMedusa } from "../helpers/sandbox"
import { checkoutWithInvoicebox, publishableHeaders, SHIPPING_ADDRESS } from "../helpers/storefront"
import { Modules, orderOfCart, seedStore, type SeededStore } from "../helpers/seed"

jest.setTimeout(180_000)

const sandbox = useSandboxForMedusa()

medusaIntegrationTestRunner({
  testSuite: ({ getContainer, api }) => {
    let store: SeededStore
    let headers: Record<string, string>

    beforeAll(async () => {
      store = await seedStore(getContainer())
      headers = publishableHeaders(store)
    })

    const DEFAULT_ITEMS = () => [
      { variant_id: store.variants.tea, quantity: 3 },
      { variant_id: store.variants.honey, quantity: 2 },
      { variant_id: store.variants.course, quantity: 1 },
    ]

    async function cartWithSession(sessionData: Record<string, unknown> = {}, items = DEFAULT_ITEMS()) {
      return checkoutWithInvoicebox(api, store, { items, sessionData })
    }

    const sandboxOrder = async (id: string): Promise<Order> =>
      (await axios.get(`${sandbox.url}/_sandbox/orders/${id}`)).data

    async function notify(raw: string, signature = signBody(raw, DEMO_SHOP.notificationKey)) {
      return api.post("/hooks/invoicebox", raw, {
        headers: { "Content-Type": "application/json", "X-Signature": signature },
      })
    }

    it("RUB prices include VAT, as Russian shops show them: 450 ₽ on the shelf is 450 ₽ at InvoiceBox", async () => {
      const { cart, session } = await checkoutWithInvoicebox(api, store, {
        items: [{ variant_id: store.variants.tea, quantity: 1 }],
      })
      expect(Number(cart.total)).toBe(450)
      // Medusa's own flag on the line (the RUB price preference), which the basket follows
      const flagged: { data: { cart: { items: Array<{ is_tax_inclusive: boolean }> } } } = await api.get(
        `/store/carts/${cart.id}?fields=id,*items,items.is_tax_inclusive`,
        { headers }
      )
      expect(flagged.data.cart.items.map((item) => item.is_tax_inclusive)).toEqual([true])
      const invoiceboxOrder = await sandboxOrder(String(session.data.invoicebox_order_id))
      expect(invoiceboxOrder.amount).toBe(450)
      // the VAT is inside the price: 450 × 22 / 122
      expect(invoiceboxOrder.basketItems).toEqual([
        expect.objectContaining({ amount: 450, totalAmount: 450, vatCode: "RUS_VAT22", totalVatAmount: 81.15 }),
      ])
    })

    it("pays a cart on the InvoiceBox page and the notification places the order", async () => {
      // three goods, a service, a promotion, shipping; VAT 22 % and 10 %; a forged basket in `data`
      const { cart, session } = await checkoutWithInvoicebox(api, store, {
        items: [...DEFAULT_ITEMS(), { variant_id: store.variants.samovar, quantity: 1 }],
        cart: { shipping_address: SHIPPING_ADDRESS },
        shippingOptionId: store.shippingOptionId,
        promotionCodes: [store.promotionCode],
        sessionData: {
          invoicebox_basket: { lines: [{ sku: "X", name: "Подделка", unitPrice: 1, quantity: 1, vatCode: "VATNONE" }] },
        },
      })
      expect(Number(cart.discount_total)).toBeGreaterThan(0)
      expect(Number(cart.shipping_total)).toBeGreaterThan(0)
      expect(session.data.payment_url).toContain(`${sandbox.url}/order/`)
      const invoiceboxOrder = await sandboxOrder(String(session.data.invoicebox_order_id))

      // the basket is the cart's, made on the server: real names, VAT 22 % and 10 %, the discount spread
      // over the lines, shipping as a service line; InvoiceBox is charged the cart total rounded to the
      // kopeck, and the lines add up to it exactly
      expect(invoiceboxOrder.amount).toBe(Math.round(Number(cart.total) * 100) / 100)
      const kopecks = invoiceboxOrder.basketItems.reduce((sum, item) => sum + Math.round(item.totalAmount * 100), 0)
      expect(kopecks).toBe(Math.round(invoiceboxOrder.amount * 100))
      expect(invoiceboxOrder.basketItems.map((i) => i.name)).toEqual(
        expect.arrayContaining([
          "Чай улун — 100 г",
          "Мёд липовый — 1 кг",
          "Мастер-класс по чаю — Онлайн",
          "Самовар — 3 л",
          "Доставка: Курьер",
        ])
      )
      expect(invoiceboxOrder.basketItems.find((i) => i.sku === "HONEY-1KG")).toMatchObject({
        vatCode: "RUS_VAT10",
        measure: "кг",
        measureCode: "166",
      })
      expect(invoiceboxOrder.basketItems.find((i) => i.sku === "TEA-100")).toMatchObject({ vatCode: "RUS_VAT22" })
      expect(invoiceboxOrder.basketItems.find((i) => i.sku === "CLASS-ONLINE")).toMatchObject({ type: "service" })
      // 10 % off: a tea line costs less than its 450 ₽ + 22 % list price
      const tea = invoiceboxOrder.basketItems.find((i) => i.sku === "TEA-100")!
      expect(tea.totalAmount).toBeLessThan(3 * 450 * 1.22)
      expect(invoiceboxOrder.basketItems.some((i) => i.name === "Подделка")).toBe(false)

      // the buyer returns before paying: the cart cannot be completed yet
      const early = await api
        .post(`/store/carts/${cart.id}/complete`, {}, { headers })
        .catch((e: { response: { status: number } }) => e.response)
      expect(early.status).toBeGreaterThanOrEqual(400)
      expect(await orderOfCart(getContainer(), cart.id)).toBeNull()

      const paid = await axios.post(`${sandbox.url}/_sandbox/orders/${invoiceboxOrder.id}/pay`)
      expect(paid.data.notification.replyBody).toBe('{"status":"success"}')
      const order = await orderOfCart(getContainer(), cart.id)
      expect(order).not.toBeNull()
      expect(order!.payments).toHaveLength(1)
      expect(order!.payments[0]!.captured_at).toBeTruthy()

      // repeats and 20 concurrent duplicates: success, still one order and one payment
      const repeats = await axios.post(`${sandbox.url}/_sandbox/orders/${invoiceboxOrder.id}/notify?times=20`)
      expect(new Set(repeats.data.map((r: { replyBody: string }) => r.replyBody))).toEqual(
        new Set(['{"status":"success"}'])
      )
      const after = await orderOfCart(getContainer(), cart.id)
      expect(after!.id).toBe(order!.id)
      expect(after!.payments).toHaveLength(1)
    })

    it("buyer never returns: 20 concurrent first notifications make one order with one payment", async () => {
      const { cart, session } = await cartWithSession()
      const id = session.data.invoicebox_order_id as string
      await axios.post(`${sandbox.url}/_sandbox/orders/${id}/pay?notify=none`)
      const deliveries = await axios.post(`${sandbox.url}/_sandbox/orders/${id}/notify?times=20`)
      expect(new Set(deliveries.data.map((r: { replyBody: string }) => r.replyBody))).toEqual(
        new Set(['{"status":"success"}'])
      )
      const order = await orderOfCart(getContainer(), cart.id)
      expect(order!.payments).toHaveLength(1)
    })

    it("buyer returns first (the notification was lost): completing the cart reads the paid order", async () => {
      const { cart, session } = await cartWithSession()
      const id = session.data.invoicebox_order_id as string
      await axios.post(`${sandbox.url}/_sandbox/faults`, { notifications: { dropNotifications: true } })
      await axios.post(`${sandbox.url}/_sandbox/orders/${id}/pay`)
      await axios.delete(`${sandbox.url}/_sandbox/faults`)
      const completed = await api.post(`/store/carts/${cart.id}/complete`, {}, { headers })
      expect(completed.data.type).toBe("order")
      // the late notification changes nothing
      const late = await axios.post(`${sandbox.url}/_sandbox/orders/${id}/notify`)
      expect(late.data[0].replyBody).toBe('{"status":"success"}')
      const order = await orderOfCart(getContainer(), cart.id)
      expect(order!.id).toBe(completed.data.order.id)
      expect(order!.payments).toHaveLength(1)
    })

    it("a cart changed after the session: the old InvoiceBox order is canceled", async () => {
      const { cart, session } = await cartWithSession()
      await api.post(`/store/carts/${cart.id}/line-items`, { variant_id: store.variants.tea, quantity: 1 }, { headers })
      const old = await sandboxOrder(String(session.data.invoicebox_order_id))
      expect(old.status).toBe("canceled")
    })

    it("a cart changed without changing its total: the unpaid InvoiceBox order gets the new basket", async () => {
      const { cart, session } = await cartWithSession()
      const id = session.data.invoicebox_order_id as string
      const tea = cart.items.find((item) => item.variant_id === store.variants.tea)!
      await api.post(
        `/store/carts/${cart.id}/line-items/${tea.id}`,
        { quantity: tea.quantity, metadata: { invoicebox_measure: "уп", invoicebox_measure_code: "778" } },
        { headers }
      )
      let line: { measure: string; measureCode: string } | undefined
      for (let wait = 0; wait < 100; wait++) {
        line = (await sandboxOrder(id)).basketItems.find((item) => item.sku === "TEA-100")
        if (line?.measure === "уп") break
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      expect(line).toMatchObject({ measure: "уп", measureCode: "778" })
      expect((await sandboxOrder(id)).status).toBe("created")
      // the session the storefront reads shows the same basket, and still the same InvoiceBox order
      const {
        data: { cart: after },
      } = await api.get(`/store/carts/${cart.id}?fields=*payment_collection.payment_sessions`, { headers })
      const data = after.payment_collection.payment_sessions[0].data
      expect(data.invoicebox_order_id).toBe(id)
      expect(data.basket).toEqual(
        expect.arrayContaining([expect.objectContaining({ name: "Чай улун — 100 г", measure: "уп" })])
      )
    })

    it("refunds from the admin: two parts, then the rest; more than paid is refused and nothing is sent", async () => {
      const { cart, session } = await cartWithSession()
      const id = session.data.invoicebox_order_id as string
      await axios.post(`${sandbox.url}/_sandbox/orders/${id}/pay`)
      const order = await orderOfCart(getContainer(), cart.id)
      const admin = { headers: await adminHeaders(getContainer()) }
      const {
        data: { order: adminOrder },
      } = await api.get(`/admin/orders/${order!.id}?fields=*payment_collections.payments`, admin)
      const payment = adminOrder.payment_collections[0].payments[0]
      const paid = (await sandboxOrder(id)).amount

      await api.post(`/admin/payments/${payment.id}/refund`, { amount: 500 }, admin)
      await api.post(`/admin/payments/${payment.id}/refund`, { amount: 123.45 }, admin)
      const tooMuch = await api
        .post(`/admin/payments/${payment.id}/refund`, { amount: paid }, admin)
        .catch((e: { response: { status: number; data: { message: string } } }) => e.response)
      expect(tooMuch.status).toBeGreaterThanOrEqual(400)
      let refunds = (await axios.get(`${sandbox.url}/_sandbox/orders/${id}`)).data.refunds as Array<{ amount: number }>
      expect(refunds.map((r) => r.amount)).toEqual([500, 123.45])

      const rest = Math.round(paid * 100 - 50_000 - 12_345) / 100
      await api.post(`/admin/payments/${payment.id}/refund`, { amount: rest }, admin)
      refunds = (await axios.get(`${sandbox.url}/_sandbox/orders/${id}`)).data.refunds
      expect(refunds.reduce((sum, r) => sum + Math.round(r.amount * 100), 0)).toBe(Math.round(paid * 100))
      const refundable = await axios.get(`${sandbox.url}/v3/billing/api/order/order/${id}/refund-basket-item`, {
        headers: { Authorization: `Bearer ${DEMO_SHOP.token}` },
      })
      expect(refundable.data.data).toEqual([])
    })

    it("out of stock when the payment arrives: shipping_unavailable, and the buyer gets the money back", async () => {
      const { cart, session } = await checkoutWithInvoicebox(api, store, {
        items: [{ variant_id: store.variants.kettle, quantity: 1 }],
        cart: { shipping_address: SHIPPING_ADDRESS },
        shippingOptionId: store.shippingOptionId,
      })
      // the last kettle is sold elsewhere while the buyer is on the payment page
      const inventory = getContainer().resolve(Modules.INVENTORY)
      await inventory.updateInventoryLevels([
        { inventory_item_id: store.kettleInventoryItemId, location_id: store.stockLocationId, stocked_quantity: 0 },
      ])
      const id = session.data.invoicebox_order_id as string
      try {
        const paid = await axios.post(`${sandbox.url}/_sandbox/orders/${id}/pay`)
        expect(JSON.parse(paid.data.notification.replyBody)).toMatchObject({
          status: "error",
          code: "shipping_unavailable",
        })
        expect(await orderOfCart(getContainer(), cart.id)).toBeNull()
        const invoiceboxOrder = (await axios.get(`${sandbox.url}/_sandbox/orders/${id}`)).data as Order & {
          refunds: Array<{ amount: number }>
        }
        expect(invoiceboxOrder.refunds.reduce((sum, r) => sum + Math.round(r.amount * 100), 0)).toBe(
          Math.round(invoiceboxOrder.amount * 100)
        )
        // a repeat of the notification refunds nothing more
        await axios.post(`${sandbox.url}/_sandbox/orders/${id}/notify`)
        const again = (await axios.get(`${sandbox.url}/_sandbox/orders/${id}`)).data as { refunds: unknown[] }
        expect(again.refunds).toHaveLength(invoiceboxOrder.refunds.length)
      } finally {
        await inventory.updateInventoryLevels([
          { inventory_item_id: store.kettleInventoryItemId, location_id: store.stockLocationId, stocked_quantity: 1 },
        ])
      }
    })

    it("InvoiceBox down while the session is created: a clear error for the storefront, nothing half-created", async () => {
      const {
        data: { cart },
      } = await api.post(
        "/store/carts",
        {
          region_id: store.regionId,
          sales_channel_id: store.salesChannelId,
          email: "buyer@example.com",
          items: DEFAULT_ITEMS(),
        },
        { headers }
      )
      const {
        data: { payment_collection: collection },
      } = await api.post("/store/payment-collections", { cart_id: cart.id }, { headers })
      const before = (await axios.get(`${sandbox.url}/_sandbox/orders`)).data.length
      await axios.post(`${sandbox.url}/_sandbox/faults`, {
        createOrder: { status500Count: 1 },
        getOrders: { status500Count: 50 },
      })
      try {
        const failed = await api
          .post(
            `/store/payment-collections/${collection.id}/payment-sessions`,
            { provider_id: "pp_invoicebox_invoicebox" },
            { headers }
          )
          .catch((e: { response: { status: number; data: { message: string } } }) => e.response)
        expect(failed.status).toBeGreaterThanOrEqual(400)
        expect(failed.data.message).toMatch(/InvoiceBox/)
      } finally {
        await axios.delete(`${sandbox.url}/_sandbox/faults`)
      }
      expect((await axios.get(`${sandbox.url}/_sandbox/orders`)).data.length).toBe(before)
      const {
        data: { cart: after },
      } = await api.get(`/store/carts/${cart.id}?fields=*payment_collection.payment_sessions`, { headers })
      expect(after.payment_collection.payment_sessions).toHaveLength(0)
    })

    it("answers bad notifications with InvoiceBox's codes and changes nothing", async () => {
      const { cart, session } = await cartWithSession()
      const invoiceboxOrder = await sandboxOrder(String(session.data.invoicebox_order_id))
      const paidBody = { ...invoiceboxOrder, status: "completed", paidAt: new Date().toISOString() }
      const raw = JSON.stringify(paidBody)

      expect((await notify(raw, signBody(raw, "wrong-key"))).data).toMatchObject({
        status: "error",
        code: "signature_error",
      })
      const foreign = JSON.stringify({ ...paidBody, merchantId: "01771534-1a57-f184-dee3-ebeb91dded76" })
      expect((await notify(foreign)).data).toMatchObject({ status: "error", code: "order_not_found" })
      const unknown = JSON.stringify({ ...paidBody, merchantOrderId: "payses_unknown" })
      expect((await notify(unknown)).data).toMatchObject({ status: "error", code: "order_not_found" })
      const cheaper = JSON.stringify({ ...paidBody, amount: paidBody.amount - 1 })
      expect((await notify(cheaper)).data).toMatchObject({ status: "error", code: "order_wrong_amount" })
      const ping = await axios.post(`${sandbox.url}/_sandbox/monitoring-ping`, {
        url: `http://localhost:${process.env.PORT}/hooks/invoicebox`,
      })
      expect(ping.data.replyBody).toBe('{"status":"success"}')
      expect(await orderOfCart(getContainer(), cart.id)).toBeNull()
    })
  },
})
