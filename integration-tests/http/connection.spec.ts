/**
 * Connecting InvoiceBox from the admin, on a store whose provider options name no account
 * (INVOICEBOX_CONNECT_FROM_ADMIN): pasted credentials are checked with InvoiceBox first (a wrong token
 * saves nothing), stored sealed and used at once — no restart; the notification key rotates (the old
 * signature is refused, the new one accepted); partner onboarding (invite → the activation code →
 * activation) connects a new shop that is paid with notifications over the WebSocket gate until its
 * key is set, and both ways at once after (applied once); the partner CLI writes an activated shop
 * into the store through its admin API; disconnecting stops payments; the routes are for admins only.
 * No secret is in any answer, log line or database column.
 */
import type { Logger } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createApiKeysWorkflow } from "@medusajs/medusa/core-flows"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import axios, { type AxiosResponse } from "axios"

import { signBody } from "../../src/invoicebox/signature"
import { DEMO_SHOP, DOCS_PARTNER, type Order } from "../../src/invoicebox/types"
import { runPartnerCli } from "../../src/partner/cli"
import { INVOICEBOX_MODULE, type InvoiceboxModuleService } from "../../src/modules/invoicebox"
import { adminHeaders } from "../helpers/admin"
import { useSandboxForMedusa } from "../helpers/sandbox"
import { orderOfCart, seedStore, type SeededStore } from "../helpers/seed"
import { checkoutWithInvoicebox } from "../helpers/storefront"

jest.setTimeout(240_000)

const PROVIDER = "pp_invoicebox_invoicebox"
// notifications both ways once a key is set: a payment arriving over HTTP and the WebSocket gate is applied once
const sandbox = useSandboxForMedusa({
  INVOICEBOX_CONNECT_FROM_ADMIN: "true",
  INVOICEBOX_NOTIFICATION_CHANNEL: "both",
  INVOICEBOX_RECONCILE_EVERY_SECONDS: "0",
})

interface ConnectionView {
  provider_id: string
  status: string
  account_source: string
  merchant_id: string | null
  token_masked: string | null
  notification_key_set: boolean
  notification_channel: string
  last_notification_at: string | null
  pending_invite: { email: string } | null
}

interface SandboxInvite {
  id: number
  identifier: string
  activationCode: string
  status: string
}

interface SandboxMerchant {
  id: string
  token: string
  notificationKey: string
}

const until = async <T>(read: () => Promise<T | null | undefined>, timeoutMs = 30_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (value) return value
    if (Date.now() > deadline) throw new Error("timed out waiting")
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

medusaIntegrationTestRunner({
  testSuite: ({ getContainer, api }) => {
    let store: SeededStore
    let admin: { headers: Record<string, string> }
    /** every answer of the plugin's admin routes, and every log line, to look for secrets in */
    const seen: string[] = []

    beforeAll(async () => {
      store = await seedStore(getContainer())
      admin = { headers: await adminHeaders(getContainer()) }
      const logger = getContainer().resolve<Logger>(ContainerRegistrationKeys.LOGGER)
      for (const level of ["info", "warn", "error", "debug", "log"] as const) {
        const original = logger[level].bind(logger)
        jest.spyOn(logger, level).mockImplementation((...args: unknown[]) => {
          seen.push(args.map(String).join(" "))
          return (original as (...rest: unknown[]) => unknown)(...args)
        })
      }
    })

    const refused = (error: { response?: AxiosResponse }): AxiosResponse => {
      if (!error.response) throw error
      return error.response
    }
    const keep = <T extends { data: unknown }>(response: T): T => {
      seen.push(JSON.stringify(response.data))
      return response
    }
    const connection = async (): Promise<ConnectionView> =>
      keep(await api.get(`/admin/invoicebox/connections/${PROVIDER}`, admin)).data.connection
    const connect = (body: Record<string, unknown>) =>
      api
        .post(`/admin/invoicebox/connections/${PROVIDER}`, body, admin)
        .then(keep, (error: { response?: AxiosResponse }) => keep(refused(error)))
    /** each test starts from the seeded database (the runner restores it): connect where a test needs it */
    const connectDemoShop = async (notificationKey: string = DEMO_SHOP.notificationKey) => {
      const { status } = await connect({
        merchant_id: DEMO_SHOP.merchantId,
        token: DEMO_SHOP.token,
        notification_key: notificationKey,
      })
      expect(status).toBe(200)
    }
    const sandboxOrder = async (id: string): Promise<Order> =>
      (await axios.get(`${sandbox.url}/_sandbox/orders/${id}`)).data
    const paidCheckout = async () => {
      const { cart, invoiceboxOrderId } = await checkoutWithInvoicebox(api, store, {
        items: [{ variant_id: store.variants.tea, quantity: 1 }],
      })
      await axios.post(`${sandbox.url}/_sandbox/orders/${invoiceboxOrderId}/pay`)
      return { cartId: cart.id, invoiceboxOrderId }
    }

    it("a store with no account: not connected, and a checkout says how to connect", async () => {
      const { data } = await api.get("/admin/invoicebox/connections", admin)
      expect(data.connections).toEqual([
        expect.objectContaining({ provider_id: PROVIDER, status: "not_connected", account_source: "none" }),
      ])
      const attempt = await checkoutWithInvoicebox(api, store, {
        items: [{ variant_id: store.variants.tea, quantity: 1 }],
      }).catch(refused)
      expect((attempt as AxiosResponse).status).toBeGreaterThanOrEqual(400)
      expect(JSON.stringify((attempt as AxiosResponse).data)).toContain("Settings → InvoiceBox")
    })

    it("pasted credentials: a wrong token saves nothing; the right ones take payments at once", async () => {
      const wrong = await connect({ merchant_id: DEMO_SHOP.merchantId, token: "not-the-right-token-1234" })
      expect(wrong.status).toBe(400)
      expect(wrong.data.message).toMatch(/InvoiceBox did not accept the token: .*unauthorized/i)
      expect((await connection()).status).toBe("not_connected")
      const module = getContainer().resolve<InvoiceboxModuleService>(INVOICEBOX_MODULE)
      expect(await module.listInvoiceboxConnections({})).toEqual([])

      const badBody = await connect({ merchant_id: "shop-1", token: "short" })
      expect(badBody.status).toBe(400)
      expect(badBody.data.message).toMatch(/merchant_id must be the shop's uuid.*'token' too small/s)

      const right = await connect({
        merchant_id: DEMO_SHOP.merchantId,
        token: DEMO_SHOP.token,
        notification_key: DEMO_SHOP.notificationKey,
      })
      expect(right.status).toBe(200)
      expect(right.data.connection).toMatchObject({
        status: "connected",
        account_source: "stored",
        merchant_id: DEMO_SHOP.merchantId,
        token_masked: `••••${DEMO_SHOP.token.slice(-4)}`,
        notification_key_set: true,
        notification_channel: "both",
      })
      // sealed at rest
      const [row] = await module.listInvoiceboxConnections({})
      expect(JSON.stringify(row)).not.toContain(DEMO_SHOP.token)
      expect(JSON.stringify(row)).not.toContain(DEMO_SHOP.notificationKey)

      // no restart: the next checkout is paid and becomes an order through the HTTP notification
      const { cartId } = await paidCheckout()
      expect(await orderOfCart(getContainer(), cartId)).not.toBeNull()
      expect((await connection()).last_notification_at).not.toBeNull()
    })

    it("rotating the notification key: the old signature is refused, the new one accepted", async () => {
      await connectDemoShop()
      const newKey = "rotated-notification-key-0123456789"
      await axios.post(`${sandbox.url}/_sandbox/merchants/${DEMO_SHOP.merchantId}/notification-key`, {
        notificationKey: newKey,
      })
      const rotated = await api
        .post(`/admin/invoicebox/connections/${PROVIDER}/notification-key`, { notification_key: newKey }, admin)
        .then(keep, (error: { response?: AxiosResponse }) => keep(refused(error)))
      expect(rotated.data).toEqual({ connection: expect.objectContaining({ status: "connected" }) })
      const { cart, invoiceboxOrderId } = await checkoutWithInvoicebox(api, store, {
        items: [{ variant_id: store.variants.tea, quantity: 1 }],
      })
      // InvoiceBox still signing with the old key (a forged or stale notification): refused, nothing paid
      const order = { ...(await sandboxOrder(invoiceboxOrderId)), status: "completed" }
      const body = JSON.stringify(order)
      const stale = await axios.post(`${api.defaults.baseURL}/hooks/invoicebox`, body, {
        headers: { "Content-Type": "application/json", "X-Signature": signBody(body, DEMO_SHOP.notificationKey) },
      })
      expect(stale.data).toMatchObject({ status: "error", code: "signature_error" })
      expect(await orderOfCart(getContainer(), cart.id)).toBeNull()
      // the sandbox signs with the new key: accepted
      await axios.post(`${sandbox.url}/_sandbox/orders/${invoiceboxOrderId}/pay`)
      expect(await orderOfCart(getContainer(), cart.id)).not.toBeNull()
    })

    it("partner onboarding: invite → activation code → a new shop paid over the WebSocket gate, then its key", async () => {
      await connectDemoShop("rotated-notification-key-0123456789")
      const invited = keep(
        await api.post(
          `/admin/invoicebox/connections/${PROVIDER}/invite`,
          {
            email: "owner@new-shop.example",
            phone: "+7 900 555-44-33",
            inn: "7707083893",
            company_name: "ООО «Новый магазин»",
          },
          admin
        )
      )
      expect(invited.data.connection.pending_invite).toMatchObject({ email: "owner@new-shop.example" })
      const invites: SandboxInvite[] = (await axios.get(`${sandbox.url}/_sandbox/invites`)).data
      const invite = invites.find((entry) => entry.identifier === "owner@new-shop.example")!

      const wrongCode = await api
        .post(`/admin/invoicebox/connections/${PROVIDER}/activate`, { activation_code: "000000000" }, admin)
        .catch(refused)
      expect(wrongCode.status).toBe(400)
      expect(wrongCode.data.message).toContain("InvoiceBox refused the activation code")
      expect((await connection()).merchant_id).toBe(DEMO_SHOP.merchantId)

      const activated = keep(
        await api.post(
          `/admin/invoicebox/connections/${PROVIDER}/activate`,
          { activation_code: invite.activationCode },
          admin
        )
      )
      const shop = activated.data.connection as ConnectionView
      expect(shop).toMatchObject({
        status: "needs_notification_key",
        account_source: "stored",
        notification_key_set: false,
        notification_channel: "websocket",
        pending_invite: null,
      })
      expect(shop.merchant_id).not.toBe(DEMO_SHOP.merchantId)
      const merchant: SandboxMerchant = (await axios.get(`${sandbox.url}/_sandbox/merchants/${shop.merchant_id}`)).data
      const reused = await api
        .post(`/admin/invoicebox/connections/${PROVIDER}/activate`, { activation_code: invite.activationCode }, admin)
        .catch(refused)
      expect(reused.status).toBe(400)

      // the worker opens the gate for the new shop within seconds
      await until(async () => {
        const { data } = await axios.get<Array<{ merchantId: string; sockets: unknown[] }>>(
          `${sandbox.url}/_sandbox/ws/connections`
        )
        return data.find((entry) => entry.merchantId === shop.merchant_id && entry.sockets.length > 0)
      })
      const { cartId, invoiceboxOrderId } = await paidCheckout()
      expect((await sandboxOrder(invoiceboxOrderId)).merchantId).toBe(shop.merchant_id)
      // the HTTP notification cannot be verified (no key yet): the order comes from the WebSocket gate
      const order = await until(() => orderOfCart(getContainer(), cartId))
      expect(order.payments).toHaveLength(1)
      const module = getContainer().resolve<InvoiceboxModuleService>(INVOICEBOX_MODULE)
      // the log entry is written after the settle workflow made the order: wait for it, then read it
      const notes = await until(async () => {
        const logged = await module.listInvoiceboxNotifications({ invoicebox_order_id: invoiceboxOrderId })
        return logged.length > 0 ? logged : null
      })
      expect(notes.map((note) => note.source)).toContain("websocket")

      // the owner sets the key in the personal account and here: connected, HTTP notifications verify
      keep(
        await api.post(
          `/admin/invoicebox/connections/${PROVIDER}/notification-key`,
          { notification_key: merchant.notificationKey },
          admin
        )
      )
      expect(await connection()).toMatchObject({ status: "connected", notification_channel: "both" })
      // HTTP now verifies, and the gate stays open (option `both`): the payment arrives both ways, applied once
      const next = await paidCheckout()
      const paid = await until(() => orderOfCart(getContainer(), next.cartId))
      const bothWays = await until(async () => {
        const sources = (await module.listInvoiceboxNotifications({ invoicebox_order_id: next.invoiceboxOrderId })).map(
          (note) => note.source
        )
        return sources.includes("http") && sources.includes("websocket") ? sources : null
      })
      expect(bothWays.length).toBeGreaterThanOrEqual(2)
      expect(paid.payments).toHaveLength(1)
      expect((await orderOfCart(getContainer(), next.cartId))!.payments).toHaveLength(1)
    })

    it("disconnect: not connected again, no InvoiceBox order is created", async () => {
      await connectDemoShop("rotated-notification-key-0123456789")
      const { data } = await api.delete(`/admin/invoicebox/connections/${PROVIDER}`, admin)
      keep({ data })
      expect(data).toMatchObject({ removed: true, connection: { status: "not_connected" } })
      const before = (await axios.get(`${sandbox.url}/_sandbox/orders`)).data.length
      await checkoutWithInvoicebox(api, store, { items: [{ variant_id: store.variants.tea, quantity: 1 }] }).catch(
        refused
      )
      expect((await axios.get(`${sandbox.url}/_sandbox/orders`)).data.length).toBe(before)
    })

    it("the partner CLI activates a shop and writes it into the store through the admin API", async () => {
      const {
        result: [secretKey],
      } = await createApiKeysWorkflow(getContainer()).run({
        input: { api_keys: [{ title: "Partner platform", type: "secret", created_by: "test" }] },
      })
      const io = {
        out: [] as string[],
        stdout(text: string) {
          this.out.push(text)
        },
        stderr(text: string) {
          this.out.push(text)
        },
        env: { INVOICEBOX_PARTNER_ID: DOCS_PARTNER.partnerId, INVOICEBOX_PARTNER_TOKEN: DOCS_PARTNER.token },
        setExitCode: () => undefined,
      }
      const common = ["--api-url", sandbox.url]
      expect(await runPartnerCli(["invite", "--email", "cli-owner@shop.example", ...common], io)).toBe(0)
      const invites: SandboxInvite[] = (await axios.get(`${sandbox.url}/_sandbox/invites`)).data
      const code = invites.find((entry) => entry.identifier === "cli-owner@shop.example")!.activationCode
      const args = ["activate", "--code", code, "--store-url", String(api.defaults.baseURL), "--provider-id", PROVIDER]
      expect(await runPartnerCli([...args, ...common, "--admin-api-key", secretKey!.token], io)).toBe(0)

      const connected = await connection()
      expect(connected).toMatchObject({ status: "needs_notification_key", account_source: "stored" })
      const merchant: SandboxMerchant = (await axios.get(`${sandbox.url}/_sandbox/merchants/${connected.merchant_id}`))
        .data
      expect(io.out.join("\n")).toContain(connected.merchant_id!)
      // the CLI never prints the token it wrote to the store
      expect(io.out.join("\n")).not.toContain(merchant.token)
      seen.push(...io.out)
    })

    it("admin routes are for authenticated admins only", async () => {
      for (const [method, path] of [
        ["get", "/admin/invoicebox/connections"],
        ["post", `/admin/invoicebox/connections/${PROVIDER}`],
        ["post", `/admin/invoicebox/connections/${PROVIDER}/activate`],
        ["delete", `/admin/invoicebox/connections/${PROVIDER}`],
      ] as const) {
        const answer = await api.request({ method, url: path, data: {} }).catch(refused)
        expect(answer.status).toBe(401)
      }
    })

    it("no secret in any answer or log line", async () => {
      const merchants: SandboxMerchant[] = (await axios.get(`${sandbox.url}/_sandbox/merchants`)).data
      const secrets = [
        DEMO_SHOP.token,
        DEMO_SHOP.notificationKey,
        "rotated-notification-key-0123456789",
        ...merchants.flatMap((merchant) => [merchant.token, merchant.notificationKey]),
      ]
      expect(seen.length).toBeGreaterThan(10)
      for (const secret of secrets) {
        expect(seen.filter((line) => line.includes(secret))).toEqual([])
      }
    })
  },
})
