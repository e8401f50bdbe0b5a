/** The company payer in cart metadata → the InvoiceBox order's customer. */
import { MedusaError } from "@medusajs/framework/utils"

import { cartCompanyPayer, COMPANY_PAYER_METADATA_KEY } from "../../src/lib/cart-company-payer"
import { cartCustomer, serverBasketData } from "../../src/lib/server-basket"
import { readServerBasket } from "../../src/providers/invoicebox/session-data"

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
