/**
 * InvoiceBox VAT codes: their rates, the mapping from a tax percentage to a code, and the exact
 * VAT arithmetic the API checks (merchant/order/create.md, BasketItem).
 *
 * Every basket line carries its gross `amount` (VAT included), also for the `_ADDED` codes (VAT
 * charged on top of a net price: the code tells the receipt how the price was formed, the line
 * still carries the gross figures). The VAT of a gross amount is half-up of gross × r / (100 + r).
 * The two codes of a rate differ only in the VAT rate the 54-FZ receipt names (tag 1199): the plain
 * code (RUS_VAT22) «НДС 22/122», VAT inside the price; the `_ADDED` code (RUS_VAT22_ADDED) «НДС 22 %»,
 * VAT on top of the price. The price, the total and the VAT amount printed are the same.
 *
 * Error codes thrown here: `unsupported_vat_rate`, `invalid_vat_code`.
 */
import { InvoiceboxError } from "./errors"
import { type Kopecks, mulDivHalfUp } from "./money"
import { VAT_CODES, type VatCode } from "./types"

export interface VatRate {
  /** percent, e.g. 22 */
  rate: number
  /** true for `_ADDED` codes: VAT is charged on top of a net price */
  added: boolean
}

export const VAT_RATES: Record<VatCode, VatRate> = {
  VATNONE: { rate: 0, added: false },
  RUS_VAT0: { rate: 0, added: false },
  RUS_VAT5: { rate: 5, added: false },
  RUS_VAT5_ADDED: { rate: 5, added: true },
  RUS_VAT7: { rate: 7, added: false },
  RUS_VAT7_ADDED: { rate: 7, added: true },
  RUS_VAT10: { rate: 10, added: false },
  RUS_VAT10_ADDED: { rate: 10, added: true },
  RUS_VAT20: { rate: 20, added: false },
  RUS_VAT20_ADDED: { rate: 20, added: true },
  RUS_VAT22: { rate: 22, added: false },
  RUS_VAT22_ADDED: { rate: 22, added: true },
}

const VAT_CODE_SET: ReadonlySet<string> = new Set(VAT_CODES)

export function isVatCode(value: unknown): value is VatCode {
  return typeof value === "string" && VAT_CODE_SET.has(value)
}

/** The rate in percent of a VAT code (0 for VATNONE and RUS_VAT0). Throws `invalid_vat_code` for an unknown code. */
export function vatRateOf(code: VatCode): number {
  if (!isVatCode(code)) {
    throw new InvoiceboxError(
      "invalid_vat_code",
      `Unknown VAT code ${JSON.stringify(code)}; expected one of ${VAT_CODES.join(", ")}`
    )
  }
  return VAT_RATES[code].rate
}

/** True for the `_ADDED` codes (VAT on top of a net price). */
export function isAddedVat(code: VatCode): boolean {
  vatRateOf(code)
  return VAT_RATES[code].added
}

export interface VatCodeOptions {
  /**
   * true picks the `_ADDED` code of the rate (RUS_VAT22_ADDED), false (default) the plain one
   * (RUS_VAT22). Only the code changes: basket lines carry gross figures for both.
   */
  added?: boolean
  /** @deprecated the opposite of `added` (`taxInclusive: false` is `added: true`); `added` wins */
  taxInclusive?: boolean
  /** Overrides keyed by the rate as text ("22", "10", "0"); checked before the built-in table. */
  mapping?: Partial<Record<string, VatCode>>
  /** The code for "no rate" (null/undefined), default VATNONE. */
  noVat?: VatCode
}

function rateKey(rate: number): string {
  return String(rate)
}

/**
 * The VAT code for a tax percentage: `vatCodeFor(22)` → RUS_VAT22, `vatCodeFor(20, { added: true })`
 * → RUS_VAT20_ADDED, `vatCodeFor(0)` → RUS_VAT0, `vatCodeFor(null)` → VATNONE.
 * Throws `unsupported_vat_rate` for a rate with no code (e.g. 18) unless `mapping` names one.
 */
export function vatCodeFor(ratePercent: number | null | undefined, options: VatCodeOptions = {}): VatCode {
  const { mapping = {}, noVat = "VATNONE" } = options
  const added = options.added ?? options.taxInclusive === false
  if (ratePercent === null || ratePercent === undefined) return checkedCode(noVat, "noVat")
  if (typeof ratePercent !== "number" || !Number.isFinite(ratePercent) || ratePercent < 0) {
    throw new InvoiceboxError(
      "unsupported_vat_rate",
      `Unsupported VAT rate ${String(ratePercent)}: a rate is a finite percentage ≥ 0 (e.g. 22)`
    )
  }
  const key = rateKey(ratePercent)
  const mapped = mapping[key]
  if (mapped !== undefined) return checkedCode(mapped, `mapping["${key}"]`)

  if (ratePercent === 0) return "RUS_VAT0"
  const code = VAT_CODES.find((c) => VAT_RATES[c].rate === ratePercent && VAT_RATES[c].added === added)
  if (code === undefined) {
    const known = [...new Set(VAT_CODES.map((c) => VAT_RATES[c].rate))].join(", ")
    throw new InvoiceboxError(
      "unsupported_vat_rate",
      `Unsupported VAT rate ${key}%: InvoiceBox has codes for ${known} %; map it with the "mapping" option (e.g. { "${key}": "VATNONE" })`
    )
  }
  return code
}

function checkedCode(code: unknown, option: string): VatCode {
  if (!isVatCode(code)) {
    throw new InvoiceboxError(
      "invalid_vat_code",
      `Invalid VAT code ${JSON.stringify(code)} in ${option}; expected one of ${VAT_CODES.join(", ")}`
    )
  }
  return code
}

/** VAT contained in a gross amount: half-up of gross × r / (100 + r); 0 for rate 0. */
export function vatOfGross(grossKopecks: Kopecks, code: VatCode): Kopecks {
  const rate = vatRateOf(code)
  return rate === 0 ? 0 : mulDivHalfUp(grossKopecks, rate, 100 + rate)
}

/** Gross minus its VAT (`amountWoVat` of a unit price). */
export function netOfGross(grossKopecks: Kopecks, code: VatCode): Kopecks {
  return grossKopecks - vatOfGross(grossKopecks, code)
}

/** A net amount plus VAT on top: net + half-up(net × r / 100). */
export function grossOfNet(netKopecks: Kopecks, code: VatCode): Kopecks {
  const rate = vatRateOf(code)
  return rate === 0 ? netKopecks : netKopecks + mulDivHalfUp(netKopecks, rate, 100)
}
