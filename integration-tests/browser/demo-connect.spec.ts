/**
 * A fresh store connected from the admin (`INVOICEBOX_CONNECT_FROM_ADMIN=true`: no InvoiceBox account
 * in medusa-config): Settings → InvoiceBox shows "not connected"; partner onboarding invites the owner
 * and activates a new sandbox shop with the code InvoiceBox sent (status "needs notification key",
 * notifications over the WebSocket gate); a buyer pays on the storefront and the order arrives over
 * the gate; the admin sets the shop's notification key and the store is connected. Screenshots go to
 * artifacts/browser/.
 */
import { join } from "node:path"

import axios from "axios"
import type { Browser, Locator, Page } from "playwright-core"

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

const PROVIDER_ID = "pp_invoicebox_invoicebox"
/** the docs' demo shop: the account medusa-config would use without INVOICEBOX_CONNECT_FROM_ADMIN */
const OPTIONS_SHOP = "ffffffff-ffff-ffff-ffff-ffffffffffff"
const OWNER_EMAIL = `owner-${Date.now()}@shop.example`
/** "none yet" in the admin's language (English or Russian) */
const NONE_YET = /^(none yet|пока не было)$/

let demo: RunningDemo
let lines: DemoLines
let browser: Browser
let buyer: Page
let admin: Page
let merchantId = ""

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true })
}

/** The demo provider's card on Settings → InvoiceBox. */
const card = (page: Page): Locator =>
  page.locator(`[data-testid="invoicebox-connection"][data-provider-id="${PROVIDER_ID}"]`)

async function waitForStatus(page: Page, status: string): Promise<void> {
  await card(page)
    .locator(`[data-testid="invoicebox-connection-status"][data-status="${status}"]`)
    .waitFor({ timeout: 60_000 })
}

const text = async (locator: Locator): Promise<string> => ((await locator.textContent()) ?? "").trim()

beforeAll(async () => {
  const env = await demoEnvironment({ database: "invoicebox_browser_connect" })
  env.INVOICEBOX_CONNECT_FROM_ADMIN = "true"
  demo = await startDemo(env, ["--reset"])
  lines = demo.lines
  browser = await launchChromium()
  buyer = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "ru-RU" })
  admin = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: "ru-RU" })
})

afterAll(async () => {
  await browser?.close()
  await demo?.stop()
})

describe("npm run demo with INVOICEBOX_CONNECT_FROM_ADMIN=true: connecting the store from the admin", () => {
  it("Settings → InvoiceBox shows the provider not connected", async () => {
    await adminLogin(admin, lines)
    await admin.goto(`${lines.DEMO_ADMIN_URL}/settings`)
    await admin.getByRole("link", { name: "InvoiceBox", exact: true }).click({ timeout: 120_000 })
    await admin.waitForURL(`${lines.DEMO_ADMIN_URL}/settings/invoicebox`)
    await waitForStatus(admin, "not_connected")
    await expect(card(admin).getByTestId("invoicebox-connection-status").count()).resolves.toBe(1)
    await expect(text(card(admin).getByTestId("invoicebox-merchant-id"))).resolves.toBe("—")
    await card(admin).getByTestId("invoicebox-invite-form").waitFor()
    await shot(admin, "11-settings-not-connected")
  })

  it("partner onboarding: an invitation, the activation code, and a new shop needing its notification key", async () => {
    await card(admin).getByTestId("invoicebox-invite-email").fill(OWNER_EMAIL)
    await card(admin).getByTestId("invoicebox-invite-phone").fill("+7 900 111-22-33")
    await card(admin).getByTestId("invoicebox-invite-inn").fill("7707083893")
    await card(admin).getByTestId("invoicebox-invite-company").fill("ООО «Чайная лавка»")
    await card(admin).getByTestId("invoicebox-invite-submit").click()
    const code = card(admin).getByTestId("invoicebox-activation-code")
    await code.waitFor({ timeout: 60_000 })
    await expect(text(card(admin).getByTestId("invoicebox-pending-invite"))).resolves.toContain(OWNER_EMAIL)

    // InvoiceBox recorded the invitation and sent its owner an activation code
    const { data: invites } = await axios.get<
      Array<{ partnerId: string; type: string; identifier: string; activationCode: string; status: string }>
    >(`${lines.DEMO_SANDBOX_URL}/_sandbox/invites`)
    const invite = invites.filter((candidate) => candidate.identifier === OWNER_EMAIL)
    expect(invite).toEqual([expect.objectContaining({ type: "email", status: "sent" })])
    await waitForStatus(admin, "not_connected")

    await code.fill(invite[0]!.activationCode)
    await card(admin).getByTestId("invoicebox-activate-submit").click()
    await waitForStatus(admin, "needs_notification_key")
    merchantId = await text(card(admin).getByTestId("invoicebox-merchant-id"))
    expect(merchantId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
    expect(merchantId).not.toBe(OPTIONS_SHOP)
    await expect(card(admin).getByTestId("invoicebox-channel").getAttribute("data-channel")).resolves.toBe("websocket")
    await expect(text(card(admin).getByTestId("invoicebox-last-notification-at"))).resolves.toMatch(NONE_YET)
    await card(admin).getByTestId("invoicebox-next-step").waitFor()

    // the code activated a new shop at InvoiceBox, and the invitation is used
    const { data: merchant } = await axios.get<{ id: string; source: string; name: string }>(
      `${lines.DEMO_SANDBOX_URL}/_sandbox/merchants/${merchantId}`
    )
    expect(merchant).toMatchObject({ id: merchantId, source: "activation", name: OWNER_EMAIL })
    const { data: after } = await axios.get<Array<{ identifier: string; status: string; merchantId?: string }>>(
      `${lines.DEMO_SANDBOX_URL}/_sandbox/invites`
    )
    expect(after.find((candidate) => candidate.identifier === OWNER_EMAIL)).toMatchObject({
      status: "activated",
      merchantId,
    })
    await shot(admin, "12-settings-activated")
  })

  it("a buyer pays; the new shop's order reaches the store over the WebSocket gate", async () => {
    await buyer.goto(lines.DEMO_STOREFRONT_URL)
    await buyer.getByTestId("add-TEA-100").click()
    await buyer.getByTestId("checkout").waitFor()
    await buyer.getByTestId("checkout").click()
    await fillCheckout(buyer)
    await buyer.getByTestId("pay").click()
    await buyer.waitForURL(`${lines.DEMO_SANDBOX_URL}/order/**`)
    const paymentUrl = buyer.url()
    await buyer.locator("#pay").click()

    // the success page retries completion ten times; past that, "Проверить ещё раз" (a reload)
    const orderNumber = buyer.getByTestId("order-number")
    const deadline = Date.now() + 60_000
    while (!(await orderNumber.isVisible())) {
      expect(Date.now()).toBeLessThan(deadline)
      const retry = buyer.getByRole("button", { name: "Проверить ещё раз" })
      await orderNumber
        .or(retry)
        .first()
        .waitFor({ timeout: Math.max(deadline - Date.now(), 1) })
      if (await retry.isVisible()) await retry.click()
    }
    expect(buyer.url()).toContain(`${lines.DEMO_STOREFRONT_URL}/checkout/success`)
    expect(await orderNumber.textContent()).toMatch(/^\d+$/)

    // the InvoiceBox order is the new shop's, and its notification was delivered over the gate
    const { data: orders } = await axios.get<Array<{ id: string; paymentUrl: string }>>(
      `${lines.DEMO_SANDBOX_URL}/_sandbox/orders`
    )
    const { id: orderId } = orders.find((candidate) => candidate.paymentUrl === paymentUrl)!
    const { data: order } = await axios.get<{ merchantId: string; status: string }>(
      `${lines.DEMO_SANDBOX_URL}/_sandbox/orders/${orderId}`
    )
    expect(order).toMatchObject({ merchantId, status: "completed" })
    type Delivery = { channel: string; merchantId: string; outcome: string; replyBody: string | null }
    let delivered: Delivery[] = []
    for (let wait = 0; wait < 120 && delivered.length === 0; wait++) {
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, 500))
      const { data: deliveries } = await axios.get<Delivery[]>(
        `${lines.DEMO_SANDBOX_URL}/_sandbox/notifications?orderId=${orderId}&channel=websocket`
      )
      delivered = deliveries.filter((delivery) => delivery.outcome === "success")
    }
    expect(delivered.length).toBeGreaterThan(0)
    expect(delivered[0]).toMatchObject({ channel: "websocket", merchantId })
    expect(delivered[0]!.replyBody).toContain("success")
  })

  it("the admin sets the shop's notification key: connected, with the last notification shown", async () => {
    const { data: shop } = await axios.get<{ notificationKey: string }>(
      `${lines.DEMO_SANDBOX_URL}/_sandbox/merchants/${merchantId}`
    )
    expect(shop.notificationKey.length).toBeGreaterThan(0)
    await admin.reload()
    await waitForStatus(admin, "needs_notification_key")
    // the payment's notification came over the gate while the store had no key
    const lastNotification = card(admin).getByTestId("invoicebox-last-notification-at")
    await expect(text(lastNotification)).resolves.not.toMatch(NONE_YET)
    const keyInput = card(admin).getByTestId("invoicebox-notification-key-input")
    await keyInput.fill(shop.notificationKey)
    await card(admin).getByTestId("invoicebox-notification-key-submit").click()
    await waitForStatus(admin, "connected")
    // saved: the form is cleared (the key is never shown back)
    await admin.waitForFunction(
      () =>
        (document.querySelector('[data-testid="invoicebox-notification-key-input"]') as HTMLInputElement | null)
          ?.value === "",
      undefined,
      { timeout: 30_000 }
    )
    await expect(text(card(admin).getByTestId("invoicebox-merchant-id"))).resolves.toBe(merchantId)
    await expect(text(card(admin).getByTestId("invoicebox-notification-key-set"))).resolves.toMatch(/^(set|задан)$/)
    await expect(text(lastNotification)).resolves.not.toMatch(NONE_YET)
    await expect(text(lastNotification)).resolves.toMatch(/\d/)
    await expect(card(admin).getByTestId("invoicebox-channel").getAttribute("data-channel")).resolves.toBe("http")
    await expect(card(admin).getByTestId("invoicebox-next-step").count()).resolves.toBe(0)
    await shot(admin, "13-settings-connected")
  })
})
