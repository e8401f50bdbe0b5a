/** The company payer in cart metadata → the InvoiceBox order's customer. */
import { MedusaError } from "@medusajs/framework/utils"

import { cartCompanyPayer, COMPANY_PAYER_METADATA_KEY } from "../../src/lib/cart-company-payer"
import { cartCustomer, serverBasketData } from "../../src/lib/server-basket"
import { readServerBasket } from "../../src/payment/session-data"

const payer = {
  name: "ООО «Ромашка»",
  inn: "7707083893",
  kpp: "773601001",
  legal_address: "117312, г. Москва, ул. Вавилова, д. 19",
  email: "buh@romashka.example",
  phone: "79001112233",
}

const cart = {
  id: "cart_1",
  email: "buyer@example.com",
  billing_address: { first_name: "Иван", last_name: "Петров", phone: "+7 (900) 555-44-33" },
}

describe("cartCompanyPayer", () => {
  it("is null for a private buyer (no key, null or an empty value)", () => {
    expect(cartCompanyPayer({ id: "c" })).toBeNull()
    expect(cartCompanyPayer({ id: "c", metadata: null })).toBeNull()
    expect(cartCompanyPayer({ id: "c", metadata: { [COMPANY_PAYER_METADATA_KEY]: "" } })).toBeNull()
  })

  it("reads the stored payer back through the schema", () => {
    expect(cartCompanyPayer({ id: "c", metadata: { [COMPANY_PAYER_METADATA_KEY]: payer } })).toEqual(payer)
  })

  it("refuses a payer written into metadata around the route, naming the field", () => {
    let error: unknown
    try {
      cartCompanyPayer({ id: "cart_9", metadata: { [COMPANY_PAYER_METADATA_KEY]: { ...payer, inn: "7707083894" } } })
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(MedusaError)
    expect((error as MedusaError).type).toBe(MedusaError.Types.INVALID_DATA)
    expect((error as MedusaError).message).toMatch(/cart cart_9 has an invalid company payer .*inn: INN check digit/)
  })
})

describe("cartCompanyPayer of a customer account with a saved company", () => {
  const b2b = { id: "cus_1", metadata: { [COMPANY_PAYER_METADATA_KEY]: payer } }
  const other = { ...payer, name: "ИП Иванов", inn: "500100732259", kpp: undefined }

  it("is the saved company when the cart declares none", () => {
    expect(cartCompanyPayer({ id: "c", customer: b2b })).toEqual(payer)
    expect(cartCompanyPayer({ id: "c", metadata: {}, customer: b2b })).toEqual(payer)
  })

  it("a company declared for the cart wins over the saved one", () => {
    expect(cartCompanyPayer({ id: "c", metadata: { [COMPANY_PAYER_METADATA_KEY]: other }, customer: b2b })?.name).toBe(
      "ИП Иванов"
    )
  })

  it("false on the cart (DELETE) means a private buyer even with a saved company", () => {
    expect(cartCompanyPayer({ id: "c", metadata: { [COMPANY_PAYER_METADATA_KEY]: false }, customer: b2b })).toBeNull()
  })

  it("a customer without a saved company (or with false) pays as a private person", () => {
    expect(cartCompanyPayer({ id: "c", customer: { id: "cus_2", metadata: null } })).toBeNull()
    expect(
      cartCompanyPayer({ id: "c", customer: { id: "cus_2", metadata: { [COMPANY_PAYER_METADATA_KEY]: false } } })
    ).toBeNull()
  })

  it("an invalid saved company is refused, naming the customer and the way out", () => {
    const broken = { id: "cus_7", metadata: { [COMPANY_PAYER_METADATA_KEY]: { ...payer, kpp: "77360100" } } }
    expect(() => cartCompanyPayer({ id: "cart_3", customer: broken })).toThrow(
      /customer cus_7 of cart cart_3 has an invalid company payer .*kpp.*DELETE \/store\/carts\/cart_3\/invoicebox-company-payer/
    )
  })
})

describe("cartCustomer", () => {
  it("is the legal customer of a declared company payer", () => {
    expect(cartCustomer({ ...cart, metadata: { [COMPANY_PAYER_METADATA_KEY]: payer } })).toEqual({
      type: "legal",
      name: "ООО «Ромашка»",
      vatNumber: "7707083893",
      taxRegistrationReasonCode: "773601001",
      registrationAddress: "117312, г. Москва, ул. Вавилова, д. 19",
      email: "buh@romashka.example",
      phone: "79001112233",
    })
  })

  it("is a private buyer otherwise; the old undocumented metadata.inn means nothing any more", () => {
    const old = { ...cart, metadata: { inn: "7707083893", kpp: "773601001" } }
    expect(cartCustomer(old)).toEqual({
      type: "private",
      email: "buyer@example.com",
      phone: "79005554433",
      name: "Иван Петров",
    })
  })

  it("travels in the signed server basket", () => {
    const data = serverBasketData(
      { ...cart, metadata: { [COMPANY_PAYER_METADATA_KEY]: payer } },
      [{ sku: "TEA", name: "Чай", unitPrice: 100, quantity: 1, vatCode: "RUS_VAT22" }],
      "secret-token"
    )
    expect(readServerBasket(data, "secret-token")?.customer).toMatchObject({ type: "legal", vatNumber: "7707083893" })
  })
})
