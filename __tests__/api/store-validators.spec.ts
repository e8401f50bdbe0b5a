/** The store routes' validators, through Medusa's own zodValidator (what validateAndTransformBody/Query run). */
import { zodValidator } from "@medusajs/framework"

import { StoreInvoiceboxCompanyPayer } from "../../src/api/store/carts/[id]/invoicebox-company-payer/validators"
import { StoreInvoiceboxCompaniesQuery } from "../../src/api/store/invoicebox/companies/validators"

const payer = {
  name: "ООО «Ромашка»",
  inn: "7707083893",
  kpp: "773601001",
  legal_address: "117312, г. Москва, ул. Вавилова, д. 19",
  email: "buh@romashka.example",
  phone: "+7 900 111-22-33",
}

async function messageOf(run: Promise<unknown>): Promise<string> {
  try {
    await run
  } catch (error) {
    return (error as Error).message
  }
  throw new Error("expected a validation error")
}

describe("POST /store/carts/:id/invoicebox-company-payer body", () => {
  it("gives the validated payer", async () => {
    expect(await zodValidator(StoreInvoiceboxCompanyPayer, payer)).toEqual({ ...payer, phone: "79001112233" })
  })

  it("lists every bad field in the schema's words", async () => {
    const message = await messageOf(
      zodValidator(StoreInvoiceboxCompanyPayer, { ...payer, name: " ", inn: "7707083894", email: "x", phone: "12" })
    )
    expect(message).toMatch(/^Invalid request: /)
    for (const field of ["name:", "inn: INN check digit", "email:", "phone:"]) expect(message).toContain(field)
    expect(await messageOf(zodValidator(StoreInvoiceboxCompanyPayer, { ...payer, kpp: undefined }))).toContain(
      "kpp: the KPP (КПП) is required for a legal entity"
    )
    expect(await messageOf(zodValidator(StoreInvoiceboxCompanyPayer, { ...payer, legalAddress: "x" }))).toContain(
      "unknown field(s) legalAddress"
    )
    expect(await messageOf(zodValidator(StoreInvoiceboxCompanyPayer, "ООО"))).toContain("must be a JSON object")
  })
})

describe("GET /store/invoicebox/companies query", () => {
  it("takes a valid ИНН and an optional provider", async () => {
    expect(await zodValidator(StoreInvoiceboxCompaniesQuery, { inn: " 7707083893 " })).toEqual({ inn: "7707083893" })
    expect(
      await zodValidator(StoreInvoiceboxCompaniesQuery, { inn: "500100732259", provider_id: "pp_invoicebox_x" })
    ).toEqual({ inn: "500100732259", provider_id: "pp_invoicebox_x" })
  })

  it("refuses a bad ИНН, a missing one and unknown parameters", async () => {
    expect(await messageOf(zodValidator(StoreInvoiceboxCompaniesQuery, { inn: "7707083894" }))).toContain(
      "inn: INN check digit"
    )
    expect(await messageOf(zodValidator(StoreInvoiceboxCompaniesQuery, { inn: "12345" }))).toContain("inn:")
    expect(await messageOf(zodValidator(StoreInvoiceboxCompaniesQuery, {}))).toContain("Field 'inn' is required")
    expect(await messageOf(zodValidator(StoreInvoiceboxCompaniesQuery, { inn: "7707083893", q: "1" }))).toContain(
      "Unrecognized fields: 'q'"
    )
  })
})
