/** The provider registry (every InvoiceBox provider of a store, one client per account) and notification routing. */
import type { ConfigModule } from "@medusajs/framework/types"

import { signBody } from "../../src/invoicebox/signature"
import { DEMO_SHOP } from "../../src/invoicebox/types"
import { routeNotification } from "../../src/providers/invoicebox/notification-routing"
import {
  invoiceboxClient,
  invoiceboxProvider,
  invoiceboxProviders,
  invoiceboxProvidersOfMerchant,
} from "../../src/providers/invoicebox/registry"
import { InvoiceboxProviderService } from "../../src/providers/invoicebox/service"

const COMPANIES = {
  merchantId: "2f6e7c1a-9d4b-4e8a-b1c3-5a7d9e0f1b2c",
  token: "companies-token-5c1d8e2f9a7b3c4d",
  notificationKey: "companies-notification-key-7e9a1b3c",
}

const account = (shop: { merchantId: string; token: string; notificationKey: string }) => ({
  merchantId: shop.merchantId,
  token: shop.token,
  notificationKey: shop.notificationKey,
  apiUrl: "http://127.0.0.1:9",
})

function config(providers: unknown[], asList = true): ConfigModule {
  const payment = { resolve: "@medusajs/medusa/payment", options: { providers } }
  const modules = asList ? [{ resolve: "@medusajs/medusa/locking" }, payment] : { payment }
  return { modules } as unknown as ConfigModule
}

const twoAccounts = () =>
  config([
    { resolve: "@medusajs/medusa/payment-stripe", id: "stripe", options: { apiKey: "x" } },
    { resolve: "./src/providers/invoicebox", id: "invoicebox", options: account(DEMO_SHOP) },
    {
      resolve: "medusa-payment-invoicebox/providers/invoicebox",
      id: "invoicebox-companies",
      options: account(COMPANIES),
    },
  ])

describe("registry", () => {
  it("lists every InvoiceBox provider of the payment module by provider id, and nothing else", () => {
    const configModule = twoAccounts()
    expect(invoiceboxProviders(configModule).map((entry) => entry.providerId)).toEqual([
      "pp_invoicebox_invoicebox",
      "pp_invoicebox_invoicebox-companies",
    ])
    expect(invoiceboxProvider(configModule, "pp_invoicebox_invoicebox-companies")?.options.merchantId).toBe(
      COMPANIES.merchantId
    )
    expect(invoiceboxProvider(configModule, "pp_stripe_stripe")).toBeNull()
    expect(invoiceboxProvidersOfMerchant(configModule, COMPANIES.merchantId.toUpperCase())).toHaveLength(1)
    // parsed once per config
    expect(invoiceboxProviders(configModule)).toBe(invoiceboxProviders(configModule))
  })

  it("reads modules given as an object too", () => {
    const configModule = config([{ resolve: "./src/providers/invoicebox", options: account(DEMO_SHOP) }], false)
    expect(invoiceboxProviders(configModule).map((entry) => entry.providerId)).toEqual(["pp_invoicebox_invoicebox"])
  })

  it("refuses two providers with one id, and bad options with the option's name", () => {
    const same = { resolve: "./src/providers/invoicebox", id: "invoicebox", options: account(DEMO_SHOP) }
    expect(() => invoiceboxProviders(config([same, same]))).toThrow(/two InvoiceBox providers have the id "invoicebox"/)
    expect(() =>
      invoiceboxProviders(config([{ ...same, options: { ...account(DEMO_SHOP), merchantId: "nope" } }]))
    ).toThrow(/merchantId/)
  })

  it("builds one client per InvoiceBox account, shared by the provider and everything else", () => {
    const [individuals, companies] = invoiceboxProviders(twoAccounts())
    const client = invoiceboxClient(individuals!.options)
    expect(invoiceboxClient(individuals!.options)).toBe(client)
    expect(invoiceboxClient(companies!.options)).not.toBe(client)
    const service = new InvoiceboxProviderService({}, account(DEMO_SHOP))
    expect(service.client()).toBe(client)
  })
})

describe("notification routing", () => {
  const body = (merchantId: string) =>
    JSON.stringify({
      id: "0a1b2c3d-0000-4000-8000-000000000001",
      status: "completed",
      merchantId,
      merchantOrderId: "payses_1",
      amount: 10,
      currencyId: "RUB",
      createdAt: "2026-11-26T10:00:00+03:00",
    })

  it("finds the provider by the body's merchantId and checks that provider's key", () => {
    const raw = body(COMPANIES.merchantId)
    const routed = routeNotification(twoAccounts(), raw, signBody(raw, COMPANIES.notificationKey))
    expect(routed).toMatchObject({ ok: true, provider: { providerId: "pp_invoicebox_invoicebox-companies" } })
    const forged = routeNotification(twoAccounts(), raw, signBody(raw, DEMO_SHOP.notificationKey))
    expect(forged).toMatchObject({ ok: false, reply: { code: "signature_error" } })
  })

  it("takes the provider the URL names, and only that one", () => {
    const raw = body(COMPANIES.merchantId)
    const signature = signBody(raw, COMPANIES.notificationKey)
    expect(routeNotification(twoAccounts(), raw, signature, "invoicebox-companies")).toMatchObject({ ok: true })
    expect(routeNotification(twoAccounts(), raw, signature, "invoicebox")).toMatchObject({
      ok: false,
      reply: { code: "signature_error" },
    })
    expect(routeNotification(twoAccounts(), raw, signature, "elsewhere")).toMatchObject({
      ok: false,
      reply: { code: "order_not_found" },
    })
  })

  it("an unknown merchant is refused as another shop's notification", () => {
    const raw = body("99999999-9999-4999-8999-999999999999")
    const routed = routeNotification(twoAccounts(), raw, signBody(raw, DEMO_SHOP.notificationKey))
    expect(routed).toMatchObject({ ok: false, reply: { code: "order_not_found" } })
  })
})
