/**
 * A company payer («плательщик — организация или ИП»): the business a storefront declares for a cart,
 * validated here and mapped to the `customer` of InvoiceBox's create-order request. No Medusa import.
 *
 * From the docs (reference/invoicebox-docs):
 * - merchant/order/create.md, section "Customer" (the `customer` of CreateOrderRequest; update.md and
 *   notification/status.md point to the same table). Every property is optional there:
 *     type                      string(10) enum  `legal` - юр. лицо, `private` - физ лицо
 *     name                      string(500)      Имя
 *     phone                     string(100)      Номер телефона, example `79001112233`
 *     email                     string(100)      Электронная почта
 *     vatNumber                 string(20)       ИНН, example `7710044140`
 *     taxRegistrationReasonCode string(9)        КПП, example `770201001`
 *     registrationAddress       string(1000)     Юр. адресс, example `190000, Санкт-Петербург, Невский пр. 147, офис 321`
 * - merchant/schema.md, "Покупатели - организации и индивидуальные предприниматели": organisations and
 *   individual entrepreneurs (ИП) follow one scenario — no fiscal receipt; the closing documents (act,
 *   ТОРГ-12, report on the transfer) are sent to the payer by e-mail. So an ИП is sent as `legal` too,
 *   and the e-mail is required here although the API does not require it.
 * - dictionary/counterparty-detail.md: `GET /v3/filter/api/counterparty-detail?vatNumber=` returns
 *   Counterparty objects: id, vatNumber (ИНН), taxRegistrationReasonCode (КПП), name, nameFull,
 *   nameI18n, registrationNumber, registrationDate, registrationAddress, postAddress, postAddressZip;
 *   a prefill reads vatNumber, taxRegistrationReasonCode, name/nameFull/nameI18n, registrationAddress.
 */
import { z } from "zod"

import { validateInn, validateKpp, type InnKind } from "./russian-tax-ids"
import type { Customer } from "./types"

/** Length limits of the docs' Customer (merchant/order/create.md). */
export const CUSTOMER_FIELD_LIMITS = {
  name: 500,
  phone: 100,
  email: 100,
  vatNumber: 20,
  taxRegistrationReasonCode: 9,
  registrationAddress: 1000,
} as const

/** An organisation (10-digit ИНН, has a КПП) or an individual entrepreneur (12-digit ИНН, no КПП). */
export type CompanyPayerKind = "legal_entity" | "entrepreneur"

const PAYER_KIND: Record<InnKind, CompanyPayerKind> = { legal_entity: "legal_entity", individual: "entrepreneur" }

/**
 * A phone number as the docs' Customer.phone shows it (`79001112233`): the country code and the
 * number, digits only. Accepts the usual ways of writing it — `+7 (900) 111-22-33`, `8 900 111 22 33`,
 * `79001112233`, `9001112233` (ten digits: a Russian number without the trunk prefix) and international
 * numbers written with `+` (8 to 15 digits, E.164). Spaces, brackets, dots and hyphens are ignored.
 * Returns null for anything else (letters, extensions, too few or too many digits).
 */
export function normalizeCustomerPhone(value: string): string | null {
  const compact = value.replace(/[\s().-]/g, "")
  const match = /^(\+?)([0-9]+)$/.exec(compact)
  if (!match) return null
  const digits = match[2]!
  if (match[1] === "+") {
    if (digits.startsWith("7")) return digits.length === 11 ? digits : null
    return digits.length >= 8 && digits.length <= 15 ? digits : null
  }
  if (digits.length === 11 && (digits.startsWith("7") || digits.startsWith("8"))) return `7${digits.slice(1)}`
  if (digits.length === 10) return `7${digits}`
  return null
}

const requiredText = (field: string, what: string, max: number) =>
  z
    .string({
      error: (issue) => (issue.input === undefined ? `${field}: ${what} is required` : `${field}: must be text`),
    })
    .trim()
    .min(1, `${field}: ${what} must not be empty`)
    .max(max, `${field}: ${what} must have at most ${max} characters`)

/** An optional text: absent, null and "" (after trimming) all mean "not given". */
const optionalText = (field: string) =>
  z
    .string({ error: `${field}: must be text` })
    .trim()
    .nullish()
    .transform((value) => (value === null || value === undefined || value === "" ? undefined : value))

const innField = z
  .string({ error: (issue) => (issue.input === undefined ? "inn: the INN (ИНН) is required" : "inn: must be text") })
  .trim()
  .superRefine((value, ctx) => {
    const check = validateInn(value)
    if (!check.valid) ctx.addIssue({ code: "custom", message: `inn: ${check.message}` })
  })

const kppField = optionalText("kpp").superRefine((value, ctx) => {
  if (value === undefined) return
  const check = validateKpp(value)
  if (!check.valid) ctx.addIssue({ code: "custom", message: `kpp: ${check.message}` })
})

const emailField = z
  .string({
    error: (issue) =>
      issue.input === undefined
        ? "email: the e-mail is required (InvoiceBox sends the closing documents there)"
        : "email: must be text",
  })
  .trim()
  .pipe(
    z
      .email(`email: must be an e-mail address`)
      .max(CUSTOMER_FIELD_LIMITS.email, `email: must have at most ${CUSTOMER_FIELD_LIMITS.email} characters`)
  )

const phoneField = optionalText("phone").transform((value, ctx) => {
  if (value === undefined) return undefined
  const phone = normalizeCustomerPhone(value)
  if (phone === null) {
    ctx.addIssue({
      code: "custom",
      message:
        "phone: must be a phone number such as +7 900 111-22-33, 8 900 111-22-33 or an international +<country code> number",
    })
    return z.NEVER
  }
  return phone
})

const FIELDS = ["name", "inn", "kpp", "legal_address", "email", "phone"] as const

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/**
 * The body a storefront sends to declare a company payer for a cart (snake_case like Medusa's store
 * API). Every issue's path names its field and its message starts with the field, e.g.
 * `inn: INN check digit (the 10th digit) does not match ...`. Unknown fields are refused (a
 * `legalAddress` typo is reported, not silently dropped). Output: trimmed text; `kpp`/`phone`
 * undefined when not given (absent, null or blank); the phone normalised to InvoiceBox's `79001112233`
 * form. Kept a plain object schema so a route can `.extend()` it.
 *
 * Rule of ИНН and КПП: a legal entity (10-digit ИНН) must give its КПП; an individual entrepreneur
 * (12-digit ИНН) has none and must not give one.
 */
export const companyPayerSchema = z
  .strictObject(
    {
      /** the company's name as on its documents, e.g. `ООО «Ромашка»` or `ИП Иванов Иван Иванович` */
      name: requiredText("name", "the company name", CUSTOMER_FIELD_LIMITS.name),
      /** ИНН: 10 digits (legal entity) or 12 digits (individual entrepreneur) */
      inn: innField,
      /** КПП: 9 characters; required with a 10-digit ИНН, absent with a 12-digit one */
      kpp: kppField,
      /** registration (legal) address, «юридический адрес» */
      legal_address: requiredText(
        "legal_address",
        "the legal (registration) address",
        CUSTOMER_FIELD_LIMITS.registrationAddress
      ),
      email: emailField,
      phone: phoneField,
    },
    {
      error: (issue) => {
        if (issue.code === "unrecognized_keys") {
          return `unknown field(s) ${issue.keys.join(", ")}: a company payer has ${FIELDS.join(", ")}`
        }
        if (issue.code === "invalid_type") return "the company payer must be a JSON object"
        return undefined
      },
    }
  )
  .superRefine(
    (payer, ctx) => {
      const check = validateInn(payer.inn)
      if (!check.valid) return
      if (check.kind === "legal_entity" && payer.kpp === undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["kpp"],
          message: "kpp: the KPP (КПП) is required for a legal entity (10-digit INN)",
        })
      }
      if (check.kind === "individual" && payer.kpp !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["kpp"],
          message: "kpp: an individual entrepreneur (12-digit INN) has no KPP (КПП): leave kpp out",
        })
      }
    },
    {
      // run even when other fields (name, e-mail, ...) are wrong, so every error is reported at once;
      // skip only when the ИНН or the КПП already has its own error
      when: (payload) =>
        isRecord(payload.value) &&
        typeof payload.value.inn === "string" &&
        !payload.issues.some((issue) => issue.path?.[0] === "inn" || issue.path?.[0] === "kpp"),
    }
  )

/** What the storefront sends. */
export type CompanyPayerInput = z.input<typeof companyPayerSchema>
/** A validated company payer. */
export type CompanyPayer = z.output<typeof companyPayerSchema>

export interface CompanyPayerFieldError {
  /** the field's path, e.g. `inn`; empty for the body as a whole */
  field: string
  /** starts with the field, e.g. `kpp: the KPP (КПП) is required for a legal entity (10-digit INN)` */
  message: string
}

export type CompanyPayerParse =
  { success: true; payer: CompanyPayer } | { success: false; errors: CompanyPayerFieldError[] }

/** Validates a storefront's body; every error names its field. */
export function parseCompanyPayer(input: unknown): CompanyPayerParse {
  const result = companyPayerSchema.safeParse(input)
  if (result.success) return { success: true, payer: result.data }
  return {
    success: false,
    errors: result.error.issues.map((issue) => ({ field: issue.path.map(String).join("."), message: issue.message })),
  }
}

/** A legal entity (10-digit ИНН) or an individual entrepreneur (12-digit ИНН). */
export function companyPayerKind(payer: Pick<CompanyPayer, "inn">): CompanyPayerKind {
  const check = validateInn(payer.inn)
  if (!check.valid) throw new RangeError(`not a validated company payer: ${check.message}`)
  return PAYER_KIND[check.kind]
}

/** The docs' Customer for a company payer: `type` is always `legal`, ИНН and name always present. */
export type LegalCustomer = Customer & { type: "legal"; name: string; vatNumber: string }

/**
 * The create-order `customer` (merchant/order/create.md, Customer) of a validated company payer:
 * type `legal`, name, vatNumber (ИНН), taxRegistrationReasonCode (КПП, legal entities only),
 * registrationAddress (Юр. адрес), email, phone (when given). Fields not given are left out, not sent empty.
 */
export function companyPayerToCustomer(payer: CompanyPayer): LegalCustomer {
  const customer: LegalCustomer = {
    type: "legal",
    name: payer.name,
    vatNumber: payer.inn,
  }
  if (payer.kpp !== undefined) customer.taxRegistrationReasonCode = payer.kpp
  customer.registrationAddress = payer.legal_address
  customer.email = payer.email
  if (payer.phone !== undefined) customer.phone = payer.phone
  return customer
}

/**
 * The fields of one counterparty-detail entry (dictionary/counterparty-detail.md, "Counterparty") a
 * prefill reads. Structural: the client's answer fits as it is, and null (a JSON API's "no value") is
 * read as absent.
 */
export interface CounterpartyDetail {
  /** ИНН, required in the docs */
  vatNumber: string
  /** КПП */
  taxRegistrationReasonCode?: string | null
  /** short name, string(100) */
  name?: string | null
  /** full name, string(300) */
  nameFull?: string | null
  /** full name in the region's language, string(300) */
  nameI18n?: string | null
  /** registration (legal) address, string(200) */
  registrationAddress?: string | null
}

/** What the storefront can prefill from InvoiceBox's counterparty details; the buyer adds e-mail and phone. */
export interface CompanyPayerPrefill {
  name?: string
  inn: string
  kpp?: string
  legal_address?: string
}

const present = (value: string | null | undefined): string | undefined => {
  const trimmed = value?.trim()
  return trimmed === undefined || trimmed === "" ? undefined : trimmed
}

/**
 * A company payer prefill from a counterparty: name (the short `name`, else `nameFull`, else
 * `nameI18n`), ИНН (`vatNumber`), КПП (`taxRegistrationReasonCode`, dropped for a 12-digit ИНН: an
 * individual entrepreneur has none), legal address (`registrationAddress` only — `postAddress` is the
 * postal address, not the legal one). Values are trimmed; empty ones are left out. Not validated: the
 * storefront sends the completed form through companyPayerSchema.
 */
export function counterpartyToCompanyPayerPrefill(counterparty: CounterpartyDetail): CompanyPayerPrefill {
  const inn = counterparty.vatNumber.trim()
  const prefill: CompanyPayerPrefill = { inn }
  const name = present(counterparty.name) ?? present(counterparty.nameFull) ?? present(counterparty.nameI18n)
  if (name !== undefined) prefill.name = name
  const kpp = present(counterparty.taxRegistrationReasonCode)
  if (kpp !== undefined && inn.length !== 12) prefill.kpp = kpp
  const legalAddress = present(counterparty.registrationAddress)
  if (legalAddress !== undefined) prefill.legal_address = legalAddress
  return prefill
}

/**
 * Prefills for the ИНН a buyer typed, from the counterparty-detail answer: only the counterparties
 * whose vatNumber is exactly that ИНН (one per КПП when an organisation has several), in the
 * answer's order.
 */
export function companyPayerPrefillsFor(
  inn: string,
  counterparties: readonly CounterpartyDetail[]
): CompanyPayerPrefill[] {
  const wanted = inn.trim()
  return counterparties
    .filter((counterparty) => counterparty.vatNumber.trim() === wanted)
    .map(counterpartyToCompanyPayerPrefill)
}
