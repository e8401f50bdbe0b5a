/** The order's customer (private or the company payer) and payment-page field locking (invoiceSetting). */
import { buildOrderRequest, customerFrom, customerLocking } from "../../src/payment/order-request"
import { parseProviderOptions } from "../../src/payment/options"
import { DEMO_SHOP, type Customer } from "../../src/invoicebox/types"

const options = parseProviderOptions({
  merchantId: DEMO_SHOP.merchantId,
  token: DEMO_SHOP.token,
  notificationKey: DEMO_SHOP.notificationKey,
})

const legal: Customer = {
  type: "legal",
  name: "ООО «Ромашка»",
  vatNumber: "7707083893",
  taxRegistrationReasonCode: "773601001",
  registrationAddress: "117312, г. Москва, ул. Вавилова, д. 19",
  email: "buh@romashka.example",
}

const context = { customer: { email: "person@example.com", first_name: "Иван", last_name: "Петров" } }

describe("customerFrom", () => {
  it("sends the company payer as it is, whatever Medusa's customer says", () => {
    expect(customerFrom(context, legal)).toEqual(legal)
  })

  it("makes anyone else a private buyer, the cart's details over Medusa's customer", () => {
    expect(customerFrom(context, undefined)).toEqual({
      type: "private",
      email: "person@example.com",
      name: "Иван Петров",
    })
    expect(customerFrom(context, { type: "private", email: "cart@example.com" })).toEqual({
      type: "private",
      email: "cart@example.com",
      name: "Иван Петров",
    })
    // a vatNumber alone no longer makes a legal customer: only a declared company payer does
    expect(customerFrom(undefined, { vatNumber: "7707083893", name: "X" }).type).toBe("private")
  })
})

describe("customerLocking", () => {
  it("locks the fields the store sent, in the docs' order", () => {
    expect(customerLocking(legal)).toEqual({
      customerLockedFields: ["type", "name", "email", "vatNumber", "taxRegistrationReasonCode", "registrationAddress"],
    })
    expect(customerLocking({ type: "private", email: "a@b.ru", phone: "" })).toEqual({
      customerLockedFields: ["type", "email"],
    })
    expect(customerLocking({})).toBeUndefined()
  })

  it("is sent only with the lockCustomerFields option", () => {
    const input = {
      sessionId: "payses_1",
      merchantOrderId: "payses_1",
      amount: 100,
      currencyCode: "rub",
      basket: { lines: [{ sku: "TEA", name: "Чай", unitPrice: 100, quantity: 1, vatCode: "RUS_VAT22" as const }] },
      customer: legal,
    }
    expect(buildOrderRequest(input, options).request).not.toHaveProperty("invoiceSetting")
    const locked = buildOrderRequest(input, parseProviderOptions({ ...options, lockCustomerFields: true })).request
    expect(locked.invoiceSetting?.customerLockedFields).toContain("vatNumber")
    expect(locked.customer).toEqual(legal)
  })

  it("refuses a lockCustomerFields that is not a boolean at boot", () => {
    expect(() => parseProviderOptions({ ...options, lockCustomerFields: "yes" })).toThrow(/lockCustomerFields/)
  })
})
