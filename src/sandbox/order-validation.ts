/**
 * The sandbox's own check of an order's (or refund order's) basket arithmetic, written apart from
 * the core's basket code on purpose: the sandbox plays the real API, so it must catch a core bug
 * instead of sharing it. Rules (the docs' error codes, dictionary/error.md):
 *
 *  R1 money has at most 2 decimals; quantity > 0 with at most 3 decimals
 *  R2 totalAmount = round_half_up(amount × quantity, 2)                → wrong_basket_item_total_amount
 *  R3 |amountWoVat − amount × 100/(100+r)| < 0.01 (r = 0: equal)       → wrong_basket_item_amount_wo_vat
 *  R4 |totalVatAmount − totalAmount × r/(100+r)| < 0.01 (r = 0: zero)  → wrong_basket_item_total_vat_amount
 *  R5 amount = Σ totalAmount                                            → wrong_total_amount
 *  R6 vatAmount = Σ totalVatAmount                                      → wrong_total_vat_amount
 *
 * All arithmetic is on integers (BigInt): money in kopecks, quantity in thousandths, and the
 * "< 0.01" comparisons are done on cross-multiplied integers, never on floats.
 */
import type { BasketItem } from "../invoicebox/types"

export interface ArithmeticProblem {
  code: string
  message: string
  field?: string
}

/** VAT rate in percent per code; `_ADDED` codes carry the same rate. */
export const SANDBOX_VAT_RATES: Readonly<Record<string, number>> = Object.freeze({
  VATNONE: 0,
  RUS_VAT0: 0,
  RUS_VAT5: 5,
  RUS_VAT5_ADDED: 5,
  RUS_VAT7: 7,
  RUS_VAT7_ADDED: 7,
  RUS_VAT10: 10,
  RUS_VAT10_ADDED: 10,
  RUS_VAT20: 20,
  RUS_VAT20_ADDED: 20,
  RUS_VAT22: 22,
  RUS_VAT22_ADDED: 22,
})

/**
 * A JSON number or numeric string as an integer count of 10^-scale units, or null when it has more
 * decimals than `scale` allows or is not a finite number.
 */
export function toScaledInteger(value: unknown, scale: number): bigint | null {
  if (typeof value !== "number" && typeof value !== "string") return null
  if (typeof value === "number" && !Number.isFinite(value)) return null
  const text = typeof value === "number" ? numberText(value) : value.trim()
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text)
  if (!match) return null
  const [, sign, whole, fraction = ""] = match
  const trimmed = fraction.replace(/0+$/, "")
  if (trimmed.length > scale) return null
  const units = BigInt(whole + trimmed.padEnd(scale, "0"))
  return sign === "-" ? -units : units
}

/** Plain decimal text of a JS number, expanding exponent forms like 1e-7. */
function numberText(value: number): string {
  const text = String(value)
  if (!/e/i.test(text)) return text
  const [mantissa, exponentText] = text.toLowerCase().split("e")
  const exponent = Number(exponentText)
  const negative = mantissa.startsWith("-")
  const [intPart, fracPart = ""] = mantissa.replace("-", "").split(".")
  const digits = intPart + fracPart
  const point = intPart.length + exponent
  let result: string
  if (point <= 0) result = "0." + "0".repeat(-point) + digits
  else if (point >= digits.length) result = digits + "0".repeat(point - digits.length)
  else result = digits.slice(0, point) + "." + digits.slice(point)
  return (negative ? "-" : "") + result
}

function kopecksText(k: bigint): string {
  const negative = k < 0n
  const abs = negative ? -k : k
  const whole = abs / 100n
  const cents = (abs % 100n).toString().padStart(2, "0")
  return `${negative ? "-" : ""}${whole}.${cents}`
}

/** |a/b − c| < 1 kopeck, with a/b exact: |a − c·b| < b (b > 0). */
function withinOneKopeck(numerator: bigint, denominator: bigint, candidate: bigint): boolean {
  const diff = numerator - candidate * denominator
  return (diff < 0n ? -diff : diff) < denominator
}

function problem(code: string, message: string, field?: string): ArithmeticProblem {
  return field === undefined ? { code, message } : { code, message, field }
}

/** The first arithmetic problem of the order, or null when the basket adds up. */
export function checkOrderArithmetic(order: {
  amount: number
  vatAmount: number
  basketItems: BasketItem[]
}): ArithmeticProblem | null {
  const orderAmount = toScaledInteger(order.amount, 2)
  if (orderAmount === null)
    return problem("wrong_total_amount", "amount must be a number with at most 2 decimals", "amount")
  const orderVat = toScaledInteger(order.vatAmount, 2)
  if (orderVat === null)
    return problem("wrong_total_vat_amount", "vatAmount must be a number with at most 2 decimals", "vatAmount")

  let sumTotal = 0n
  let sumVat = 0n
  for (let index = 0; index < order.basketItems.length; index++) {
    const item = order.basketItems[index]
    const at = `basketItems[${index}]`
    const label = `basket item ${index} (${item.sku})`
    const rate = SANDBOX_VAT_RATES[item.vatCode]
    if (rate === undefined)
      return problem("validation_error", `${label}: unknown vatCode ${String(item.vatCode)}`, `${at}.vatCode`)

    const quantity = toScaledInteger(item.quantity, 3)
    if (quantity === null || quantity <= 0n) {
      return problem(
        "wrong_basket_item_total_amount",
        `${label}: quantity must be > 0 with at most 3 decimals`,
        `${at}.quantity`
      )
    }
    const amount = toScaledInteger(item.amount, 2)
    const total = toScaledInteger(item.totalAmount, 2)
    if (amount === null || total === null || amount < 0n || total < 0n) {
      return problem(
        "wrong_basket_item_total_amount",
        `${label}: amount and totalAmount must be ≥ 0 with at most 2 decimals`,
        `${at}.totalAmount`
      )
    }
    // R2: amount (kopecks) × quantity (thousandths) = kopecks × 1000; round half up to kopecks.
    const product = amount * quantity
    const expectedTotal = (product + 500n) / 1000n
    if (total !== expectedTotal) {
      return problem(
        "wrong_basket_item_total_amount",
        `${label}: totalAmount ${kopecksText(total)} ≠ amount × quantity = ${kopecksText(expectedTotal)}`,
        `${at}.totalAmount`
      )
    }

    const amountWoVat = toScaledInteger(item.amountWoVat, 2)
    if (amountWoVat === null || amountWoVat < 0n) {
      return problem(
        "wrong_basket_item_amount_wo_vat",
        `${label}: amountWoVat must be ≥ 0 with at most 2 decimals`,
        `${at}.amountWoVat`
      )
    }
    // R3: amountWoVat ≈ amount × 100 / (100 + r)
    const r = BigInt(rate)
    const woVatOk = rate === 0 ? amountWoVat === amount : withinOneKopeck(amount * 100n, 100n + r, amountWoVat)
    if (!woVatOk) {
      return problem(
        "wrong_basket_item_amount_wo_vat",
        `${label}: amountWoVat ${kopecksText(amountWoVat)} does not match amount ${kopecksText(amount)} at ${rate} %`,
        `${at}.amountWoVat`
      )
    }

    const totalVat = toScaledInteger(item.totalVatAmount, 2)
    if (totalVat === null || totalVat < 0n) {
      return problem(
        "wrong_basket_item_total_vat_amount",
        `${label}: totalVatAmount must be ≥ 0 with at most 2 decimals`,
        `${at}.totalVatAmount`
      )
    }
    // R4: totalVatAmount ≈ totalAmount × r / (100 + r)
    const vatOk = rate === 0 ? totalVat === 0n : withinOneKopeck(total * r, 100n + r, totalVat)
    if (!vatOk) {
      return problem(
        "wrong_basket_item_total_vat_amount",
        `${label}: totalVatAmount ${kopecksText(totalVat)} does not match totalAmount ${kopecksText(total)} at ${rate} %`,
        `${at}.totalVatAmount`
      )
    }
    sumTotal += total
    sumVat += totalVat
  }

  if (orderAmount !== sumTotal) {
    return problem(
      "wrong_total_amount",
      `amount ${kopecksText(orderAmount)} ≠ Σ totalAmount ${kopecksText(sumTotal)}`,
      "amount"
    )
  }
  if (orderVat !== sumVat) {
    return problem(
      "wrong_total_vat_amount",
      `vatAmount ${kopecksText(orderVat)} ≠ Σ totalVatAmount ${kopecksText(sumVat)}`,
      "vatAmount"
    )
  }
  return null
}
