/**
 * Two InvoiceBox accounts in one store (e.g. one for individuals, one for companies), each with its
 * own sandbox, credentials and notification key: a cart pays through either; the first account's
 * notifications find their provider by merchantId on /hooks/invoicebox, the second's come to
 * /hooks/invoicebox/invoicebox-companies; each is verified with its own key only. Every notification
 * lands in the plugin's log, linked to its Medusa payment; entries older than the retention go.
 */
import { updateRegionsWorkflow } from "@medusajs/medusa/core-flows"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import axios from "axios"

import { signBody } from "../../src/invoicebox/signature"
import { DEMO_SHOP } from "../../src/invoicebox/types"
import { INVOICEBOX_MODULE, type InvoiceboxModuleService } from "../../src/modules/invoicebox"
import { startSandbox, type RunningSandbox } from "../../src/sandbox"
import { pruneInvoiceboxNotificationsWorkflow } from "../../src/workflows/prune-invoicebox-notifications"
import { useSandboxForMedusa } from "../helpers/sandbox"
import { orderOfCart, seedStore, type SeededStore } from "../helpers/seed"
import { checkoutWithInvoicebox } from "../helpers/storefront"

jest.setTimeout(180_000)

const COMPANIES = {
  merchantId: "2f6e7c1a-9d4b-4e8a-b1c3-5a7d9e0f1b2c",
  token: "companies-token-5c1d8e2f9a7b3c4d",
  notificationKey: "companies-notification-key-7e9a1b3c",
}
const COMPANIES_PROVIDER = "pp_invoicebox_invoicebox-companies"

const individuals = useSandboxForMedusa()
let companies: RunningSandbox | undefined
beforeAll(async () => {
  companies = await startSandbox({
    port: 0,
    quiet: true,
    rateLimit: false,
    notificationRetryDelaysMs: [],
    ...COMPANIES,
  })
  Object.assign(process.env, {
    INVOICEBOX_COMPANIES_MERCHANT_ID: COMPANIES.merchantId,
    INVOICEBOX_COMPANIES_TOKEN: COMPANIES.token,
    INVOICEBOX_COMPANIES_NOTIFICATION_KEY: COMPANIES.notificationKey,
    INVOICEBOX_COMPANIES_API_URL: companies.url,
  })
})
afterAll(async () => {
  for (const key of Object.keys(process.env).filter((name) => name.startsWith("INVOICEBOX_COMPANIES_"))) {
    delete process.env[key]
  }
  await companies?.close()
})

interface LogRow {
  provider_id: string
  source: string
  order_status: string
  reply_status: string
  reply_code: string | null
  processing_ms: number
  payment_session_id: string | null
}

medusaIntegrationTestRunner({
  testSuite: ({ getContainer, api }) => {
    let store: SeededStore

    beforeAll(async () => {
      store = await seedStore(getContainer())
      await updateRegionsWorkflow(getContainer()).run({
        input: {
          selector: { id: store.regionId },
          update: { payment_providers: ["pp_invoicebox_invoicebox", COMPANIES_PROVIDER] },
        },
      })
    })

    const logOf = async (invoiceboxOrderId: string): Promise<LogRow[]> => {
      const { data } = await getContainer()
        .resolve("query")
        .graph({
          entity: "invoicebox_notification",
          fields: ["*"],
          filters: { invoicebox_order_id: invoiceboxOrderId },
        })
      return data as LogRow[]
    }

    it("pays one cart through each account; each notification reaches its own provider", async () => {
      const items = [{ variant_id: store.variants.tea, quantity: 1 }]
      const viaIndividuals = await checkoutWithInvoicebox(api, store, { items })
      const viaCompanies = await checkoutWithInvoicebox(api, store, { items, providerId: COMPANIES_PROVIDER })

      // each InvoiceBox order lives in its own account
      expect((await axios.get(`${individuals.url}/_sandbox/orders/${viaIndividuals.invoiceboxOrderId}`)).status).toBe(
        200
      )
      expect((await axios.get(`${companies!.url}/_sandbox/orders/${viaCompanies.invoiceboxOrderId}`)).status).toBe(200)
      const strangers = await axios.get(`${individuals.url}/_sandbox/orders/${viaCompanies.invoiceboxOrderId}`, {
        validateStatus: () => true,
      })
      expect(strangers.status).toBe(404)

      const paidA = await axios.post(`${individuals.url}/_sandbox/orders/${viaIndividuals.invoiceboxOrderId}/pay`)
      const paidB = await axios.post(`${companies!.url}/_sandbox/orders/${viaCompanies.invoiceboxOrderId}/pay`)
      expect(paidA.data.notification).toMatchObject({ replyBody: '{"status":"success"}' })
      expect(paidB.data.notification).toMatchObject({ replyBody: '{"status":"success"}' })
      expect(paidB.data.notification.url).toMatch(/\/hooks\/invoicebox\/invoicebox-companies$/)

      for (const cartId of [viaIndividuals.cart.id, viaCompanies.cart.id]) {
        const order = await orderOfCart(getContainer(), cartId)
        expect(order?.payments).toHaveLength(1)
        expect(order!.payments[0]!.captured_at).toBeTruthy()
      }

      // the log: one entry each, on its own provider, linked to the Medusa payment
      const [entryA] = await logOf(viaIndividuals.invoiceboxOrderId)
      const [entryB] = await logOf(viaCompanies.invoiceboxOrderId)
      expect(entryA).toMatchObject({ provider_id: "pp_invoicebox_invoicebox", source: "http", reply_status: "success" })
      expect(entryB).toMatchObject({ provider_id: COMPANIES_PROVIDER, source: "http", order_status: "completed" })
      expect(entryB!.payment_session_id).toBe(viaCompanies.session.id)
      expect(entryB!.processing_ms).toBeGreaterThanOrEqual(0)
      const { data: payments } = await getContainer()
        .resolve("query")
        .graph({
          entity: "payment",
          fields: ["id", "invoicebox_notifications.invoicebox_order_id"],
          filters: { payment_session_id: viaCompanies.session.id },
        })
      expect(payments[0]).toMatchObject({
        invoicebox_notifications: [expect.objectContaining({ invoicebox_order_id: viaCompanies.invoiceboxOrderId })],
      })
    })

    it("verifies each account's notifications with that account's key only", async () => {
      const { invoiceboxOrderId } = await checkoutWithInvoicebox(api, store, {
        items: [{ variant_id: store.variants.tea, quantity: 1 }],
        providerId: COMPANIES_PROVIDER,
      })
      const { data } = await axios.post(`${companies!.url}/_sandbox/orders/${invoiceboxOrderId}/pay?notify=none`)
      const raw = JSON.stringify(data.order)
      const post = (path: string, key: string) =>
        api
          .post(path, raw, { headers: { "Content-Type": "application/json", "X-Signature": signBody(raw, key) } })
          .then((response: { data: unknown }) => response.data)

      // the other account's key: refused on both URLs, nothing applied, nothing logged
      expect(await post("/hooks/invoicebox", DEMO_SHOP.notificationKey)).toMatchObject({ code: "signature_error" })
      expect(await post("/hooks/invoicebox/invoicebox-companies", DEMO_SHOP.notificationKey)).toMatchObject({
        code: "signature_error",
      })
      // the right key, but the URL names the other provider: its key does not verify
      expect(await post("/hooks/invoicebox/invoicebox", COMPANIES.notificationKey)).toMatchObject({
        code: "signature_error",
      })
      expect(await post("/hooks/invoicebox/nobody", COMPANIES.notificationKey)).toMatchObject({
        code: "order_not_found",
      })
      expect(await logOf(invoiceboxOrderId)).toEqual([])

      // the right key, by merchantId or by URL: applied once, both replies success, both logged
      expect(await post("/hooks/invoicebox", COMPANIES.notificationKey)).toEqual({ status: "success" })
      expect(await post("/hooks/invoicebox/invoicebox-companies", COMPANIES.notificationKey)).toEqual({
        status: "success",
      })
      const log = await logOf(invoiceboxOrderId)
      expect(log).toHaveLength(2)
      expect(log.every((entry) => entry.provider_id === COMPANIES_PROVIDER && entry.reply_status === "success")).toBe(
        true
      )
    })

    it("keeps the log for the retention (90 days by default) and deletes older entries", async () => {
      const service = getContainer().resolve<InvoiceboxModuleService>(INVOICEBOX_MODULE)
      const entry = (days: number) => ({
        received_at: new Date(Date.now() - days * 24 * 60 * 60 * 1000),
        source: "http" as const,
        provider_id: "pp_invoicebox_invoicebox",
        invoicebox_order_id: `retention-${days}`,
        merchant_order_id: null,
        payment_session_id: null,
        order_status: "completed",
        amount: 10,
        currency_code: "rub",
        reply_status: "success" as const,
        reply_code: null,
        processing_ms: 1,
      })
      await service.createInvoiceboxNotifications([entry(91), entry(89)])
      const { result } = await pruneInvoiceboxNotificationsWorkflow(getContainer()).run({ input: { now: new Date() } })
      expect(result.deleted).toBeGreaterThanOrEqual(1)
      expect(await logOf("retention-91")).toEqual([])
      expect(await logOf("retention-89")).toHaveLength(1)
    })
  },
})
