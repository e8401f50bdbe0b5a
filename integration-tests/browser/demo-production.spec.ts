/**
 * `npm run demo -- --production`: Redis, the built admin, two servers and a worker. A buyer pays
 * through the storefront (served by the first server); the admin, logged in on the second server's
 * dashboard, sees the order and its InvoiceBox widget; a payment whose notification the sandbox
 * dropped is applied by the worker's reconciliation without anyone pressing Sync.
 */
import { join } from "node:path"

import axios from "axios"
import type { Browser, Page } from "playwright-core"

import {
  adminLogin,
  demoEnvironment,
  fillCheckout,
  launchChromium,
  SHOTS,
  startDemo,
  type RunningDemo,
} from "./demo-process"

jest.setTimeout(900_000)

let demo: RunningDemo
let browser: Browser
let page: Page

beforeAll(async () => {
  // the grace before reconciliation is shortened so the test need not wait two minutes
  const env = { ...(await demoEnvironment({ production: true, database: "invoicebox_browser_production" })) }
  env.INVOICEBOX_RECONCILE_AFTER_SECONDS = "5"
  env.INVOICEBOX_RECONCILE_EVERY_SECONDS = "5"
  demo = await startDemo(env, ["--production", "--reset"], 600_000)
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: "ru-RU" })
})

afterAll(async () => {
  await browser?.close()
  await demo?.stop()
})

describe("npm run demo -- --production", () => {
  it("prints the usual lines and DEMO_STORE_URL_2, and both servers answer", async () => {
    const { lines } = demo
    expect(lines.DEMO_STORE_URL_2).toMatch(/^http:\/\/localhost:\d+$/)
    expect(lines.DEMO_STORE_URL_2).not.toBe(lines.DEMO_STORE_URL)
    for (const url of [lines.DEMO_STORE_URL, lines.DEMO_STORE_URL_2!]) {
      expect((await axios.get(`${url}/health`)).status).toBe(200)
      // the dashboard is the built one, served by each server
      expect((await axios.get(`${url}/app`)).data).toContain("<html")
    }
  })

  it("a buyer pays; the admin on the second server sees the order with its InvoiceBox widget", async () => {
    const { lines } = demo
    await page.goto(lines.DEMO_STOREFRONT_URL)
    await page.getByTestId("add-TEA-100").click()
    await page.getByTestId("checkout").waitFor()
    await page.getByTestId("checkout").click()
    await fillCheckout(page)
    await page.getByTestId("pay").click()
    await page.waitForURL(`${lines.DEMO_SANDBOX_URL}/order/**`)
    await page.locator("#pay").click()
    const orderNumber = page.getByTestId("order-number")
    await orderNumber.waitFor({ timeout: 60_000 })
    const orderId = (await orderNumber.getAttribute("data-order-id"))!

    await adminLogin(page, lines, `${lines.DEMO_STORE_URL_2}/app`)
    await page.goto(`${lines.DEMO_STORE_URL_2}/app/orders/${orderId}`)
    const widget = page.getByTestId("invoicebox-widget")
    await widget.waitFor({ timeout: 120_000 })
    await expect(widget.getByTestId("invoicebox-status").textContent()).resolves.toBe("completed")
    await widget.screenshot({ path: join(SHOTS, "11-production-admin-widget.png") })
  })

  it("the worker applies a payment whose notification was dropped (reconciliation)", async () => {
    const { lines } = demo
    await page.goto(lines.DEMO_STOREFRONT_URL)
    await page.getByTestId("add-TEA-100").click()
    await page.getByTestId("checkout").waitFor()
    await page.getByTestId("checkout").click()
    await fillCheckout(page)
    await page.getByTestId("pay").click()
    await page.waitForURL(`${lines.DEMO_SANDBOX_URL}/order/**`)
    // paid at InvoiceBox, but the notification never reaches the store and the buyer never returns
    const invoiceboxOrderId = page.url().split("/order/")[1]!
    const orders = (await axios.get(`${lines.DEMO_SANDBOX_URL}/_sandbox/orders`)).data as Array<{
      id: string
      paymentUrl: string
      merchantOrderId: string
    }>
    const paid = orders.find((order) => order.paymentUrl.endsWith(`/order/${invoiceboxOrderId}`))!
    await axios.post(`${lines.DEMO_SANDBOX_URL}/_sandbox/orders/${paid.id}/pay?notify=none`)

    const {
      data: { token },
    } = await axios.post(`${lines.DEMO_STORE_URL_2}/auth/user/emailpass`, {
      email: lines.DEMO_ADMIN_EMAIL,
      password: lines.DEMO_ADMIN_PASSWORD,
    })
    const headers = { Authorization: `Bearer ${token}` }
    const paidSession = async (): Promise<boolean> => {
      const { data } = await axios.get(
        `${lines.DEMO_STORE_URL_2}/admin/payments?payment_session_id=${paid.merchantOrderId}&fields=id`,
        { headers, validateStatus: () => true }
      )
      return Array.isArray(data?.payments) && data.payments.length === 1
    }
    let found = false
    for (let i = 0; i < 120 && !found; i++) {
      found = await paidSession()
      if (!found) await new Promise((resolve) => setTimeout(resolve, 1_000))
    }
    expect(found).toBe(true)
  })
})
