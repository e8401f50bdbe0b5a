/**
 * The sandbox's register of companies (GET /v3/filter/api/counterparty-detail,
 * dictionary/counterparty-detail.md): every ИНН with valid check digits is registered, with data
 * derived from the number itself — the same ИНН always gives the same company. 10 digits: an ООО
 * with КПП and ОГРН; 12 digits: an individual entrepreneur (ИП) with ОГРНИП and no КПП. The check
 * digits are computed here, apart from the core's, so that a bug there shows up against the sandbox.
 */
import { createHash } from "node:crypto"

import type { Counterparty } from "../invoicebox/types"

const WEIGHTS_10 = [2, 4, 10, 3, 5, 9, 4, 6, 8]
const WEIGHTS_11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]
const WEIGHTS_12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]

function innCheckDigit(digits: number[], weights: number[]): number {
  let sum = 0
  for (let i = 0; i < weights.length; i++) sum += weights[i]! * digits[i]!
  return (sum % 11) % 10
}

export function innHasValidCheckDigits(inn: string): boolean {
  if (!/^(\d{10}|\d{12})$/.test(inn)) return false
  const d = [...inn].map(Number)
  if (d.length === 10) return innCheckDigit(d, WEIGHTS_10) === d[9]
  return innCheckDigit(d, WEIGHTS_11) === d[10] && innCheckDigit(d, WEIGHTS_12) === d[11]
}

const REGIONS: Readonly<Record<string, { city: string; zip: string }>> = {
  "77": { city: "г. Москва", zip: "1010" },
  "78": { city: "г. Санкт-Петербург", zip: "1900" },
  "50": { city: "Московская обл., г. Химки", zip: "1414" },
  "16": { city: "Республика Татарстан, г. Казань", zip: "4200" },
  "23": { city: "Краснодарский край, г. Краснодар", zip: "3500" },
  "52": { city: "Нижегородская обл., г. Нижний Новгород", zip: "6030" },
  "54": { city: "Новосибирская обл., г. Новосибирск", zip: "6300" },
  "66": { city: "Свердловская обл., г. Екатеринбург", zip: "6200" },
}
const OTHER_REGION = { city: "Тверская обл., г. Тверь", zip: "1700" }

const COMPANY_NAMES = ["Ромашка", "Вектор", "Северный ветер", "Альфа-Снаб", "Технопарк", "Гранит", "Сфера", "Меридиан"]
const SURNAMES = ["Иванов", "Смирнов", "Кузнецов", "Попов", "Соколов", "Лебедев", "Козлов", "Новиков"]
const FIRST_NAMES = ["Иван", "Пётр", "Алексей", "Сергей", "Михаил", "Андрей", "Дмитрий", "Николай"]
const PATRONYMICS = ["Иванович", "Петрович", "Сергеевич", "Алексеевич", "Михайлович", "Андреевич"]
const STREETS = ["Ленина", "Садовая", "Мира", "Советская", "Заводская", "Новая", "Лесная", "Школьная"]

/** The registered company of this ИНН, or null when the number is not a valid ИНН. */
export function counterpartyByInn(inn: string): Counterparty | null {
  if (!innHasValidCheckDigits(inn)) return null
  const hash = createHash("sha256").update(`invoicebox-sandbox:${inn}`).digest()
  const pick = <T>(list: readonly T[], byte: number): T => list[hash[byte]! % list.length]!
  const region = REGIONS[inn.slice(0, 2)] ?? OTHER_REGION
  const zip = `${region.zip}${String(hash[0]! % 100).padStart(2, "0")}`
  const address = `${zip}, ${region.city}, ул. ${pick(STREETS, 1)}, д. ${(hash[2]! % 120) + 1}`
  const year = 2003 + (hash[3]! % 20)
  const registrationDate = new Date(Date.UTC(year, hash[4]! % 12, (hash[5]! % 28) + 1))
  const serial = digitsOf(hash, 6, inn.length === 10 ? 7 : 9)
  const common = {
    id: uuidOf(hash),
    vatNumber: inn,
    registrationDate: registrationDate.toISOString().replace(/\.\d{3}Z$/, "+00:00"),
    registrationAddress: address,
    postAddress: address,
    postAddressZip: zip,
  }
  if (inn.length === 10) {
    const name = pick(COMPANY_NAMES, 16)
    return {
      ...common,
      taxRegistrationReasonCode: `${inn.slice(0, 4)}01001`,
      name: `ООО «${name}»`,
      nameFull: `Общество с ограниченной ответственностью «${name}»`,
      registrationNumber: withCheckDigit(`1${String(year % 100).padStart(2, "0")}${inn.slice(0, 2)}${serial}`, 11n),
    }
  }
  const surname = pick(SURNAMES, 17)
  const first = pick(FIRST_NAMES, 18)
  const patronymic = pick(PATRONYMICS, 19)
  return {
    ...common,
    name: `ИП ${surname} ${first[0]}. ${patronymic[0]}.`,
    nameFull: `Индивидуальный предприниматель ${surname} ${first} ${patronymic}`,
    registrationNumber: withCheckDigit(`3${String(year % 100).padStart(2, "0")}${inn.slice(0, 2)}${serial}`, 13n),
  }
}

/** ОГРН (12 digits, modulus 11) and ОГРНИП (14 digits, modulus 13) with their check digit. */
function withCheckDigit(body: string, modulus: bigint): string {
  return `${body}${(BigInt(body) % modulus) % 10n}`
}

function digitsOf(hash: Buffer, from: number, count: number): string {
  let digits = ""
  for (let i = 0; i < count; i++) digits += String(hash[from + i]! % 10)
  return digits
}

function uuidOf(hash: Buffer): string {
  const hex = hash.subarray(0, 16).toString("hex")
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}
