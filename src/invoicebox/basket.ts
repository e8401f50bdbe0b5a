/**
 * The 54-FZ itemized basket InvoiceBox prints its receipt from (merchant/order/create.md,
 * BasketItem; merchant/fz54.md).
 *
 * `buildBasket` turns plain lines (sku, name, unit price, quantity, discount, VAT code...) into wire
 * basket items whose arithmetic passes the API's checks to the kopeck:
 * - R2 totalAmount = half-up(amount × quantity, 2 decimals) on every line. When a line total does not
 *   divide evenly over its quantity (a discount of 1/3, 100.00 for 3 units), the line is SPLIT into
 *   lines with the same sku and name: 3 × 33.34 → 1 × 33.34 + 2 × 33.33. A fractional quantity (1.5 kg)
 *   keeps one line when some unit price fits, otherwise the whole units and the fraction are split.
 * - R3/R4 amountWoVat = amount − half-up(amount × r/(100+r)); totalVatAmount = half-up(totalAmount × r/(100+r)).
 * - R5/R6 the order's amount and vatAmount are the sums of the lines (`Basket.amount`, `Basket.vatAmount`).
 *
 * Prices: `unitPrice`, `discount` and `total` are gross (VAT included) for the normal codes and net
 * (VAT charged on top) for the `_ADDED` codes; for those the line's gross total is
 * net total + half-up(net total × r/100), computed once per input line. `grossTotal` (optional) is the
 * final gross total of the line for any code and overrides everything else.
 * The line total is unitPrice × quantity − discount computed exactly, then rounded half-up once.
 *
 * Zero-total lines (a 100 % discount, a free gift) are kept with amount 0: 54-FZ receipts may list
 * them and a 0 line passes every check.
 *
 * `buildBasketForAmount(lines, amount)` does the same but makes the basket total exactly the amount
 * the store charges (which may round the cart once where the basket rounds each line), moving at most
 * one kopeck per line.
 *
 * Marked and excise goods: `categoryType` / `category` are copied to every wire item of the line;
 * `excise` is the excise included in the whole line and is shared by split items in proportion to
 * their quantities (to the kopeck, the remainder to the first items). Every wire item is checked with
 * `validateMarkedGoods` (marked-goods.ts) before the basket is returned.
 *
 * Error codes: `invalid_basket` (no lines), `invalid_basket_line` (the message names the line's index
 * and sku; the original error, if any, is the `cause`), `basket_amount_mismatch` (buildBasketForAmount).
 */
import { assertOrderBasket } from "./basket-reconcile"
import { InvoiceboxError } from "./errors"
import { validateMarkedGoods, type CategoryType } from "./marked-goods"
import {
  type ExactDecimal,
  type Kopecks,
  type MoneyInput,
  type Quantity,
  decimalToKopecks,
  divideHalfUp,
  formatExactDecimal,
  formatKopecks,
  kopecksToMajor,
  multiplyByQuantity,
  multiplyDecimalByQuantity,
  quantityToNumber,
  subtractDecimals,
  toExactDecimal,
  toKopecks,
  toQuantity,
} from "./money"
import { PAYMENT_TYPES, type BasketItem, type BasketItemType, type PaymentType, type VatCode } from "./types"
import { grossOfNet, isAddedVat, isVatCode, vatOfGross, vatRateOf } from "./vat"

export interface BasketLineInput {
  sku: string
  /** the goods or service as the receipt must name it (never "Order #123") */
  name: string
  /** price of one unit: gross for normal codes, net for `_ADDED` codes (not read when `grossTotal` is given) */
  unitPrice: MoneyInput
  quantity: number | string
  /** total discount on the line (same basis as unitPrice) */
  discount?: MoneyInput
  /** the line's final total (same basis as unitPrice); overrides unitPrice × quantity − discount */
  total?: MoneyInput
  /** the line's final total INCLUDING VAT, for any code; overrides total, unitPrice and discount */
  grossTotal?: MoneyInput
  vatCode: VatCode
  type?: BasketItemType
  /** OKEI unit name, e.g. `шт`, `кг` (at most 10 characters) */
  measure?: string
  /** OKEI unit code, e.g. `796`, `166` (at most 4 characters) */
  measureCode?: string
  originCountry?: string
  originCountryCode?: string
  paymentType?: PaymentType
  groupName?: string
  metaData?: Record<string, unknown>
  /** marked goods: the category list (`honestSign` or `merchantHonestSignMap`), required with `category` */
  categoryType?: CategoryType
  /** marked goods: a «Честный знак» product group (`milk`, `shoes`…) or the shop's own category */
  category?: string
  /** excise goods: the excise included in the whole line's total (not per unit), ≥ 0 */
  excise?: MoneyInput
}

export interface BasketDefaults {
  type: BasketItemType
  measure: string
  measureCode: string
  paymentType: PaymentType
}

export const DEFAULT_BASKET_DEFAULTS: Readonly<BasketDefaults> = Object.freeze({
  type: "commodity",
  measure: "шт",
  measureCode: "796",
  paymentType: "full_prepayment",
})

export interface Basket {
  /** wire basket items (major-unit numbers) */
  items: BasketItem[]
  /** Σ totalAmount, kopecks */
  amount: Kopecks
  /** Σ totalVatAmount, kopecks */
  vatAmount: Kopecks
}

/** One wire line's figures in integer units: R2 holds, `total = half-up(amount × quantity / 1000)`. */
export interface LinePart {
  amount: Kopecks
  quantity: Quantity
  total: Kopecks
}

/** A basket item without its money and quantity fields (what split lines share). */
export type BasketItemTemplate = Omit<
  BasketItem,
  "quantity" | "amount" | "amountWoVat" | "totalAmount" | "totalVatAmount" | "excise"
>

/** Field length limits of BasketItem (merchant/order/create.md). */
export const BASKET_FIELD_LIMITS = {
  sku: 500,
  name: 500,
  groupName: 500,
  measure: 10,
  measureCode: 4,
  originCountry: 20,
  originCountryCode: 4,
} as const

function ceilDiv(numerator: bigint, denominator: bigint): bigint {
  // denominator > 0
  const q = numerator / denominator
  return numerator % denominator > 0n ? q + 1n : q
}

/**
 * A unit price (kopecks ≥ 0) with half-up(price × quantity / 1000) == total, the one nearest to
 * total / quantity; null when none exists (e.g. 100.00 over 3 units). Always exists for quantity < 1.
 */
export function unitAmountFor(total: Kopecks, quantity: Quantity): Kopecks | null {
  if (total < 0 || quantity <= 0) return null
  const t = BigInt(total)
  const q2 = 2n * BigInt(quantity)
  // half-up(a·q/1000) = t  ⇔  (2t − 1)·1000 ≤ 2·a·q < (2t + 1)·1000
  let lo = ceilDiv((2n * t - 1n) * 1000n, q2)
  if (lo < 0n) lo = 0n
  const hi = ceilDiv((2n * t + 1n) * 1000n, q2) - 1n
  if (lo > hi) return null
  const nearest = divideHalfUp(t * 1000n, BigInt(quantity))
  const chosen = nearest < lo ? lo : nearest > hi ? hi : nearest
  return Number(chosen)
}

function mergeEqualPrices(parts: LinePart[]): LinePart[] {
  const merged: LinePart[] = []
  for (const part of parts) {
    if (part.quantity <= 0) continue
    const same = merged.find((m) => m.amount === part.amount)
    if (same && multiplyByQuantity(same.amount, same.quantity + part.quantity) === same.total + part.total) {
      same.quantity += part.quantity
      same.total += part.total
    } else {
      merged.push({ ...part })
    }
  }
  return merged
}

/**
 * Splits a line total (kopecks ≥ 0) over a quantity (thousandths > 0) into 1–3 parts with the same
 * sku, each passing R2, whose quantities sum to `quantity` and totals to `total`:
 * (10000, 3000) → [33.34 × 1, 33.33 × 2]; (15001, 1500) → one part if a unit price fits, else whole
 * units and the fraction apart. In a whole-unit split the dearer units come first.
 */
export function splitLineTotal(total: Kopecks, quantity: Quantity): LinePart[] {
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError(`splitLineTotal: bad total ${total}`)
  if (!Number.isSafeInteger(quantity) || quantity <= 0) throw new RangeError(`splitLineTotal: bad quantity ${quantity}`)

  const single = unitAmountFor(total, quantity)
  if (single !== null) return [{ amount: single, quantity, total }]

  const wholeUnits = Math.floor(quantity / 1000)
  const fraction = quantity % 1000
  if (fraction === 0) {
    const base = Math.floor(total / wholeUnits)
    const dearer = total - base * wholeUnits // 1 .. wholeUnits − 1, else a single price would fit
    return [
      { amount: base + 1, quantity: dearer * 1000, total: (base + 1) * dearer },
      { amount: base, quantity: (wholeUnits - dearer) * 1000, total: base * (wholeUnits - dearer) },
    ]
  }
  // quantity > 1 with a fraction (a quantity < 1 always has a single price): price the fraction at
  // the line's average unit price, spread the rest over the whole units.
  const average = Number(divideHalfUp(BigInt(total) * 1000n, BigInt(quantity)))
  const fractionTotal = multiplyByQuantity(average, fraction)
  const fractionPart: LinePart = { amount: average, quantity: fraction, total: fractionTotal }
  const wholeParts = splitLineTotal(total - fractionTotal, wholeUnits * 1000)
  return mergeEqualPrices([...wholeParts, fractionPart])
}

/** A wire basket item from shared fields and one part; VAT fields computed by the R3/R4 rule. */
export function basketItemFromPart(template: BasketItemTemplate, part: LinePart): BasketItem {
  const unitVat = vatOfGross(part.amount, template.vatCode)
  const totalVat = vatOfGross(part.total, template.vatCode)
  const { metaData, ...shared } = template
  const item: BasketItem = {
    ...shared,
    quantity: quantityToNumber(part.quantity),
    amount: kopecksToMajor(part.amount),
    amountWoVat: kopecksToMajor(part.amount - unitVat),
    totalAmount: kopecksToMajor(part.total),
    totalVatAmount: kopecksToMajor(totalVat),
  }
  if (metaData !== undefined) item.metaData = { ...metaData }
  return item
}

/** Order amounts for the create/update request, in major units. */
export function basketOrderAmounts(basket: Basket): { amount: number; vatAmount: number } {
  return { amount: kopecksToMajor(basket.amount), vatAmount: kopecksToMajor(basket.vatAmount) }
}

class LineContext {
  constructor(
    readonly index: number,
    readonly sku: unknown
  ) {}

  fail(message: string, cause?: unknown): never {
    const sku = typeof this.sku === "string" && this.sku.trim() !== "" ? ` (sku ${JSON.stringify(this.sku)})` : ""
    throw new InvoiceboxError("invalid_basket_line", `Basket line ${this.index}${sku}: ${message}`, { cause })
  }

  /** Runs a conversion, turning its InvoiceboxError into an invalid_basket_line naming this line. */
  convert<T>(run: () => T): T {
    try {
      return run()
    } catch (error) {
      if (error instanceof InvoiceboxError) this.fail(error.message, error)
      throw error
    }
  }
}

function lengthOf(text: string): number {
  return [...text].length
}

function requiredText(ctx: LineContext, field: keyof typeof BASKET_FIELD_LIMITS, value: unknown): string {
  if (typeof value !== "string" || value.trim() === "") ctx.fail(`${field} must be a non-empty string`)
  const text = value.trim()
  const limit = BASKET_FIELD_LIMITS[field]
  if (lengthOf(text) > limit)
    ctx.fail(`${field} is ${lengthOf(text)} characters long; InvoiceBox accepts at most ${limit}`)
  return text
}

function optionalText(ctx: LineContext, field: keyof typeof BASKET_FIELD_LIMITS, value: unknown): string | undefined {
  if (value === undefined) return undefined
  return requiredText(ctx, field, value)
}

function checkType(ctx: LineContext, type: unknown): BasketItemType {
  if (type === "commodity" || type === "service") return type
  if (typeof type === "number" && Number.isInteger(type) && type > 0) return type
  return ctx.fail(`type ${JSON.stringify(type)} must be "commodity", "service" or a tag 1212 code (positive integer)`)
}

function checkPaymentType(ctx: LineContext, paymentType: unknown): PaymentType {
  const known: readonly unknown[] = PAYMENT_TYPES
  if (known.includes(paymentType)) return paymentType as PaymentType
  return ctx.fail(`paymentType ${JSON.stringify(paymentType)} must be one of ${PAYMENT_TYPES.join(", ")}`)
}

/** Money text for messages: exact, without float noise, at least 2 decimals ("20.000" → "20.00"). */
function showMoney(value: ExactDecimal): string {
  const text = formatExactDecimal(value)
  const dot = text.indexOf(".")
  if (dot === -1) return `${text}.00`
  const trimmed = text.replace(/0+$/, "")
  const decimals = trimmed.length - dot - 1
  return decimals >= 2 ? trimmed : `${trimmed}${"0".repeat(2 - decimals)}`
}

function nonNegative(ctx: LineContext, field: string, value: ExactDecimal): ExactDecimal {
  if (value.units < 0n) ctx.fail(`${field} ${showMoney(value)} must not be negative`)
  return value
}

function compareDecimals(a: ExactDecimal, b: ExactDecimal): number {
  const diff = subtractDecimals(a, b).units
  return diff === 0n ? 0 : diff < 0n ? -1 : 1
}

/** An exact non-negative amount of kopecks: numerator / denominator. */
interface ExactKopecks {
  numerator: bigint
  denominator: bigint
}

interface LineGross {
  /** the line's gross total as this file's rules round it */
  rounded: Kopecks
  /** the same before any rounding (for `buildBasketForAmount`) */
  exact: ExactKopecks
}

/** The line's gross total in kopecks, by the rules in this file's header. */
function lineGrossTotal(ctx: LineContext, line: BasketLineInput, quantity: Quantity, vatCode: VatCode): LineGross {
  if (line.grossTotal !== undefined) {
    const gross = nonNegative(
      ctx,
      "grossTotal",
      ctx.convert(() => toExactDecimal(line.grossTotal as MoneyInput, "grossTotal"))
    )
    return {
      rounded: ctx.convert(() => decimalToKopecks(gross, "half-up", "grossTotal")),
      exact: { numerator: gross.units * 100n, denominator: 10n ** BigInt(gross.scale) },
    }
  }
  const unitPrice = nonNegative(
    ctx,
    "unitPrice",
    ctx.convert(() => toExactDecimal(line.unitPrice, "unitPrice"))
  )
  let basis: ExactDecimal
  if (line.total !== undefined) {
    basis = nonNegative(
      ctx,
      "total",
      ctx.convert(() => toExactDecimal(line.total as MoneyInput, "total"))
    )
  } else {
    const subtotal = multiplyDecimalByQuantity(unitPrice, quantity)
    basis = subtotal
    if (line.discount !== undefined) {
      const discount = nonNegative(
        ctx,
        "discount",
        ctx.convert(() => toExactDecimal(line.discount as MoneyInput, "discount"))
      )
      if (compareDecimals(discount, subtotal) > 0) {
        ctx.fail(`discount ${showMoney(discount)} exceeds the line total ${showMoney(subtotal)} (unitPrice × quantity)`)
      }
      basis = subtractDecimals(subtotal, discount)
    }
  }
  const basisKopecks = ctx.convert(() => decimalToKopecks(basis, "half-up", "line total"))
  const added = isAddedVat(vatCode)
  const rate = BigInt(vatRateOf(vatCode))
  return {
    rounded: added ? ctx.convert(() => grossOfNet(basisKopecks, vatCode)) : basisKopecks,
    exact: {
      numerator: basis.units * (added ? 100n + rate : 100n),
      denominator: 10n ** BigInt(basis.scale) * (added ? 100n : 1n),
    },
  }
}

interface PreparedLine {
  ctx: LineContext
  template: BasketItemTemplate
  quantity: Quantity
  gross: LineGross
  /** the line's excise, kopecks; null when the line has none */
  excise: Kopecks | null
}

interface BuiltLine {
  items: BasketItem[]
  total: Kopecks
  vat: Kopecks
}

/** Validates one input line and computes its gross total. */
function prepareLine(line: BasketLineInput, index: number, defaults: BasketDefaults): PreparedLine {
  const ctx = new LineContext(index, typeof line === "object" && line !== null ? line.sku : undefined)
  if (typeof line !== "object" || line === null) ctx.fail("is not an object")
  const sku = requiredText(ctx, "sku", line.sku)
  const name = requiredText(ctx, "name", line.name)
  if (!isVatCode(line.vatCode)) ctx.fail(`vatCode ${JSON.stringify(line.vatCode)} is not an InvoiceBox VAT code`)
  const vatCode = line.vatCode
  const quantity = ctx.convert(() => toQuantity(line.quantity))
  const groupName = optionalText(ctx, "groupName", line.groupName)
  const originCountry = optionalText(ctx, "originCountry", line.originCountry)
  const originCountryCode = optionalText(ctx, "originCountryCode", line.originCountryCode)
  if (
    line.metaData !== undefined &&
    (typeof line.metaData !== "object" || line.metaData === null || Array.isArray(line.metaData))
  ) {
    ctx.fail("metaData must be a plain object")
  }

  const template: BasketItemTemplate = {
    sku,
    name,
    ...(groupName !== undefined ? { groupName } : {}),
    measure: requiredText(ctx, "measure", line.measure ?? defaults.measure),
    measureCode: requiredText(ctx, "measureCode", line.measureCode ?? defaults.measureCode),
    ...(originCountry !== undefined ? { originCountry } : {}),
    ...(originCountryCode !== undefined ? { originCountryCode } : {}),
    vatCode,
    type: checkType(ctx, line.type ?? defaults.type),
    paymentType: checkPaymentType(ctx, line.paymentType ?? defaults.paymentType),
    ...(line.categoryType !== undefined ? { categoryType: line.categoryType } : {}),
    ...(line.category !== undefined ? { category: line.category } : {}),
    ...(line.metaData !== undefined ? { metaData: line.metaData } : {}),
  }
  let excise: Kopecks | null = null
  if (line.excise !== undefined) {
    const exact = nonNegative(
      ctx,
      "excise",
      ctx.convert(() => toExactDecimal(line.excise as MoneyInput, "excise"))
    )
    excise = ctx.convert(() => decimalToKopecks(exact, "exact", "excise"))
  }
  return { ctx, template, quantity, gross: lineGrossTotal(ctx, line, quantity, vatCode), excise }
}

/** A line's excise (kopecks) shared by its parts in proportion to their quantities; the remainder to the first. */
/**
 * An excise (kopecks) shared by parts of a line in proportion to their quantities, rounded down, the
 * kopecks left one each to the first parts. `ofQuantity`: the quantity the excise is for, when the
 * parts are only some of it (a partial refund) — they then get their share of it, rounded down.
 */
export function shareExcise(excise: Kopecks, parts: readonly LinePart[], ofQuantity?: Quantity): Kopecks[] {
  const quantity = BigInt(parts.reduce((sum, part) => sum + part.quantity, 0))
  if (quantity === 0n) return parts.map(() => 0)
  const due = ofQuantity === undefined ? excise : Number((BigInt(excise) * quantity) / BigInt(ofQuantity))
  const shares = parts.map((part) => Number((BigInt(due) * BigInt(part.quantity)) / quantity))
  // fewer kopecks are left than there are parts: one more to each of the first ones
  const left = due - shares.reduce((sum, share) => sum + share, 0)
  return shares.map((share, index) => (index < left ? share + 1 : share))
}

/** The wire items of a prepared line with the given gross total (one, or 2–3 when split). */
function emitLine(prepared: PreparedLine, total: Kopecks): BuiltLine {
  const { ctx, template, quantity, excise } = prepared
  const built = ctx.convert(() => {
    const parts = splitLineTotal(total, quantity)
    const excises = excise === null ? null : shareExcise(excise, parts)
    return {
      items: parts.map((part, index) => {
        const item = basketItemFromPart(template, part)
        if (excises) item.excise = kopecksToMajor(excises[index]!)
        return item
      }),
      total,
      vat: parts.reduce((sum, part) => sum + vatOfGross(part.total, template.vatCode), 0),
    }
  })
  for (const item of built.items) {
    const problems = validateMarkedGoods(item)
    if (problems.length > 0) ctx.fail(problems.map((problem) => problem.message).join("; "))
  }
  return built
}

function prepareBasket(lines: BasketLineInput[], defaults: Partial<BasketDefaults>): PreparedLine[] {
  if (!Array.isArray(lines) || lines.length === 0) {
    throw new InvoiceboxError(
      "invalid_basket",
      "A basket needs at least one line (InvoiceBox prints the receipt from it)"
    )
  }
  const effective: BasketDefaults = { ...DEFAULT_BASKET_DEFAULTS, ...stripUndefined(defaults) }
  return lines.map((line, index) => prepareLine(line, index, effective))
}

function assemble(prepared: PreparedLine[], totals: Kopecks[]): Basket {
  const items: BasketItem[] = []
  let amount = 0
  let vatAmount = 0
  prepared.forEach((line, index) => {
    const built = emitLine(line, totals[index] ?? line.gross.rounded)
    for (const item of built.items) items.push(item)
    amount += built.total
    vatAmount += built.vat
  })
  const basket: Basket = { items, amount, vatAmount }
  assertOrderBasket({ ...basketOrderAmounts(basket), basketItems: items })
  return basket
}

/**
 * Builds the wire basket from plain lines. Every produced line passes R2–R4 and the sums are
 * returned in kopecks; the result is checked with `assertOrderBasket` before it is returned.
 */
export function buildBasket(lines: BasketLineInput[], defaults: Partial<BasketDefaults> = {}): Basket {
  const prepared = prepareBasket(lines, defaults)
  return assemble(
    prepared,
    prepared.map((line) => line.gross.rounded)
  )
}

/** Sign of (a − b) for exact kopeck amounts. */
function compareExact(a: ExactKopecks, b: ExactKopecks): number {
  const diff = a.numerator * b.denominator - b.numerator * a.denominator
  return diff === 0n ? 0 : diff < 0n ? -1 : 1
}

/** |rounded − exact| as an exact amount. */
function roundingGap(rounded: Kopecks, exact: ExactKopecks): ExactKopecks {
  const diff = BigInt(rounded) * exact.denominator - exact.numerator
  return { numerator: diff < 0n ? -diff : diff, denominator: exact.denominator }
}

/**
 * Like `buildBasket`, but the basket must total exactly `amount` (the amount the store charges,
 * e.g. Medusa's payment amount, which rounds the cart once while the basket rounds every line).
 * Lines are first rounded as in `buildBasket`; if their sum differs from `amount`, the difference
 * is spread one kopeck per line over the lines whose rounding moved them furthest from their exact
 * value in that direction (largest remainder, ties to the earlier line). No line moves by more than
 * one kopeck and none below 0. Throws `basket_amount_mismatch` with both figures when the gap is
 * larger than rounding can explain.
 */
export function buildBasketForAmount(
  lines: BasketLineInput[],
  amount: MoneyInput,
  defaults: Partial<BasketDefaults> = {}
): Basket {
  const target = toKopecks(amount, "half-up", "order amount")
  const prepared = prepareBasket(lines, defaults)
  const totals = prepared.map((line) => line.gross.rounded)
  const sum = totals.reduce((a, b) => a + b, 0)
  const gap = target - sum
  if (gap !== 0) {
    const direction = gap > 0 ? 1 : -1
    // lines rounded the other way from the gap: exact above rounded when adding, below when removing
    const candidates = prepared
      .map((line, index) => ({ index, line }))
      .filter(({ line }) => {
        const side = compareExact(line.gross.exact, { numerator: BigInt(line.gross.rounded), denominator: 1n })
        return side === direction
      })
      .sort((a, b) => {
        const byGap = compareExact(
          roundingGap(b.line.gross.rounded, b.line.gross.exact),
          roundingGap(a.line.gross.rounded, a.line.gross.exact)
        )
        return byGap !== 0 ? byGap : a.index - b.index
      })
    if (candidates.length < Math.abs(gap)) {
      throw new InvoiceboxError(
        "basket_amount_mismatch",
        `The basket lines total ${formatKopecks(sum)} but the amount to charge is ${formatKopecks(target)}: ` +
          `a difference of ${formatKopecks(Math.abs(gap))} is more than per-line rounding can explain ` +
          `(at most ${formatKopecks(candidates.length)} here); check the line prices, discounts and shipping`
      )
    }
    for (const { index } of candidates.slice(0, Math.abs(gap))) totals[index] = (totals[index] ?? 0) + direction
  }
  return assemble(prepared, totals)
}

function stripUndefined<T extends object>(value: Partial<T>): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}
