/**
 * Basket lines by goods and quantities: the basket of a refund order that names exactly the goods
 * returned (merchant/refund/create.md, from the order's refundable lines) and of a shipment
 * («отгрузка», merchant/order/shipment_create.md) that lists exactly the goods of one fulfilment
 * (from the order's basket minus what earlier shipments listed: `remainingBasket`).
 *
 * Rules (kopeck-exact; the same arithmetic as basket.ts and refund-allocation.ts):
 * - Goods are named by sku. The same sku may be on several lines (the builder splits 3 × 33.34 into
 *   1 × 33.34 + 2 × 33.33, or the cart has it at two prices): they are taken from in order, a line
 *   whole before the next one is touched. Several wanted entries of one sku add up. Zero-total lines
 *   (a free gift) are taken like any other.
 * - A line taken whole keeps its total and VAT (for a refundable line: `availableAmount` /
 *   `availableVatAmount` when present). A line whose total is not amount × quantity (after an
 *   earlier part) is re-split with `splitLineTotal`, its VAT spread over the pieces exactly.
 * - A part of a line: the wanted quantity at the line's unit price (half-up(amount × quantity), one
 *   line); when the line's total is not amount × quantity, the quantity's share of the total,
 *   split by `splitLineTotal`. So a part never takes more quantity or money than the line has, and
 *   what stays on the line is the line's total minus the part.
 * - A part's VAT is the builder's half-up of its total × r/(100+r), unless the VAT left on the line
 *   would then fail R4 for the rest of the line: then the other kopeck figure R4 allows for the part
 *   (one of the two always leaves a rest that passes). So when a line is used up part by part
 *   (shipment by shipment: `remainingBasket` then `basketForGoods`), the last part takes the rest of
 *   the total and of the VAT and still passes R4: the parts add up to the line's total and VAT with
 *   no drift. (Half-up alone could leave the last part more than a kopeck off, or negative: 4 units
 *   of 0.03 at 20 % carry 0.02 VAT, four half-up parts 0.04.)
 * - An `excise` on a line is shared by quantity: a part gets its share rounded down, the pieces of
 *   a re-split line share theirs as basket.ts does (remainder to the first), the last part the rest.
 * - `remainingBasket` gives ONE line per basket line still holding goods, so that the next part is
 *   taken against all that is left of that line (splitting the rest into several lines would let
 *   their VAT roundings add up). Such a line may fail R2 as it stands (100.00 left on 3 units): it
 *   is input for `basketForGoods`, which re-splits it when it is taken, not a basket to send.
 * - Every basket `basketForGoods` returns is checked with `assertOrderBasket` (R2–R6) first.
 *
 * Error codes (GoodsSelectionError; messages name the sku and the figures): `invalid_goods` (the
 * wanted list or an entry cannot be read, or nothing is picked), `invalid_goods_quantity` (≤ 0,
 * more than 3 decimals, not a number), `unknown_goods` (a sku on no line), `goods_exceed_available`
 * (more quantity, or for shipped goods more money, than the lines hold), `shipped_goods_mismatch`
 * (the shipped lines take a sku's whole quantity but not its whole money or VAT),
 * `invalid_basket_item` (a line that cannot be read; names the line).
 */
import { readBasketLine, withinOneKopeck, type BasketLineFigures } from "./basket-line"
import { assertOrderBasket } from "./basket-reconcile"
import {
  basketItemFromPart,
  shareExcise,
  splitLineTotal,
  unitAmountFor,
  type BasketItemTemplate,
  type LinePart,
} from "./basket"
import { InvoiceboxError } from "./errors"
import {
  type Kopecks,
  type Quantity,
  divideHalfUp,
  formatKopecks,
  formatQuantity,
  kopecksToMajor,
  multiplyByQuantity,
  toQuantity,
} from "./money"
import type { BasketItem, RefundableBasketItem, VatCode } from "./types"
import { vatOfGross, vatRateOf } from "./vat"

export class GoodsSelectionError extends InvoiceboxError {}

/** Goods to pick: a sku and how much of it (`3`, `"1.5"` kg; at most 3 decimals). */
export interface WantedGoods {
  sku: string
  quantity: number | string
}

export interface BasketForGoodsOptions {
  /**
   * Lines whose sku starts with one of these (e.g. `"shipping-"`, the cart's delivery lines) are
   * taken whole as well, unless a wanted entry names their sku.
   */
  includeSkuPrefixes?: readonly string[]
}

export interface PickedBasket {
  /** basket items, ready for a refund order's or a shipment's basketItems */
  items: BasketItem[]
  /** Σ totalAmount, kopecks */
  amount: Kopecks
  /** Σ totalVatAmount, kopecks */
  vatAmount: Kopecks
  /** for each item, the index of the available line it comes from */
  sourceLineIndexes: number[]
}

/** One line's figures in integer units: what is left of it. */
type Line = BasketLineFigures

/** A piece of a picked line: R2 figures, its VAT and its share of the line's excise. */
interface Piece {
  part: LinePart
  vat: Kopecks
  excise: Kopecks | null
}

function fail(code: string, message: string, cause?: unknown): never {
  throw new GoodsSelectionError(code, message, { cause })
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function readLines(items: readonly RefundableBasketItem[], what: string, list: string): Line[] {
  if (!Array.isArray(items)) fail("invalid_basket_item", `${list} must be an array of basket items`)
  return items.map((item, index) =>
    readBasketLine(item, index, what, (message, cause) => fail("invalid_basket_item", message, cause))
  )
}

/**
 * The VAT of `part` kopecks taken from a line holding `total` with `vat`: the builder's half-up of
 * part × r/(100+r), unless the line's VAT left, `vat − result`, would then fail R4 for the rest of
 * the line; then the other kopeck figure R4 allows for the part. Only called when `vat` passes R4
 * for `total`, and then one of the two figures always leaves a rest that passes R4 too.
 */
function vatOfPart(part: Kopecks, total: Kopecks, vat: Kopecks, code: VatCode): Kopecks {
  const builders = vatOfGross(part, code)
  if (withinOneKopeck(vat - builders, total - part, code)) return builders
  const rate = BigInt(vatRateOf(code))
  const exact = BigInt(part) * rate
  const low = Number(exact / (100n + rate))
  return builders === low ? low + 1 : low
}

/**
 * Spreads `vat` (the VAT of `total` = Σ parts' totals) over the parts exactly, each within R4; when
 * `vat` itself does not pass R4 for `total` (a line that did not add up), every part gets the
 * builder's half-up VAT instead.
 */
function withVat(
  parts: readonly LinePart[],
  total: Kopecks,
  vat: Kopecks,
  code: VatCode,
  excise: Kopecks | null
): Piece[] {
  const excises = excisesOf(excise, parts)
  if (!withinOneKopeck(vat, total, code)) {
    return parts.map((part, i) => ({ part, vat: vatOfGross(part.total, code), excise: excises[i] ?? null }))
  }
  let totalLeft = total
  let vatLeft = vat
  return parts.map((part, i) => {
    const partVat = i === parts.length - 1 ? vatLeft : vatOfPart(part.total, totalLeft, vatLeft, code)
    totalLeft -= part.total
    vatLeft -= partVat
    return { part, vat: partVat, excise: excises[i] ?? null }
  })
}

/** The line's excise shared by its parts (basket.ts's rule); nulls when the line names none. */
function excisesOf(excise: Kopecks | null, parts: readonly LinePart[]): Array<Kopecks | null> {
  return excise === null ? parts.map(() => null) : shareExcise(excise, parts)
}

/** True when the line's total is its unit price × quantity (R2). */
function atUnitPrice(line: Line, quantity: Quantity, total: Kopecks): boolean {
  return multiplyByQuantity(line.amount, quantity) === total
}

/** What is left of a line, whole, as pieces: one at its unit price, or re-split when it does not add up. */
function wholeLine(line: Line): Piece[] {
  const parts = atUnitPrice(line, line.quantity, line.total)
    ? [{ amount: line.amount, quantity: line.quantity, total: line.total }]
    : splitLineTotal(line.total, line.quantity)
  return withVat(parts, line.total, line.vat, line.template.vatCode, line.excise)
}

/** `quantity` (0 < quantity < line.quantity) of a line as pieces. */
function partOfLine(line: Line, quantity: Quantity): Piece[] {
  const code = line.template.vatCode
  const regular = atUnitPrice(line, line.quantity, line.total)
  const total = regular
    ? multiplyByQuantity(line.amount, quantity)
    : Number(divideHalfUp(BigInt(line.total) * BigInt(quantity), BigInt(line.quantity)))
  const parts = regular ? [{ amount: line.amount, quantity, total }] : splitLineTotal(total, quantity)
  const vat = withinOneKopeck(line.vat, line.total, code)
    ? vatOfPart(total, line.total, line.vat, code)
    : vatOfGross(total, code)
  // the excise in proportion to the quantity, rounded down: what is left stays on the line
  const excise = line.excise === null ? null : Number((BigInt(line.excise) * BigInt(quantity)) / BigInt(line.quantity))
  return withVat(parts, total, vat, code, excise)
}

/** A wire item from a piece; its totalVatAmount is the piece's VAT, its excise the piece's share. */
function itemOf(template: BasketItemTemplate, piece: Piece): BasketItem {
  const item = basketItemFromPart(template, piece.part)
  item.totalVatAmount = kopecksToMajor(piece.vat)
  if (piece.excise !== null) item.excise = kopecksToMajor(piece.excise)
  return item
}

function skuText(sku: string): string {
  return JSON.stringify(sku)
}

/** Wanted quantities per sku, in the order the skus are first named. */
function readWanted(wanted: readonly WantedGoods[]): Map<string, Quantity> {
  if (!Array.isArray(wanted)) fail("invalid_goods", "The wanted goods must be an array of { sku, quantity }")
  const bySku = new Map<string, Quantity>()
  wanted.forEach((entry: unknown, index) => {
    if (typeof entry !== "object" || entry === null) fail("invalid_goods", `Wanted goods ${index} is not an object`)
    const { sku, quantity } = entry as Partial<WantedGoods>
    if (typeof sku !== "string" || sku === "") {
      fail("invalid_goods", `Wanted goods ${index}: sku ${JSON.stringify(sku)} must be a non-empty string`)
    }
    let milli: Quantity
    try {
      milli = toQuantity(quantity as number | string, `quantity of sku ${skuText(sku)}`)
    } catch (error) {
      return fail("invalid_goods_quantity", `Wanted goods ${index}: ${messageOf(error)}`, error)
    }
    bySku.set(sku, (bySku.get(sku) ?? 0) + milli)
  })
  return bySku
}

/**
 * The basket lines for exactly the wanted goods, taken from `available` (an order's refundable
 * lines, or what is left of its basket: `remainingBasket`). See the file header for the rules.
 */
export function basketForGoods(
  available: readonly RefundableBasketItem[],
  wanted: readonly WantedGoods[],
  options: BasketForGoodsOptions = {}
): PickedBasket {
  const lines = readLines(available, "Available line", "The available lines")
  const want = readWanted(wanted)
  const prefixes = options.includeSkuPrefixes ?? []

  /** quantity to take per line index */
  const take = new Map<number, Quantity>()
  for (const [sku, quantity] of want) {
    const ofSku = lines.filter((line) => line.sku === sku)
    if (ofSku.length === 0) {
      fail("unknown_goods", `sku ${skuText(sku)} is on none of the ${lines.length} available lines`)
    }
    const held = ofSku.reduce((sum, line) => sum + line.quantity, 0)
    if (quantity > held) {
      fail(
        "goods_exceed_available",
        `sku ${skuText(sku)}: ${formatQuantity(quantity)} wanted, only ${formatQuantity(held)} available ` +
          `(lines ${ofSku.map((line) => line.index).join(", ")})`
      )
    }
    let rest = quantity
    for (const line of ofSku) {
      if (rest === 0) break
      const taken = Math.min(rest, line.quantity)
      if (taken > 0) take.set(line.index, taken)
      rest -= taken
    }
  }
  for (const line of lines) {
    if (line.quantity > 0 && !want.has(line.sku) && prefixes.some((prefix) => line.sku.startsWith(prefix))) {
      take.set(line.index, line.quantity)
    }
  }
  if (take.size === 0) fail("invalid_goods", "No goods were named: a refund or shipment basket needs at least one line")

  const items: BasketItem[] = []
  const sourceLineIndexes: number[] = []
  let amount = 0
  let vatAmount = 0
  for (const line of lines) {
    const quantity = take.get(line.index)
    if (quantity === undefined) continue
    const pieces = quantity === line.quantity ? wholeLine(line) : partOfLine(line, quantity)
    for (const piece of pieces) {
      items.push(itemOf(line.template, piece))
      sourceLineIndexes.push(line.index)
      amount += piece.part.total
      vatAmount += piece.vat
    }
  }
  assertOrderBasket({ amount: kopecksToMajor(amount), vatAmount: kopecksToMajor(vatAmount), basketItems: items })
  return { items, amount, vatAmount, sourceLineIndexes }
}

/**
 * What is left of an order's basket after the goods of earlier shipments (or refunds), for
 * `basketForGoods`; matched by sku: per sku, the shipped quantity uses up its lines in order, and
 * the line it stops in keeps the sku's money and VAT minus what was shipped, to the kopeck.
 * Untouched lines come back as they were; used-up lines are left out. A line shipped in part stays
 * ONE line (its parts are then taken against all that is left of it, which keeps the VAT exact): at
 * its unit price when the rest is still amount × quantity, else at a price that makes it so, and when
 * none does (100.00 left on 3 units) with its unit price and the rest as totalAmount — such a line
 * fails R2 as it stands; `basketForGoods` re-splits it when it is taken.
 */
export function remainingBasket(basket: readonly BasketItem[], shipped: readonly BasketItem[]): BasketItem[] {
  const lines = readLines(basket, "Basket line", "The basket")
  const done = readLines(shipped, "Shipped line", "The shipped lines")

  const shippedBySku = new Map<string, { quantity: Quantity; total: Kopecks; vat: Kopecks; excise: Kopecks }>()
  for (const line of done) {
    if (!lines.some((basketLine) => basketLine.sku === line.sku)) {
      fail("unknown_goods", `Shipped line ${line.index}: sku ${skuText(line.sku)} is not in the basket`)
    }
    const sum = shippedBySku.get(line.sku) ?? { quantity: 0, total: 0, vat: 0, excise: 0 }
    shippedBySku.set(line.sku, {
      quantity: sum.quantity + line.quantity,
      total: sum.total + line.total,
      vat: sum.vat + line.vat,
      excise: sum.excise + (line.excise ?? 0),
    })
  }

  /** the lines left, by index: the figures for changed ones; untouched ones are absent */
  const changed = new Map<number, Line>()
  const gone = new Set<number>()
  for (const [sku, sent] of shippedBySku) {
    const ofSku = lines.filter((line) => line.sku === sku && line.quantity > 0)
    const held = ofSku.reduce((sum, line) => sum + line.quantity, 0)
    const heldTotal = ofSku.reduce((sum, line) => sum + line.total, 0)
    const heldVat = ofSku.reduce((sum, line) => sum + line.vat, 0)
    const figures = `${formatQuantity(sent.quantity)} for ${formatKopecks(sent.total)} (VAT ${formatKopecks(sent.vat)})`
    const inBasket = `${formatQuantity(held)} for ${formatKopecks(heldTotal)} (VAT ${formatKopecks(heldVat)})`
    if (sent.quantity > held || sent.total > heldTotal || sent.vat > heldVat) {
      fail("goods_exceed_available", `sku ${skuText(sku)}: shipped ${figures}, more than the basket's ${inBasket}`)
    }
    let rest = sent.quantity
    let poolTotal = 0
    let poolVat = 0
    let poolExcise = 0
    let stop: Line | undefined
    for (const line of ofSku) {
      poolTotal += line.total
      poolVat += line.vat
      poolExcise += line.excise ?? 0
      if (rest >= line.quantity) {
        rest -= line.quantity
        gone.add(line.index)
        continue
      }
      stop = line
      break
    }
    if (stop === undefined) {
      if (sent.total !== heldTotal || sent.vat !== heldVat) {
        fail(
          "shipped_goods_mismatch",
          `sku ${skuText(sku)}: shipped ${figures}, the basket's whole quantity but not its ${inBasket}`
        )
      }
      continue
    }
    const left: Line = {
      ...stop,
      quantity: stop.quantity - rest,
      total: poolTotal - sent.total,
      vat: poolVat - sent.vat,
      // the excise is no part of the money: earlier shipments that did not name it leave it all here
      excise: stop.excise === null ? null : Math.max(0, poolExcise - sent.excise),
    }
    if (left.total < 0 || left.vat < 0) {
      const used = ofSku.filter((line) => line.index <= stop.index)
      fail(
        "goods_exceed_available",
        `sku ${skuText(sku)}: shipped ${figures}, more money than its basket lines ` +
          `${used.map((line) => line.index).join(", ")} hold (${formatKopecks(poolTotal)}, VAT ${formatKopecks(poolVat)})`
      )
    }
    if (
      left.quantity !== stop.quantity ||
      left.total !== stop.total ||
      left.vat !== stop.vat ||
      left.excise !== stop.excise
    ) {
      changed.set(stop.index, left)
    }
  }

  const items: BasketItem[] = []
  lines.forEach((line, index) => {
    if (line.quantity === 0 || gone.has(index)) return
    const left = changed.get(index)
    if (left === undefined) {
      items.push({ ...(basket[index] as BasketItem) })
      return
    }
    // one line per basket line, so that its next part is taken against all that is left of it
    const price = atUnitPrice(left, left.quantity, left.total)
      ? left.amount
      : (unitAmountFor(left.total, left.quantity) ?? left.amount)
    const part = { amount: price, quantity: left.quantity, total: left.total }
    items.push(itemOf(left.template, { part, vat: left.vat, excise: left.excise }))
  })
  return items
}
