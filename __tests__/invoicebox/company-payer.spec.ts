/**
 * The company payer: the storefront's body (companyPayerSchema / parseCompanyPayer), its mapping to
 * the create-order `customer` of merchant/order/create.md, and the prefill from the counterparty-detail
 * dictionary (dictionary/counterparty-detail.md).
 */
import {
  CUSTOMER_FIELD_LIMITS,
  companyPayerKind,
  companyPayerPrefillsFor,
  companyPayerSchema,
  companyPayerToCustomer,
  counterpartyToCompanyPayerPrefill,
  normalizeCustomerPhone,
  parseCompanyPayer,
  type CompanyPayer,
  type CompanyPayerFieldError,
  type CompanyPayerInput,
  type CounterpartyDetail,
} from "../../src/invoicebox/company-payer"
import type { Customer } from "../../src/invoicebox/types"
import { createOrderSchema } from "../../src/sandbox/request-validation"

const legalEntity: CompanyPayerInput = {
  name: "ПАО Сбербанк",
  inn: "7707083893",
  kpp: "773601001",
  legal_address: "117312, г. Москва, ул. Вавилова, д. 19",
  email: "buh@sberbank.example",
  phone: "+7 (900) 111-22-33",
}

const entrepreneur: CompanyPayerInput = {
  name: "ИП Иванов Иван Иванович",
  inn: "500100732259",
  legal_address: "141400, Московская обл., г. Химки, ул. Московская, д. 1",
  email: "ivanov@example.com",
}

function errorsOf(input: unknown): CompanyPayerFieldError[] {
  const result = parseCompanyPayer(input)
  if (result.success) throw new Error(`expected errors, parsed ${JSON.stringify(result.payer)}`)
  return result.errors
}

function payerOf(input: unknown): CompanyPayer {
  const result = parseCompanyPayer(input)
  if (!result.success) throw new Error(`expected a payer, got ${JSON.stringify(result.errors)}`)
  return result.payer
}

describe("companyPayerSchema: valid payers", () => {
  it("accepts a legal entity with its КПП, trims the text and normalises the phone", () => {
    const payer = payerOf({
      ...legalEntity,
      name: "  ПАО Сбербанк ",
      inn: " 7707083893 ",
      kpp: "773601001 ",
      email: " buh@sberbank.example ",
    })
    expect(payer).toStrictEqual({
      name: "ПАО Сбербанк",
      inn: "7707083893",
      kpp: "773601001",
      legal_address: "117312, г. Москва, ул. Вавилова, д. 19",
      email: "buh@sberbank.example",
      phone: "79001112233",
    })
    expect(companyPayerKind(payer)).toBe("legal_entity")
  })

  it("accepts an individual entrepreneur without a КПП and leaves kpp and phone out", () => {
    const payer = payerOf(entrepreneur)
    expect(payer).toStrictEqual({
      name: "ИП Иванов Иван Иванович",
      inn: "500100732259",
      legal_address: "141400, Московская обл., г. Химки, ул. Московская, д. 1",
      email: "ivanov@example.com",
    })
    expect(companyPayerKind(payer)).toBe("entrepreneur")
  })

  it.each([null, "", "   "])("reads kpp %j of an entrepreneur as not given", (kpp) => {
    const payer = payerOf({ ...entrepreneur, kpp })
    expect(payer.kpp).toBeUndefined()
    expect(payer).toEqual(payerOf(entrepreneur))
    expect(companyPayerToCustomer(payer)).not.toHaveProperty("taxRegistrationReasonCode")
  })

  it.each([null, "", "  "])("reads phone %j as not given", (phone) => {
    const payer = payerOf({ ...legalEntity, phone })
    expect(payer.phone).toBeUndefined()
    expect(companyPayerToCustomer(payer)).not.toHaveProperty("phone")
  })

  it("accepts a КПП with letters in positions 5–6", () => {
    expect(payerOf({ ...legalEntity, kpp: "7736AB001" }).kpp).toBe("7736AB001")
  })

  it("accepts the longest texts the docs' Customer allows", () => {
    const payer = payerOf({
      ...legalEntity,
      name: "Н".repeat(CUSTOMER_FIELD_LIMITS.name),
      legal_address: "А".repeat(CUSTOMER_FIELD_LIMITS.registrationAddress),
      email: `${"a".repeat(CUSTOMER_FIELD_LIMITS.email - "@example.com".length)}@example.com`,
    })
    expect(payer.name).toHaveLength(500)
    expect(payer.legal_address).toHaveLength(1000)
    expect(payer.email).toHaveLength(100)
  })

  it("is usable as a zod schema directly (safeParse names the field in the issue path)", () => {
    const result = companyPayerSchema.safeParse({ ...legalEntity, inn: "7707083894" })
    expect(result.success).toBe(false)
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([["inn"]])
  })
})

describe("companyPayerSchema: ИНН and КПП", () => {
  it("refuses a legal entity without a КПП", () => {
    expect(errorsOf({ ...legalEntity, kpp: undefined })).toEqual([
      { field: "kpp", message: "kpp: the KPP (КПП) is required for a legal entity (10-digit INN)" },
    ])
    expect(errorsOf({ ...legalEntity, kpp: "" })).toEqual([
      { field: "kpp", message: "kpp: the KPP (КПП) is required for a legal entity (10-digit INN)" },
    ])
  })

  it("refuses a КПП given with an entrepreneur's 12-digit ИНН", () => {
    expect(errorsOf({ ...entrepreneur, kpp: "773601001" })).toEqual([
      { field: "kpp", message: "kpp: an individual entrepreneur (12-digit INN) has no KPP (КПП): leave kpp out" },
    ])
  })

  it.each([
    ["7707083894", "inn: INN check digit (the 10th digit) does not match the first nine digits: the INN is mistyped"],
    ["500100732269", "inn: INN check digit (the 11th digit) does not match the first ten digits: the INN is mistyped"],
    [
      "500100732258",
      "inn: INN check digit (the 12th digit) does not match the first eleven digits: the INN is mistyped",
    ],
    ["77070838", "inn: INN must have 10 digits (legal entity) or 12 digits (individual entrepreneur), got 8"],
    ["7707-083893", "inn: INN must contain digits 0–9 only"],
    ["", "inn: INN is empty"],
  ])("refuses the ИНН %j with one error on inn (no КПП rule on top)", (inn, message) => {
    expect(errorsOf({ ...legalEntity, inn, kpp: undefined })).toEqual([{ field: "inn", message }])
  })

  it("refuses a malformed КПП on kpp only", () => {
    expect(errorsOf({ ...legalEntity, kpp: "7736аб001" })).toEqual([
      {
        field: "kpp",
        message:
          "kpp: KPP characters 5–6 (the registration reason) must be digits 0–9 or capital Latin letters A–Z " +
          "(no lower-case or Cyrillic letters)",
      },
    ])
    expect(errorsOf({ ...legalEntity, kpp: "77360100" })).toEqual([
      { field: "kpp", message: "kpp: KPP must have 9 characters, got 8" },
    ])
  })

  it("refuses an ИНН or КПП sent as a number", () => {
    expect(errorsOf({ ...legalEntity, inn: 7707083893, kpp: 773601001 })).toEqual([
      { field: "inn", message: "inn: must be text" },
      { field: "kpp", message: "kpp: must be text" },
    ])
  })
})

describe("companyPayerSchema: other fields", () => {
  it("names every missing field at once", () => {
    expect(errorsOf({})).toEqual([
      { field: "name", message: "name: the company name is required" },
      { field: "inn", message: "inn: the INN (ИНН) is required" },
      { field: "legal_address", message: "legal_address: the legal (registration) address is required" },
      { field: "email", message: "email: the e-mail is required (InvoiceBox sends the closing documents there)" },
    ])
  })

  it("reports the КПП rule together with the other fields' errors", () => {
    expect(errorsOf({ ...legalEntity, kpp: undefined, email: "not-an-address", name: " " })).toEqual([
      { field: "name", message: "name: the company name must not be empty" },
      { field: "email", message: "email: must be an e-mail address" },
      { field: "kpp", message: "kpp: the KPP (КПП) is required for a legal entity (10-digit INN)" },
    ])
  })

  it("refuses texts longer than the docs' Customer allows", () => {
    expect(
      errorsOf({
        ...legalEntity,
        name: "Н".repeat(501),
        legal_address: "А".repeat(1001),
        email: `${"a".repeat(101 - "@example.com".length)}@example.com`,
      })
    ).toEqual([
      { field: "name", message: "name: the company name must have at most 500 characters" },
      {
        field: "legal_address",
        message: "legal_address: the legal (registration) address must have at most 1000 characters",
      },
      { field: "email", message: "email: must have at most 100 characters" },
    ])
  })

  it("refuses a wrong phone on phone", () => {
    expect(errorsOf({ ...legalEntity, phone: "12345" })).toEqual([
      {
        field: "phone",
        message:
          "phone: must be a phone number such as +7 900 111-22-33, 8 900 111-22-33 or an international +<country code> number",
      },
    ])
  })

  it("refuses unknown fields, naming them (a camelCase typo is not silently dropped)", () => {
    const { legal_address, ...rest } = legalEntity
    expect(errorsOf({ ...rest, legalAddress: legal_address, vatNumber: "7707083893" })).toEqual([
      { field: "legal_address", message: "legal_address: the legal (registration) address is required" },
      {
        field: "",
        message:
          "unknown field(s) legalAddress, vatNumber: a company payer has name, inn, kpp, legal_address, email, phone",
      },
    ])
  })

  it.each([null, "ПАО Сбербанк", 7707083893, [legalEntity]])("refuses the body %j as a whole", (body) => {
    expect(errorsOf(body)).toEqual([{ field: "", message: "the company payer must be a JSON object" }])
  })

  it("refuses non-text values naming the field", () => {
    expect(errorsOf({ ...legalEntity, name: 1, email: true, phone: 79001112233 })).toEqual([
      { field: "name", message: "name: must be text" },
      { field: "email", message: "email: must be text" },
      { field: "phone", message: "phone: must be text" },
    ])
  })
})

describe("normalizeCustomerPhone (the docs' Customer.phone form `79001112233`)", () => {
  it.each([
    ["79001112233", "79001112233"],
    ["+79001112233", "79001112233"],
    ["+7 (900) 111-22-33", "79001112233"],
    ["8 (900) 111-22-33", "79001112233"],
    ["89001112233", "79001112233"],
    ["8.900.111.22.33", "79001112233"],
    ["9001112233", "79001112233"],
    ["(812) 329-60-00", "78123296000"],
    ["+7 727 123 45 67", "77271234567"], // Kazakhstan shares +7
    ["+375 29 123-45-67", "375291234567"],
    ["+49 30 1234567", "49301234567"],
    ["+44 20 7946 0958", "442079460958"],
  ])("%j → %s", (input, phone) => {
    expect(normalizeCustomerPhone(input)).toBe(phone)
  })

  it.each([
    "",
    "+",
    "12345",
    "900111223", // 9 digits
    "790011122334", // 12 digits without +
    "69001112233", // 11 digits, neither 7 nor 8 first
    "+7 900 111-22-3", // +7 with 10 digits
    "+7 900 111-22-334",
    "+1234567", // 7 digits
    "+1234567890123456", // 16 digits
    "8 900 111-22-33 доб. 12",
    "8 900 111-22-33 ext 12",
    "++79001112233",
    "7900111223a",
    "+7/900/1112233",
    "８９００１１１２２３３",
  ])("%j → null", (input) => {
    expect(normalizeCustomerPhone(input)).toBeNull()
  })
})

describe("companyPayerToCustomer (merchant/order/create.md, Customer)", () => {
  it("maps a legal entity to a `legal` customer with vatNumber, taxRegistrationReasonCode and registrationAddress", () => {
    expect(companyPayerToCustomer(payerOf(legalEntity))).toStrictEqual({
      type: "legal",
      name: "ПАО Сбербанк",
      vatNumber: "7707083893",
      taxRegistrationReasonCode: "773601001",
      registrationAddress: "117312, г. Москва, ул. Вавилова, д. 19",
      email: "buh@sberbank.example",
      phone: "79001112233",
    })
  })

  it("maps an individual entrepreneur to a `legal` customer without a КПП (and without a phone when none was given)", () => {
    expect(companyPayerToCustomer(payerOf(entrepreneur))).toStrictEqual({
      type: "legal",
      name: "ИП Иванов Иван Иванович",
      vatNumber: "500100732259",
      registrationAddress: "141400, Московская обл., г. Химки, ул. Московская, д. 1",
      email: "ivanov@example.com",
    })
  })

  it("uses only the docs' Customer properties", () => {
    const docsCustomerProperties: Array<keyof Customer> = [
      "type",
      "name",
      "phone",
      "email",
      "vatNumber",
      "taxRegistrationReasonCode",
      "registrationAddress",
    ]
    expect(Object.keys(companyPayerToCustomer(payerOf(legalEntity))).sort()).toEqual([...docsCustomerProperties].sort())
  })

  it("gives a customer the sandbox's create-order contract (types and lengths of the docs) accepts, at the longest texts too", () => {
    const longest = payerOf({
      ...legalEntity,
      name: "Н".repeat(500),
      legal_address: "А".repeat(1000),
      email: `${"a".repeat(88)}@example.com`,
    })
    for (const payer of [payerOf(legalEntity), payerOf(entrepreneur), longest]) {
      const request = {
        description: "Оплата заказа",
        merchantId: "ffffffff-ffff-ffff-ffff-ffffffffffff",
        merchantOrderId: "payses_01",
        amount: 100,
        vatAmount: 0,
        currencyId: "RUB",
        expirationDate: "2030-01-01T00:00:00+00:00",
        basketItems: [
          {
            sku: "1",
            name: "Товар",
            measure: "шт",
            measureCode: "796",
            quantity: 1,
            amount: 100,
            amountWoVat: 100,
            totalAmount: 100,
            totalVatAmount: 0,
            vatCode: "VATNONE",
            type: "commodity",
            paymentType: "full_prepayment",
          },
        ],
        customer: companyPayerToCustomer(payer),
      }
      expect(createOrderSchema.safeParse(request).success).toBe(true)
    }
  })
})

describe("counterparty-detail → company payer prefill (dictionary/counterparty-detail.md)", () => {
  /** every property of the docs' Counterparty table, as the API sends it */
  const sberbank = {
    id: "0177ff00-0000-0000-0000-000000000001",
    vatNumber: "7707083893",
    taxRegistrationReasonCode: "773601001",
    name: "ПАО СБЕРБАНК",
    nameFull: 'ПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО "СБЕРБАНК РОССИИ"',
    nameI18n: "Sberbank of Russia",
    registrationNumber: "1027700132195",
    registrationDate: "2002-08-16T00:00:00+00:00",
    registrationAddress: "117312, г. Москва, ул. Вавилова, д. 19",
    postAddress: "117997, г. Москва, ул. Вавилова, д. 19",
    postAddressZip: "117997",
  }

  it("prefills name (short), ИНН, КПП and the registration address (not the postal one) from a full answer", () => {
    expect(counterpartyToCompanyPayerPrefill(sberbank)).toStrictEqual({
      name: "ПАО СБЕРБАНК",
      inn: "7707083893",
      kpp: "773601001",
      legal_address: "117312, г. Москва, ул. Вавилова, д. 19",
    })
  })

  it("reads an entry parsed from JSON with nulls", () => {
    const parsed = JSON.parse(
      '{"id":"x","vatNumber":"7707083893","taxRegistrationReasonCode":null,"name":null,' +
        '"nameFull":"ПАО «Сбербанк России»","registrationAddress":null,"postAddress":"117997, Москва"}'
    ) as CounterpartyDetail
    expect(counterpartyToCompanyPayerPrefill(parsed)).toStrictEqual({
      name: "ПАО «Сбербанк России»",
      inn: "7707083893",
    })
  })

  it("falls back to nameFull, then nameI18n, trims and leaves empty values out", () => {
    const base: CounterpartyDetail = { vatNumber: " 7707083893 " }
    expect(counterpartyToCompanyPayerPrefill(base)).toStrictEqual({ inn: "7707083893" })
    expect(
      counterpartyToCompanyPayerPrefill({ ...base, name: "  ", nameFull: " ПАО «Сбербанк России» " })
    ).toStrictEqual({ name: "ПАО «Сбербанк России»", inn: "7707083893" })
    expect(counterpartyToCompanyPayerPrefill({ ...base, nameFull: "", nameI18n: "Sberbank" })).toStrictEqual({
      name: "Sberbank",
      inn: "7707083893",
    })
    expect(
      counterpartyToCompanyPayerPrefill({ ...base, taxRegistrationReasonCode: "", registrationAddress: " " })
    ).toStrictEqual({ inn: "7707083893" })
  })

  it("drops a КПП sent with an entrepreneur's 12-digit ИНН", () => {
    expect(
      counterpartyToCompanyPayerPrefill({
        vatNumber: "500100732259",
        taxRegistrationReasonCode: "500101001",
        name: "ИП Иванов И. И.",
        registrationAddress: "Московская обл., г. Химки",
      })
    ).toStrictEqual({ name: "ИП Иванов И. И.", inn: "500100732259", legal_address: "Московская обл., г. Химки" })
  })

  it("a prefill completed with the e-mail is a valid company payer", () => {
    const prefill = counterpartyToCompanyPayerPrefill(sberbank)
    expect(payerOf({ ...prefill, email: "buh@sberbank.example" })).toStrictEqual({
      ...prefill,
      email: "buh@sberbank.example",
    })
  })

  it("keeps only the counterparties with exactly the ИНН asked for, one prefill per КПП, in the answer's order", () => {
    const answer: CounterpartyDetail[] = [
      sberbank,
      { ...sberbank, taxRegistrationReasonCode: "775002002" },
      { vatNumber: "77070838931", name: "not this one" },
      { vatNumber: "7736207543", name: "ООО «ЯНДЕКС»" },
    ]
    expect(companyPayerPrefillsFor(" 7707083893 ", answer).map((prefill) => prefill.kpp)).toEqual([
      "773601001",
      "775002002",
    ])
    expect(companyPayerPrefillsFor("7736207543", answer)).toStrictEqual([{ name: "ООО «ЯНДЕКС»", inn: "7736207543" }])
    expect(companyPayerPrefillsFor("7710044140", answer)).toEqual([])
  })
})
