/**
 * The basket arithmetic InvoiceBox checks when an order or a refund is created, done locally so a
 * wrong basket is caught, with the line named, before anything is sent. The sandbox implements the
 * same rules independently (src/sandbox/order-validation.ts).
 *
 *  R1 money has at most 2 decimals, quantity is > 0 with at most 3 decimals
 *     (reported under the code of the field's rule below).
 *  R2 totalAmount = half-up(amount × quantity, 2 decimals)            → wrong_basket_item_total_amount
 *  R3 |amountWoVat − amount × 100/(100+r)| < 0.01; r = 0: equal        → wrong_basket_item_amount_wo_vat
 *  R4 |totalVatAmount − totalAmount × r/(100+r)| < 0.01; r = 0: 0      → wrong_basket_item_total_vat_amount
 *  R5 order amount = Σ totalAmount                                       → wrong_total_amount
 *  R6 order vatAmount = Σ totalVatAmount                                 → wrong_total_vat_amount
 *
 * r is the rate of the line's VAT code (0 for VATNONE and RUS_VAT0; `_ADDED` codes use their rate).
 * Wire values are JSON numbers: they are read through their exact decimal text and compared in
 * kopecks with integer arithmetic, so there is no float tolerance anywhere. Also reported, beyond
 * R1–R6: a missing/empty basket (`invalid_basket`), a line that is not an object or has an unknown
 * VAT code (`invalid_basket_item`), and negative money (under the field's rule code).
 */
import { InvoiceboxError } from "./errors"
import {
  type Kopecks,
  type Quantity,
  formatKopecks,
  formatQuantity,
  multiplyByQuantity,
  toKopecks,
  toQuantity,
} from "./money"
import type { BasketItem } from "./types"
import { isVatCode, vatOfGross, vatRateOf } from "./vat"

export type BasketProblemCode =
  | "wrong_basket_item_total_amount"
  | "wrong_basket_item_amount_wo_vat"
  | "wrong_basket_item_total_vat_amount"
  | "wrong_total_amount"
  | "wrong_total_vat_amount"
  | "invalid_basket_item"
  | "invalid_basket"

export interface BasketProblem {
  code: BasketProblemCode
  /** index in basketItems; absent for order-level problems */
  lineIndex?: number
  sku?: string
  name?: string
  /** what the rule expects, as decimal text (for R3/R4 the nearest kopeck; ±0.01 is accepted) */
  expected: string
  /** what was sent, as text */
  actual: string
  message: string
}

/** An order (or refund order) as sent: amounts in major units, as on the wire. */
export interface OrderBasketInput {
  amount: number | string
  vatAmount: number | string
  basketItems: readonly BasketItem[]
}

export class BasketReconciliationError extends InvoiceboxError {
  readonly problems: BasketProblem[]

  constructor(problems: BasketProblem[]) {
    const shown = problems.slice(0, 5).map((p) => p.message)
    const more = problems.length > shown.length ? `; and ${problems.length - shown.length} more` : ""
    super(problems[0]?.code ?? "invalid_basket", `Basket does not add up: ${shown.join("; ")}${more}`)
    this.problems = problems
  }
}

function show(value: unknown): string {
  if (typeof value === "number" || typeof value === "string") return String(value)
  if (value === undefined) return "(missing)"
  try {
    return JSON.stringify(value) ?? typeof value
  } catch {
    return typeof value
  }
}

type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string }

function parseMoney(value: unknown): Parsed<Kopecks> {
  if (typeof value !== "number" && typeof value !== "string") return { ok: false, reason: "is not a number" }
  try {
    const kopecks = toKopecks(value, "exact")
    if (kopecks < 0) return { ok: false, reason: "is negative" }
    return { ok: true, value: kopecks }
  } catch (error) {
    return { ok: false, reason: error instanceof InvoiceboxError ? error.message : String(error) }
  }
}

function parseQuantity(value: unknown): Parsed<Quantity> {
  if (typeof value !== "number" && typeof value !== "string") return { ok: false, reason: "is not a number" }
  try {
    return { ok: true, value: toQuantity(value) }
  } catch (error) {
    return { ok: false, reason: error instanceof InvoiceboxError ? error.message : String(error) }
  }
}

/** |x·(100+r) − exact·(100+r)| < (100+r) — "strictly less than one kopeck" in integers. */
function withinOneKopeck(actualTimesDenominator: bigint, exactTimesDenominator: bigint, denominator: bigint): boolean {
  const diff = actualTimesDenominator - exactTimesDenominator
  return (diff < 0n ? -diff : diff) < denominator
}

interface LineTotals {
  total: Kopecks | null
  vat: Kopecks | null
}

function checkLine(item: unknown, index: number, problems: BasketProblem[]): LineTotals {
  if (typeof item !== "object" || item === null || Array.isArray(item)) {
    problems.push({
      code: "invalid_basket_item",
      lineIndex: index,
      expected: "a BasketItem object",
      actual: show(item),
      message: `line ${index}: not a BasketItem object`,
    })
    return { total: null, vat: null }
  }
  const line = item as Partial<Record<keyof BasketItem, unknown>>
  const sku = typeof line.sku === "string" ? line.sku : undefined
  const name = typeof line.name === "string" ? line.name : undefined
  const named = [sku !== undefined ? `sku ${JSON.stringify(sku)}` : "", name !== undefined ? JSON.stringify(name) : ""]
    .filter((part) => part !== "")
    .join(", ")
  const where = `line ${index}${named !== "" ? ` (${named})` : ""}`
  const at = { lineIndex: index, ...(sku !== undefined ? { sku } : {}), ...(name !== undefined ? { name } : {}) }
  const report = (code: BasketProblemCode, expected: string, actual: string, detail: string): void => {
    problems.push({ code, ...at, expected, actual, message: `${where}: ${detail}` })
  }

  const quantity = parseQuantity(line.quantity)
  const amount = parseMoney(line.amount)
  const amountWoVat = parseMoney(line.amountWoVat)
  const totalAmount = parseMoney(line.totalAmount)
  const totalVatAmount = parseMoney(line.totalVatAmount)
  const totalCode = "wrong_basket_item_total_amount"
  if (!quantity.ok)
    report(
      totalCode,
      "a quantity > 0 with at most 3 decimals",
      show(line.quantity),
      `quantity ${show(line.quantity)} ${quantity.reason}`
    )
  if (!amount.ok)
    report(
      totalCode,
      "money ≥ 0 with at most 2 decimals",
      show(line.amount),
      `amount ${show(line.amount)} ${amount.reason}`
    )
  if (!totalAmount.ok) {
    report(
      totalCode,
      "money ≥ 0 with at most 2 decimals",
      show(line.totalAmount),
      `totalAmount ${show(line.totalAmount)} ${totalAmount.reason}`
    )
  }
  if (!amountWoVat.ok) {
    report(
      "wrong_basket_item_amount_wo_vat",
      "money ≥ 0 with at most 2 decimals",
      show(line.amountWoVat),
      `amountWoVat ${show(line.amountWoVat)} ${amountWoVat.reason}`
    )
  }
  if (!totalVatAmount.ok) {
    report(
      "wrong_basket_item_total_vat_amount",
      "money ≥ 0 with at most 2 decimals",
      show(line.totalVatAmount),
      `totalVatAmount ${show(line.totalVatAmount)} ${totalVatAmount.reason}`
    )
  }
  const vatCode = line.vatCode
  if (!isVatCode(vatCode)) {
    report(
      "invalid_basket_item",
      "an InvoiceBox VAT code",
      show(vatCode),
      `vatCode ${show(vatCode)} is not an InvoiceBox VAT code`
    )
  }

  // R2
  if (quantity.ok && amount.ok && totalAmount.ok) {
    const expected = multiplyByQuantity(amount.value, quantity.value)
    if (expected !== totalAmount.value) {
      report(
        totalCode,
        formatKopecks(expected),
        formatKopecks(totalAmount.value),
        `totalAmount ${formatKopecks(totalAmount.value)} ≠ amount ${formatKopecks(amount.value)} × quantity ${formatQuantity(
          quantity.value
        )} = ${formatKopecks(expected)} (rounded half-up to the kopeck)`
      )
    }
  }
  if (isVatCode(vatCode)) {
    const rate = vatRateOf(vatCode)
    const denominator = BigInt(100 + rate)
    // R3
    if (amount.ok && amountWoVat.ok) {
      const expected = amount.value - vatOfGross(amount.value, vatCode)
      const fine =
        rate === 0
          ? amountWoVat.value === amount.value
          : withinOneKopeck(BigInt(amountWoVat.value) * denominator, BigInt(amount.value) * 100n, denominator)
      if (!fine) {
        report(
          "wrong_basket_item_amount_wo_vat",
          formatKopecks(expected),
          formatKopecks(amountWoVat.value),
          rate === 0
            ? `amountWoVat ${formatKopecks(amountWoVat.value)} must equal amount ${formatKopecks(amount.value)} for ${vatCode}`
            : `amountWoVat ${formatKopecks(amountWoVat.value)} is not within 0.01 of amount ${formatKopecks(
                amount.value
              )} × 100/${100 + rate} (≈ ${formatKopecks(expected)}) for ${vatCode}`
        )
      }
    }
    // R4
    if (totalAmount.ok && totalVatAmount.ok) {
      const expected = vatOfGross(totalAmount.value, vatCode)
      const fine =
        rate === 0
          ? totalVatAmount.value === 0
          : withinOneKopeck(
              BigInt(totalVatAmount.value) * denominator,
              BigInt(totalAmount.value) * BigInt(rate),
              denominator
            )
      if (!fine) {
        report(
          "wrong_basket_item_total_vat_amount",
          formatKopecks(expected),
          formatKopecks(totalVatAmount.value),
          rate === 0
            ? `totalVatAmount ${formatKopecks(totalVatAmount.value)} must be 0 for ${vatCode}`
            : `totalVatAmount ${formatKopecks(totalVatAmount.value)} is not within 0.01 of totalAmount ${formatKopecks(
                totalAmount.value
              )} × ${rate}/${100 + rate} (≈ ${formatKopecks(expected)}) for ${vatCode}`
        )
      }
    }
  }
  return { total: totalAmount.ok ? totalAmount.value : null, vat: totalVatAmount.ok ? totalVatAmount.value : null }
}

/**
 * Every problem InvoiceBox would reject the order (or refund) for, in basket order, order-level
 * problems last; an empty array when the basket adds up.
 */
export function checkOrderBasket(order: OrderBasketInput): BasketProblem[] {
  const problems: BasketProblem[] = []
  const items: unknown = order?.basketItems
  if (!Array.isArray(items) || items.length === 0) {
    problems.push({
      code: "invalid_basket",
      expected: "at least one basket item",
      actual: show(items),
      message: "basketItems must be a non-empty array",
    })
    return problems
  }
  let total: Kopecks | null = 0
  let vat: Kopecks | null = 0
  items.forEach((item: unknown, index: number) => {
    const line = checkLine(item, index, problems)
    total = total === null || line.total === null ? null : total + line.total
    vat = vat === null || line.vat === null ? null : vat + line.vat
  })

  // R5, R6 (skipped when a line's figure could not be read: that line is already reported)
  const orderLevel: Array<
    [BasketProblemCode, "amount" | "vatAmount", "totalAmount" | "totalVatAmount", Kopecks | null]
  > = [
    ["wrong_total_amount", "amount", "totalAmount", total],
    ["wrong_total_vat_amount", "vatAmount", "totalVatAmount", vat],
  ]
  for (const [code, field, lineField, sum] of orderLevel) {
    const sent = parseMoney(order[field])
    if (!sent.ok) {
      problems.push({
        code,
        expected: sum === null ? "money ≥ 0 with at most 2 decimals" : formatKopecks(sum),
        actual: show(order[field]),
        message: `order ${field} ${show(order[field])} ${sent.reason}`,
      })
    } else if (sum !== null && sent.value !== sum) {
      problems.push({
        code,
        expected: formatKopecks(sum),
        actual: formatKopecks(sent.value),
        message: `order ${field} ${formatKopecks(sent.value)} ≠ Σ ${lineField} of the lines ${formatKopecks(sum)}`,
      })
    }
  }
  return problems
}

/** Throws BasketReconciliationError (code = the first problem's) naming every problem line. */
export function assertOrderBasket(order: OrderBasketInput): void {
  const problems = checkOrderBasket(order)
  if (problems.length > 0) throw new BasketReconciliationError(problems)
}
