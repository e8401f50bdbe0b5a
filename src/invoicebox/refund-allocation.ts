/**
 * Refund allocation: from an order's refundable lines (GET .../order/:id/refund-basket-item) and
 * a refund amount, the refund order's basket (merchant/refund/create.md) — exact to the kopeck and
 * never more than a line still allows.
 *
 * Rules:
 * - The refund lines sum exactly to the amount; each one passes R2–R4 (see basket-reconcile.ts). A
 *   line refunded whole gives back the VAT still on it (its totalVatAmount, when that passes R4), so
 *   a line's refunds never add up to more VAT than was paid; a part of a line gets its VAT recomputed
 *   by the builder's rule (half-up of gross × r/(100+r)).
 * - Whole refundable lines are taken first, in the given order. The next line is refunded in part:
 *   as many whole units at the line's unit price as fit, plus one reduced line for the rest — one
 *   unit at a reduced price, or the remaining fraction of a fractional quantity at a price that makes
 *   its total exact. If the refundable line is inconsistent (its total is not amount × quantity, as
 *   after an earlier partial refund), the part is spread over the line's quantity instead.
 *   Either way, per refundable line, the refunded quantity ≤ its quantity and the refunded money
 *   ≤ its totalAmount.
 * - A full refund (amount = Σ totalAmount) returns every line, zero-priced ones included; a partial
 *   refund skips zero-total lines. Lines with quantity 0 refund nothing.
 *
 * Error codes (RefundAllocationError): `invalid_refund_amount` (amount ≤ 0 or unreadable),
 * `refund_exceeds_refundable` (with both figures), `invalid_refundable_item` (a refundable line that
 * cannot be read; names the line).
 */
import { readBasketLine, withinOneKopeck, type BasketLineFigures } from "./basket-line"
import { basketItemFromPart, shareExcise, splitLineTotal, unitAmountFor, type LinePart } from "./basket"
import { InvoiceboxError } from "./errors"
import {
  type Kopecks,
  type MoneyInput,
  type Rounding,
  formatKopecks,
  kopecksToMajor,
  multiplyByQuantity,
  toKopecks,
} from "./money"
import type { BasketItem } from "./types"
import { vatOfGross } from "./vat"

export class RefundAllocationError extends InvoiceboxError {}

export interface RefundAllocationOptions {
  /** how the amount is read: "half-up" (default) rounds to the kopeck, "exact" refuses sub-kopeck digits */
  rounding?: Rounding
}

export interface RefundAllocation {
  /** refund basket items, ready for CreateRefundOrderRequest.basketItems */
  items: BasketItem[]
  /** Σ totalAmount = the requested amount, kopecks */
  amount: Kopecks
  /** Σ totalVatAmount, kopecks */
  vatAmount: Kopecks
  /** for each item, the index of the refundable line it comes from */
  sourceLineIndexes: number[]
}

type RefundableLine = BasketLineFigures

function readLine(item: BasketItem, index: number): RefundableLine {
  return readBasketLine(item, index, "Refundable line", (message, cause) => {
    throw new RefundAllocationError("invalid_refundable_item", message, { cause })
  })
}

/** Σ of what can still be refunded (lines with quantity > 0), kopecks. */
export function refundableTotal(refundable: readonly BasketItem[]): Kopecks {
  return refundable.map(readLine).reduce((sum, line) => sum + line.total, 0)
}

/** The whole refundable line as refund parts. */
function wholeLine(line: RefundableLine): LinePart[] {
  if (multiplyByQuantity(line.amount, line.quantity) === line.total) {
    return [{ amount: line.amount, quantity: line.quantity, total: line.total }]
  }
  return splitLineTotal(line.total, line.quantity)
}

/** `rest` (0 < rest < line.total) of a refundable line as refund parts. */
function partOfLine(line: RefundableLine, rest: Kopecks): LinePart[] {
  if (line.amount > 0) {
    const units = Math.min(Math.floor(rest / line.amount), Math.floor(line.quantity / 1000))
    const reduced = rest - units * line.amount
    const parts: LinePart[] =
      units > 0 ? [{ amount: line.amount, quantity: units * 1000, total: units * line.amount }] : []
    if (reduced === 0) return parts
    const quantityLeft = line.quantity - units * 1000
    if (quantityLeft >= 1000) return [...parts, { amount: reduced, quantity: 1000, total: reduced }]
    if (quantityLeft > 0) {
      const price = unitAmountFor(reduced, quantityLeft)
      if (price !== null) return [...parts, { amount: price, quantity: quantityLeft, total: reduced }]
    }
  }
  return splitLineTotal(rest, line.quantity)
}

/**
 * Refund lines for `amount` (major units, any MoneyInput) within `refundable` (the order's
 * refundable basket items). See the file header for the rules.
 */
export function allocateRefund(
  refundable: readonly BasketItem[],
  amount: MoneyInput,
  options: RefundAllocationOptions = {}
): RefundAllocation {
  let requested: Kopecks
  try {
    requested = toKopecks(amount, options.rounding ?? "half-up", "refund amount")
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    throw new RefundAllocationError("invalid_refund_amount", message, { cause: error })
  }
  if (requested <= 0) {
    throw new RefundAllocationError(
      "invalid_refund_amount",
      `Refund amount ${formatKopecks(requested)} must be greater than 0`
    )
  }
  if (!Array.isArray(refundable)) {
    throw new RefundAllocationError("invalid_refundable_item", "The refundable basket items must be an array")
  }
  const lines = refundable.map(readLine)
  const available = lines.reduce((sum, line) => sum + line.total, 0)
  if (requested > available) {
    throw new RefundAllocationError(
      "refund_exceeds_refundable",
      `Refund amount ${formatKopecks(requested)} exceeds what is still refundable, ${formatKopecks(available)}`
    )
  }

  const items: BasketItem[] = []
  const sourceLineIndexes: number[] = []
  let vatAmount = 0
  /**
   * A whole line gives back the VAT still on it (so refunds never add up to more VAT than was paid,
   * whatever earlier partial refunds rounded); a part of a line gets its VAT recomputed.
   */
  const emit = (line: RefundableLine, parts: LinePart[], whole: boolean): void => {
    let vatLeft = line.vat
    // a part refunds its share of the line's excise, never the whole of it
    const excises = line.excise === null ? null : shareExcise(line.excise, parts, whole ? undefined : line.quantity)
    parts.forEach((part, i) => {
      const item = basketItemFromPart(line.template, part)
      if (excises) item.excise = kopecksToMajor(excises[i]!)
      let vat = vatOfGross(part.total, line.template.vatCode)
      if (whole && i === parts.length - 1 && withinOneKopeck(vatLeft, part.total, line.template.vatCode)) {
        vat = vatLeft
        item.totalVatAmount = kopecksToMajor(vat)
      }
      vatLeft -= vat
      items.push(item)
      sourceLineIndexes.push(line.index)
      vatAmount += vat
    })
  }

  const full = requested === available
  let rest = requested
  for (const line of lines) {
    if (line.quantity === 0) continue
    if (full) {
      emit(line, wholeLine(line), true)
      continue
    }
    if (rest === 0) break
    if (line.total === 0) continue
    if (line.total <= rest) {
      emit(line, wholeLine(line), true)
      rest -= line.total
    } else {
      emit(line, partOfLine(line, rest), false)
      rest = 0
    }
  }
  return { items, amount: requested, vatAmount, sourceLineIndexes }
}
