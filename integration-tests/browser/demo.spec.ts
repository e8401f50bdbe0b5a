/**
 * The demo in a real browser (Debian chromium driven by playwright-core): `npm run demo` is started
 * as a store owner would start it; a buyer pays through the storefront and the sandbox page, a
 * declined payment is retried, an admin refunds part of the order with Medusa's own Refund button
 * and sees the refund order in the InvoiceBox widget, and Sync brings in a payment whose notification
 * the sandbox dropped; a company pays («Оплата от юрлица», ИНН lookup); the admin refunds chosen goods
 * (Refund items). Screenshots of each step go
 * to artifacts/browser/.
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
  type DemoLines,
  type RunningDemo,
} from "./demo-process"

jest.setTimeout(600_000)

let demo: RunningDemo
let demoEnv: NodeJS.ProcessEnv
let lines: DemoLines
let browser: Browser
let buyer: Page
let admin: Page
let paidOrderId = ""

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true })
}

/** The InvoiceBox widget alone (the admin scrolls inside its own panel, so a page shot may cut it). */
async function widgetShot(page: Page, name: string): Promise<void> {
  await widget(page).screenshot({ path: join(SHOTS, `${name}.png`) })
}

const widget = (page: Page) => page.getByTestId("invoicebox-widget")

beforeAll(async () => {
  demoEnv = await demoEnvironment({ database: "invoicebox_browser_test" })
  demo = await startDemo(demoEnv, ["--reset"])
  lines = demo.lines
  browser = await launchChromium()
  buyer = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "ru-RU" })
  admin = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: "ru-RU" })
})

afterAll(async () => {
  await browser?.close()
  await demo?.stop()
})

describe("npm run demo", () => {
  it("prints the demo's addresses and credentials, one per line", () => {
    expect(lines.DEMO_ADMIN_URL).toBe(`${lines.DEMO_STORE_URL}/app`)
    expect(lines.DEMO_PUBLISHABLE_KEY).toMatch(/^pk_/)
    expect(lines.DEMO_ADMIN_EMAIL).toContain("@")
    expect(lines.DEMO_ADMIN_PASSWORD.length).toBeGreaterThan(0)
  })

  it("a buyer checks out with a promotion, pays on the InvoiceBox page and gets an order number", async () => {
    await buyer.goto(lines.DEMO_STOREFRONT_URL)
    await buyer.getByTestId("add-TEA-100").click()
    await buyer.getByTestId("checkout").waitFor()
    await buyer.getByTestId("add-HONEY-1KG").click()
    await buyer.getByText("Мёд липовый — 1 кг").waitFor()
    await buyer.getByTestId("add-SAMOVAR-3L").click()
    await buyer.getByText("Самовар — 3 л").waitFor()
    await buyer.getByTestId("promo-code").fill("WELCOME10")
    await buyer.getByTestId("promo-apply").click()
    await buyer.getByTestId("promo-applied").waitFor()
    await expect(buyer.getByTestId("cart-discount").textContent()).resolves.toMatch(/\d/)
    await shot(buyer, "01-storefront-cart")

    await buyer.getByTestId("checkout").click()
    await fillCheckout(buyer)
    await shot(buyer, "02-storefront-checkout")
    await buyer.getByTestId("pay").click()
    await buyer.waitForURL(`${lines.DEMO_SANDBOX_URL}/order/**`)
    await shot(buyer, "03-invoicebox-payment-page")
    await buyer.locator("#pay").click()
    const orderNumber = buyer.getByTestId("order-number")
    await orderNumber.waitFor({ timeout: 60_000 })
    expect(buyer.url()).toContain(`${lines.DEMO_STOREFRONT_URL}/checkout/success`)
    expect(await orderNumber.textContent()).toMatch(/^\d+$/)
    paidOrderId = (await orderNumber.getAttribute("data-order-id"))!
    await shot(buyer, "04-storefront-success")
  })

  it("a declined payment lands on the fail page and a second attempt succeeds", async () => {
    await buyer.goto(lines.DEMO_STOREFRONT_URL)
    await buyer.getByTestId("add-CLASS-ONLINE").click()
    await buyer.getByTestId("checkout").waitFor()
    await buyer.getByTestId("checkout").click()
    await fillCheckout(buyer)
    await buyer.getByTestId("pay").click()
    await buyer.waitForURL(`${lines.DEMO_SANDBOX_URL}/order/**`)
    const paymentPage = buyer.url()
    await buyer.locator("#decline").click()
    await buyer.getByTestId("payment-failed").waitFor()
    expect(buyer.url()).toContain("/checkout/fail")
    await shot(buyer, "05-storefront-fail")

    await buyer.getByTestId("retry").click()
    await buyer.waitForURL(`${lines.DEMO_SANDBOX_URL}/order/**`)
    expect(buyer.url()).toBe(paymentPage) // the same unpaid InvoiceBox order
    await buyer.locator("#pay").click()
    await buyer.getByTestId("order-number").waitFor({ timeout: 60_000 })
  })

  it("«Оплата от юрлица»: the ИНН lookup fills the company and the InvoiceBox order carries the legal customer", async () => {
    await buyer.goto(lines.DEMO_STOREFRONT_URL)
    await buyer.getByTestId("add-TEA-100").click()
    await buyer.getByTestId("checkout").waitFor()
    await buyer.getByTestId("checkout").click()
    await buyer.getByTestId("company-payer").check()
    await buyer.getByTestId("company-inn").fill("7707083893")
    await buyer.getByTestId("company-lookup").click()
    await buyer.getByTestId("company-hint").filter({ hasText: "Найдено" }).waitFor()
    const name = await buyer.getByTestId("company-name").inputValue()
    expect(name).toMatch(/^ООО «.+»$/)
    expect(await buyer.getByTestId("company-kpp").inputValue()).toMatch(/^\d{9}$/)
    expect(await buyer.getByTestId("company-legal-address").inputValue()).not.toBe("")
    await buyer.getByTestId("company-email").fill("buh@company.example")
    await fillCheckout(buyer)
    await shot(buyer, "11-storefront-company-payer")
    await buyer.getByTestId("pay").click()
    await buyer.waitForURL(`${lines.DEMO_SANDBOX_URL}/order/**`)
    // the payment page's address is the order's paymentUrl
    const { data: orders } = await axios.get<Array<{ paymentUrl: string; customer: unknown }>>(
      `${lines.DEMO_SANDBOX_URL}/_sandbox/orders`
    )
    const order = orders.find((candidate) => candidate.paymentUrl === buyer.url())!
    expect(order.customer).toMatchObject({
      type: "legal",
      name,
      vatNumber: "7707083893",
      email: "buh@company.example",
    })
    await buyer.locator("#pay").click()
    await buyer.getByTestId("order-number").waitFor({ timeout: 60_000 })
  })

  it("an admin logs in, sees the widget and refunds part of the payment with Medusa's Refund button", async () => {
    await adminLogin(admin, lines)

    await admin.goto(`${lines.DEMO_ADMIN_URL}/orders/${paidOrderId}`)
    await widget(admin).waitFor({ timeout: 120_000 })
    await expect(widget(admin).getByTestId("invoicebox-status").textContent()).resolves.toBe("completed")
    await expect(widget(admin).getByTestId("invoicebox-last-notification").textContent()).resolves.toContain(
      "completed → success"
    )
    await shot(admin, "06-admin-order")
    await widgetShot(admin, "06-admin-widget")

    // Medusa's own Refund: the payment row's menu → Refund → amount → Save
    const paymentRow = admin.getByText("pp_invoicebox_invoicebox", { exact: false }).first().locator("xpath=../..")
    await paymentRow.locator("button[aria-haspopup=menu]").click()
    await admin.getByRole("menuitem", { name: "Refund" }).click()
    const amount = admin.locator("input[name=amount]")
    await amount.waitFor()
    await amount.fill("500")
    await shot(admin, "07-admin-refund")
    await admin.getByRole("button", { name: "Save" }).click()

    const refund = widget(admin).getByTestId("invoicebox-refund")
    await refund.first().waitFor({ timeout: 60_000 })
    expect(await refund.count()).toBe(1)
    await expect(refund.first().textContent()).resolves.toMatch(/500,00\s₽.*completed/)
    await widgetShot(admin, "08-admin-widget-refund")

    const sandboxOrder = (
      await axios.get(
        `${lines.DEMO_SANDBOX_URL}/_sandbox/orders/${(await widget(admin).getByTestId("invoicebox-order-id").first().textContent())!}`
      )
    ).data
    expect(sandboxOrder.refunds.map((r: { amount: number }) => r.amount)).toEqual([500])
  })

  it("Refund items: the admin picks the samovar, sees the receipt, and the refund order names only it", async () => {
    // the admin is still on the paid order's page
    await widget(admin).getByTestId("invoicebox-refund-items").first().click()
    const quantity = admin.getByTestId("invoicebox-refund-quantity-SAMOVAR-3L")
    await quantity.waitFor({ timeout: 30_000 })
    await quantity.fill("1")
    await admin.getByTestId("invoicebox-refund-preview").click()
    const receipt = admin.getByTestId("invoicebox-refund-receipt")
    await receipt.waitFor()
    await expect(receipt.textContent()).resolves.toContain("Самовар")
    await shot(admin, "12-admin-refund-items")
    await admin.getByTestId("invoicebox-refund-confirm").click()

    const refunds = widget(admin).getByTestId("invoicebox-refund")
    await admin.waitForFunction(
      () => document.querySelectorAll('[data-testid="invoicebox-refund"]').length === 2,
      undefined,
      { timeout: 60_000 }
    )
    expect(await refunds.count()).toBe(2)
    const orderId = (await widget(admin).getByTestId("invoicebox-order-id").first().textContent())!
    const sandboxOrder = (await axios.get(`${lines.DEMO_SANDBOX_URL}/_sandbox/orders/${orderId}`)).data
    const itemized = sandboxOrder.refunds[1] as { basketItems: Array<{ sku: string; quantity: number }> }
    expect(itemized.basketItems.map((item) => [item.sku, item.quantity])).toEqual([["SAMOVAR-3L", 1]])
  })

  it("Sync brings in a payment whose notification the sandbox dropped", async () => {
    // the admin asks the buyer for 250 ₽ more; the buyer pays, the notification never arrives
    const {
      data: { token },
    } = await axios.post(`${lines.DEMO_STORE_URL}/auth/user/emailpass`, {
      email: lines.DEMO_ADMIN_EMAIL,
      password: lines.DEMO_ADMIN_PASSWORD,
    })
    const {
      data: { payment_collection: extra },
    } = await axios.post(
      `${lines.DEMO_STORE_URL}/admin/payment-collections`,
      { order_id: paidOrderId, amount: 250 },
      { headers: { Authorization: `Bearer ${token}` } }
    )
    const {
      data: { payment_collection: withSession },
    } = await axios.post(
      `${lines.DEMO_STORE_URL}/store/payment-collections/${extra.id}/payment-sessions`,
      { provider_id: "pp_invoicebox_invoicebox" },
      { headers: { "x-publishable-api-key": lines.DEMO_PUBLISHABLE_KEY } }
    )
    const invoiceboxOrderId = withSession.payment_sessions[0].data.invoicebox_order_id as string
    await axios.post(`${lines.DEMO_SANDBOX_URL}/_sandbox/faults`, { notifications: { dropNotifications: true } })
    try {
      await axios.post(`${lines.DEMO_SANDBOX_URL}/_sandbox/orders/${invoiceboxOrderId}/pay`)
    } finally {
      await axios.delete(`${lines.DEMO_SANDBOX_URL}/_sandbox/faults`)
    }

    await admin.reload()
    await widget(admin).waitFor({ timeout: 60_000 })
    const extraPayment = widget(admin).getByTestId("invoicebox-payment").filter({ hasText: invoiceboxOrderId })
    await extraPayment.waitFor()
    await expect(extraPayment.getByTestId("invoicebox-medusa-status").textContent()).resolves.toBe("Medusa: pending")
    await expect(extraPayment.getByTestId("invoicebox-last-notification").textContent()).resolves.toContain(
      "none received"
    )
    await widgetShot(admin, "09-admin-widget-before-sync")

    await widget(admin).getByTestId("invoicebox-sync").click()
    await widget(admin).getByTestId("invoicebox-sync-result").waitFor({ timeout: 60_000 })
    await expect(widget(admin).getByTestId("invoicebox-sync-result").textContent()).resolves.toContain(
      "now recorded in Medusa"
    )
    await expect(extraPayment.getByTestId("invoicebox-medusa-status").textContent()).resolves.toBe(
      "Medusa: authorized, captured"
    )
    await widgetShot(admin, "10-admin-widget-after-sync")
  })

  it("an order edit adds marked goods; the admin issues an InvoiceBox invoice, the buyer pays it", async () => {
    // a paid order for a tea
    await buyer.goto(lines.DEMO_STOREFRONT_URL)
    await buyer.getByTestId("add-TEA-100").click()
    await buyer.getByTestId("checkout").waitFor()
    await buyer.getByTestId("checkout").click()
    await fillCheckout(buyer)
    await buyer.getByTestId("pay").click()
    await buyer.waitForURL(`${lines.DEMO_SANDBOX_URL}/order/**`)
    await buyer.locator("#pay").click()
    const orderNumber = buyer.getByTestId("order-number")
    await orderNumber.waitFor({ timeout: 60_000 })
    const orderId = (await orderNumber.getAttribute("data-order-id"))!

    // the store adds a kefir (marked goods) by an order edit: the order now owes its price
    const {
      data: { token },
    } = await axios.post(`${lines.DEMO_STORE_URL}/auth/user/emailpass`, {
      email: lines.DEMO_ADMIN_EMAIL,
      password: lines.DEMO_ADMIN_PASSWORD,
    })
    const api = axios.create({ baseURL: lines.DEMO_STORE_URL, headers: { Authorization: `Bearer ${token}` } })
    const {
      data: { products },
    } = await api.get("/admin/products?q=Кефир&fields=id,variants.id")
    const kefir = products[0].variants[0].id as string
    await api.post("/admin/order-edits", { order_id: orderId })
    await api.post(`/admin/order-edits/${orderId}/items`, { items: [{ variant_id: kefir, quantity: 1 }] })
    await api.post(`/admin/order-edits/${orderId}/request`)
    await api.post(`/admin/order-edits/${orderId}/confirm`)

    await admin.goto(`${lines.DEMO_ADMIN_URL}/orders/${orderId}`)
    await widget(admin).getByTestId("invoicebox-issue-invoice").waitFor({ timeout: 120_000 })
    await widget(admin).getByTestId("invoicebox-issue-invoice").click()
    const link = widget(admin).getByTestId("invoicebox-invoice-link")
    await link.waitFor({ timeout: 60_000 })
    const paymentUrl = await link.inputValue()
    expect(paymentUrl).toContain(`${lines.DEMO_SANDBOX_URL}/order/`)
    await widgetShot(admin, "13-admin-invoice")

    // the invoice names the kefir with its «Честный знак» group and shows the store's order number
    const { data: sandboxOrders } = await axios.get<
      Array<{ paymentUrl: string; basketItems: unknown[]; merchantOrderIdVisible?: string }>
    >(`${lines.DEMO_SANDBOX_URL}/_sandbox/orders`)
    const invoice = sandboxOrders.find((candidate) => candidate.paymentUrl === paymentUrl)!
    expect(invoice.basketItems).toEqual([
      expect.objectContaining({ name: expect.stringContaining("Кефир"), categoryType: "honestSign", category: "milk" }),
    ])
    const {
      data: { order },
    } = await api.get(`/admin/orders/${orderId}?fields=display_id,summary`)
    expect(invoice.merchantOrderIdVisible).toBe(String(order.display_id))

    await buyer.goto(paymentUrl)
    await buyer.locator("#pay").click()
    let owed = Number(order.summary.pending_difference)
    for (let wait = 0; wait < 120 && owed !== 0; wait++) {
      await new Promise((resolve) => setTimeout(resolve, 500))
      owed = Number((await api.get(`/admin/orders/${orderId}?fields=summary`)).data.order.summary.pending_difference)
    }
    expect(owed).toBe(0)
  })

  it("Ctrl-C stops every process the demo started", async () => {
    await demo.stop()
    for (const url of [lines.DEMO_STORE_URL, lines.DEMO_STOREFRONT_URL, lines.DEMO_SANDBOX_URL]) {
      await expect(axios.get(url, { timeout: 2000 })).rejects.toMatchObject({
        code: expect.stringMatching(/ECONNREFUSED|ECONNRESET/),
      })
    }
  })

  it("the data survives a restart: same store, and the paid order can still be refunded", async () => {
    demo = await startDemo(demoEnv, [])
    const again = demo.lines
    expect(again).toEqual(lines) // same key, same admin: the seed did not run twice
    const {
      data: { token },
    } = await axios.post(`${again.DEMO_STORE_URL}/auth/user/emailpass`, {
      email: again.DEMO_ADMIN_EMAIL,
      password: again.DEMO_ADMIN_PASSWORD,
    })
    const admin = { headers: { Authorization: `Bearer ${token}` } }
    const {
      data: { order },
    } = await axios.get(
      `${again.DEMO_STORE_URL}/admin/orders/${paidOrderId}?fields=*payment_collections.payments`,
      admin
    )
    // the checkout's payment (the order also has the 250 ₽ one from the Sync test)
    type Payment = { id: string; amount: number; data: { invoicebox_order_id: string } }
    const payment = (order.payment_collections as Array<{ payments: Payment[] }>)
      .flatMap((collection) => collection.payments)
      .sort((a, b) => b.amount - a.amount)[0]!
    await axios.post(`${again.DEMO_STORE_URL}/admin/payments/${payment.id}/refund`, { amount: 100 }, admin)
    const sandboxOrder = (
      await axios.get(`${again.DEMO_SANDBOX_URL}/_sandbox/orders/${payment.data.invoicebox_order_id}`)
    ).data
    expect(sandboxOrder.refunds.map((r: { amount: number }) => r.amount)).toEqual([500, 4500, 100]) // Refund items took the samovar (4 500 after the promotion)
  })
})
