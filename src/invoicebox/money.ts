/**
 * Money and quantities for InvoiceBox, without floating-point arithmetic.
 *
 * Inside this package money is an integer number of kopecks (`Kopecks`, a safe integer) and a
 * quantity is an integer number of thousandths of a unit (`Quantity`). Values coming in (JS
 * numbers, decimal strings, bigints, Medusa BigNumber shapes) are converted through their exact
 * decimal text, never through float multiplication, so `0.1 + 0.2` becomes 30 kopecks and
 * `1.005` rounds half-up to 101 kopecks. Values going out on the wire are JSON numbers in major
 * units with at most 2 decimals (`kopecksToMajor`).
 *
 * Rounding "half-up" means: a tie rounds away from zero (1.005 → 1.01, -1.005 → -1.01), the way
 * PHP's round() and Java's RoundingMode.HALF_UP do.
 *
 * Error codes thrown here: `invalid_amount`, `invalid_quantity`.
 */
import { InvoiceboxError } from "./errors"

/** Money in kopecks (hundredths of the currency unit); always a safe integer. */
export type Kopecks = number

/** Quantity in thousandths of a unit (1.5 kg → 1500); always a positive safe integer. */
export type Quantity = number

/** Medusa's raw BigNumber form, e.g. `{ value: "123.45", precision: 20 }` (refundPayment's amount). */
export interface BigNumberRawLike {
  value: string | number
  precision?: number
}

/** Objects exposing a `numeric` number (Medusa's BigNumber class has this getter). */
export interface BigNumberNumericLike {
  numeric: number
}

/** Objects carrying the raw form under `raw` (Medusa's BigNumber class). */
export interface BigNumberWithRawLike {
  raw: { value: string | number }
}

/** Objects that convert themselves (bignumber.js instances, Medusa BigNumber). */
export interface BigNumberConvertibleLike {
  toJSON?(): unknown
  valueOf(): unknown
}

export type BigNumberLike = BigNumberRawLike | BigNumberNumericLike | BigNumberWithRawLike | BigNumberConvertibleLike

/** Anything this package accepts as a money amount in major units (roubles). */
export type MoneyInput = number | string | bigint | BigNumberLike

export type Rounding = "half-up" | "exact"

/** An exact decimal: `units / 10^scale` (scale ≥ 0). */
export interface ExactDecimal {
  readonly units: bigint
  readonly scale: number
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)
/** Exponents beyond this are refused: no money or quantity needs them, and they would allocate huge bigints. */
const MAX_EXPONENT = 400
const DECIMAL_PATTERN = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/

function pow10(n: number): bigint {
  return 10n ** BigInt(n)
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)
  if (typeof value === "bigint") return `${value}n`
  if (typeof value === "number") return String(value)
  if (value === null) return "null"
  if (value === undefined) return "undefined"
  if (typeof value === "object") {
    try {
      const json = JSON.stringify(value)
      if (json !== undefined) return json.length > 80 ? `${json.slice(0, 80)}…` : json
    } catch {
      // fall through: not serialisable
    }
    return "[object]"
  }
  return typeof value
}

/**
 * Parses decimal text (`"123.45"`, `"-0.5"`, `"1e-7"`, `"1.2E+3"`, `".5"`) exactly.
 * Returns null when the text is not a finite decimal number.
 */
export function parseDecimalText(text: string): ExactDecimal | null {
  const match = DECIMAL_PATTERN.exec(text.trim())
  if (!match) return null
  const [, sign = "", intPart = "", fracPart = "", expPart] = match
  if (intPart.length === 0 && fracPart.length === 0) return null
  const exponent = expPart === undefined ? 0 : Number(expPart)
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > MAX_EXPONENT) return null
  let units = BigInt(`${intPart}${fracPart}` || "0")
  if (sign === "-") units = -units
  let scale = fracPart.length - exponent
  if (scale < 0) {
    units *= pow10(-scale)
    scale = 0
  }
  return { units, scale }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null
}

/** The exact decimal text of a money-like value, or null when it has none. */
function decimalSource(value: unknown, depth = 0): string | null {
  if (typeof value === "string") return value
  if (typeof value === "number") {
    // String(n) is the shortest text that round-trips, so 0.1 + 0.2 → "0.30000000000000004".
    return Number.isFinite(value) ? String(value) : null
  }
  if (typeof value === "bigint") return value.toString()
  if (!isObject(value) || depth > 3) return null

  const raw = value["raw"]
  if (isObject(raw) && (typeof raw["value"] === "string" || typeof raw["value"] === "number")) {
    return decimalSource(raw["value"], depth + 1)
  }
  const plain = value["value"]
  if (typeof plain === "string" || typeof plain === "number") return decimalSource(plain, depth + 1)
  const numeric = value["numeric"]
  if (typeof numeric === "number") return decimalSource(numeric, depth + 1)

  const toJSON = value["toJSON"]
  if (typeof toJSON === "function") {
    const converted: unknown = toJSON.call(value)
    if (typeof converted === "number" || typeof converted === "string") return decimalSource(converted, depth + 1)
  }
  const valueOf = value["valueOf"]
  if (typeof valueOf === "function" && valueOf !== Object.prototype.valueOf) {
    const converted: unknown = valueOf.call(value)
    if (typeof converted === "number" || typeof converted === "string" || typeof converted === "bigint") {
      return decimalSource(converted, depth + 1)
    }
  }
  return null
}

/**
 * Converts a money input (major units) to an exact decimal. Throws `invalid_amount` for NaN,
 * Infinity, non-numeric text and objects that carry no number.
 */
export function toExactDecimal(value: MoneyInput, what = "amount"): ExactDecimal {
  const source = decimalSource(value)
  const parsed = source === null ? null : parseDecimalText(source)
  if (parsed === null) {
    throw new InvoiceboxError("invalid_amount", `Invalid ${what}: ${describe(value)} is not a finite decimal number`)
  }
  return parsed
}

/** Rounds `numerator / denominator` (denominator > 0) to an integer, ties away from zero. */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError("divideHalfUp: denominator must be positive")
  const negative = numerator < 0n
  const magnitude = negative ? -numerator : numerator
  let quotient = magnitude / denominator
  if ((magnitude % denominator) * 2n >= denominator) quotient += 1n
  return negative ? -quotient : quotient
}

function toSafeNumber(value: bigint, code: string, what: string, shown: string): number {
  if (value > MAX_SAFE || value < -MAX_SAFE) {
    throw new InvoiceboxError(code, `Invalid ${what}: ${shown} is too large to handle exactly`)
  }
  return Number(value)
}

/** Rounds an exact decimal to `decimals` places; null when `exact` and non-zero digits would be lost. */
function roundDecimal(value: ExactDecimal, decimals: number, rounding: Rounding): bigint | null {
  if (value.scale <= decimals) return value.units * pow10(decimals - value.scale)
  const divisor = pow10(value.scale - decimals)
  if (rounding === "exact" && value.units % divisor !== 0n) return null
  return divideHalfUp(value.units, divisor)
}

/** Exact decimal → kopecks, rounding half-up or (with "exact") refusing more than 2 non-zero decimals. */
export function decimalToKopecks(value: ExactDecimal, rounding: Rounding = "half-up", what = "amount"): Kopecks {
  const shown = formatExactDecimal(value)
  const kopecks = roundDecimal(value, 2, rounding)
  if (kopecks === null) {
    throw new InvoiceboxError(
      "invalid_amount",
      `Invalid ${what}: ${shown} has more than 2 decimal places (money is exact to the kopeck)`
    )
  }
  return toSafeNumber(kopecks, "invalid_amount", what, shown)
}

/**
 * Converts a money amount in major units (roubles: `123.45`, `"123.45"`, `123n`, a Medusa BigNumber
 * or its raw `{ value, precision }`) to integer kopecks.
 * - `"half-up"` (default): rounds to the kopeck, ties away from zero.
 * - `"exact"`: throws `invalid_amount` when more than 2 decimals are non-zero.
 * Throws `invalid_amount` for NaN, Infinity, non-numeric input and results beyond safe integers.
 */
export function toKopecks(value: MoneyInput, rounding: Rounding = "half-up", what = "amount"): Kopecks {
  return decimalToKopecks(toExactDecimal(value, what), rounding, what)
}

function assertKopecks(k: Kopecks, fn: string): void {
  if (!Number.isSafeInteger(k)) {
    throw new InvoiceboxError("invalid_amount", `${fn}: ${describe(k)} is not an integer number of kopecks`)
  }
}

/** Kopecks as decimal text with exactly 2 decimals: 12345 → "123.45", -5 → "-0.05". */
export function formatKopecks(k: Kopecks): string {
  assertKopecks(k, "formatKopecks")
  const negative = k < 0
  const magnitude = Math.abs(k)
  const major = Math.floor(magnitude / 100)
  const minor = magnitude % 100
  return `${negative ? "-" : ""}${major}.${minor < 10 ? "0" : ""}${minor}`
}

/**
 * The largest magnitude sent on the wire: a double keeps any decimal of up to 15 significant
 * digits exactly through JSON, so amounts stay below 10^13 roubles and quantities below 10^12.
 */
export const MAX_WIRE_KOPECKS: Kopecks = 999_999_999_999_999

/**
 * Kopecks as a JSON number in major units with at most 2 decimals: 12345 → 123.45. Throws
 * `invalid_amount` beyond MAX_WIRE_KOPECKS, where a JSON number could no longer carry it exactly.
 */
export function kopecksToMajor(k: Kopecks): number {
  const text = formatKopecks(k)
  if (Math.abs(k) > MAX_WIRE_KOPECKS) {
    throw new InvoiceboxError("invalid_amount", `Amount ${text} is too large to send as an exact JSON number`)
  }
  const value = Number(text)
  return Object.is(value, -0) ? 0 : value
}

/** The exact decimal as plain text (no exponent), e.g. `{ units: 12345n, scale: 3 }` → "12.345". */
export function formatExactDecimal(value: ExactDecimal): string {
  const negative = value.units < 0n
  const digits = (negative ? -value.units : value.units).toString().padStart(value.scale + 1, "0")
  const int = digits.slice(0, digits.length - value.scale)
  const frac = digits.slice(digits.length - value.scale)
  return `${negative ? "-" : ""}${int}${frac.length > 0 ? `.${frac}` : ""}`
}

/**
 * Converts a quantity (`3`, `1.5`, `"0.125"`) to thousandths of a unit. Throws `invalid_quantity`
 * when it is not a number, not > 0, or has more than 3 non-zero decimals.
 */
export function toQuantity(q: number | string, what = "quantity"): Quantity {
  const source = typeof q === "string" ? q : typeof q === "number" && Number.isFinite(q) ? String(q) : null
  const parsed = source === null ? null : parseDecimalText(source)
  if (parsed === null) {
    throw new InvoiceboxError("invalid_quantity", `Invalid ${what}: ${describe(q)} is not a finite decimal number`)
  }
  const shown = formatExactDecimal(parsed)
  const milli = roundDecimal(parsed, 3, "exact")
  if (milli === null) {
    throw new InvoiceboxError("invalid_quantity", `Invalid ${what}: ${shown} has more than 3 decimal places`)
  }
  if (milli <= 0n) {
    throw new InvoiceboxError("invalid_quantity", `Invalid ${what}: ${shown} must be greater than 0`)
  }
  return toSafeNumber(milli, "invalid_quantity", what, shown)
}

/** Thousandths of a unit → decimal text: 1500 → "1.5", 3000 → "3", 125 → "0.125". */
export function formatQuantity(mq: Quantity): string {
  if (!Number.isSafeInteger(mq)) {
    throw new InvoiceboxError(
      "invalid_quantity",
      `formatQuantity: ${describe(mq)} is not an integer number of thousandths`
    )
  }
  const text = formatExactDecimal({ units: BigInt(mq), scale: 3 })
  return text.replace(/\.?0+$/, "")
}

/** Thousandths of a unit → the JSON number sent on the wire: 1500 → 1.5. */
export function quantityToNumber(mq: Quantity): number {
  const text = formatQuantity(mq)
  if (Math.abs(mq) > MAX_WIRE_KOPECKS) {
    throw new InvoiceboxError("invalid_quantity", `Quantity ${text} is too large to send as an exact JSON number`)
  }
  return Number(text)
}

/** Half-up of `value × numerator / denominator` with exact integer arithmetic (denominator > 0). */
export function mulDivHalfUp(value: number, numerator: number, denominator: number): number {
  for (const [name, n] of [
    ["value", value],
    ["numerator", numerator],
    ["denominator", denominator],
  ] as const) {
    if (!Number.isSafeInteger(n)) throw new RangeError(`mulDivHalfUp: ${name} ${describe(n)} is not a safe integer`)
  }
  const result = divideHalfUp(BigInt(value) * BigInt(numerator), BigInt(denominator))
  if (result > MAX_SAFE || result < -MAX_SAFE) throw new RangeError("mulDivHalfUp: result exceeds safe integers")
  return Number(result)
}

/** A unit price times a quantity, rounded half-up to the kopeck: (3333, 1500) → 5000 (33.33 × 1.5 = 49.995 → 50.00). */
export function multiplyByQuantity(unitAmount: Kopecks, quantity: Quantity): Kopecks {
  return mulDivHalfUp(unitAmount, quantity, 1000)
}

/** Exact product of a money decimal and a quantity in thousandths. */
export function multiplyDecimalByQuantity(value: ExactDecimal, quantity: Quantity): ExactDecimal {
  return { units: value.units * BigInt(quantity), scale: value.scale + 3 }
}

/** Exact difference `a − b`. */
export function subtractDecimals(a: ExactDecimal, b: ExactDecimal): ExactDecimal {
  const scale = Math.max(a.scale, b.scale)
  return {
    units: a.units * pow10(scale - a.scale) - b.units * pow10(scale - b.scale),
    scale,
  }
}

/**
 * `totals` (kopecks ≥ 0, Σ > 0) rescaled to sum to `target` (> 0), each in proportion to its total:
 * floor(total × target / Σ), then the kopecks left one each to the largest remainders (ties: the
 * earlier line). For target ≤ Σ no line goes below 0 or above its total; a 0 line stays 0.
 */
export function shareInProportion(totals: readonly Kopecks[], target: Kopecks): Kopecks[] {
  const sum = BigInt(totals.reduce((a, b) => a + b, 0))
  const goal = BigInt(target)
  const shares = totals.map((total) => {
    const scaled = BigInt(total) * goal
    return { floor: scaled / sum, remainder: scaled % sum }
  })
  let left = goal - shares.reduce((a, share) => a + share.floor, 0n)
  const order = shares
    .map((share, index) => ({ index, remainder: share.remainder }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1))
  const result = shares.map((share) => share.floor)
  for (const { index } of order) {
    if (left === 0n) break
    result[index] = (result[index] ?? 0n) + 1n
    left -= 1n
  }
  return result.map(Number)
}
