/**
 * One basket line's figures in integer units (kopecks, thousandths of a unit), read and checked once
 * for the modules that cut lines into parts (refund-allocation.ts, basket-by-items.ts), and R4, the
 * VAT rule every part must keep.
 */
import type { BasketItemTemplate } from "./basket"
import { toKopecks, toQuantity, type Kopecks, type Quantity } from "./money"
import type { RefundableBasketItem, VatCode } from "./types"
import { isVatCode, vatOfGross, vatRateOf } from "./vat"

/** One line's figures in integer units: what is left of it. */
export interface BasketLineFigures {
  index: number
  sku: string
  template: BasketItemTemplate
  /** unit price, kopecks */
  amount: Kopecks
  /** thousandths; 0 when nothing is left */
  quantity: Quantity
  /** kopecks; 0 when quantity is 0 */
  total: Kopecks
  /** kopecks; 0 when quantity is 0 */
  vat: Kopecks
  /** the excise included in what is left of the line, kopecks; null when the line names none */
  excise: Kopecks | null
}

/** R4: |vat − total × r/(100+r)| < 1 kopeck (r = 0: vat = 0). */
export function withinOneKopeck(vat: Kopecks, total: Kopecks, code: VatCode): boolean {
  const rate = BigInt(vatRateOf(code))
  if (rate === 0n) return vat === 0
  const diff = BigInt(vat) * (100n + rate) - BigInt(total) * rate
  return (diff < 0n ? -diff : diff) < 100n + rate
}

/**
 * Reads a basket item (or a refundable line, whose `availableAmount` / `availableVatAmount` say what
 * is left of it) into kopecks and thousandths. `what` names its list in messages (`Refundable line 2
 * (sku "TEA"): …`); `fail` throws the caller's error with such a message.
 */
export function readBasketLine(
  item: RefundableBasketItem,
  index: number,
  what: string,
  fail: (message: string, cause?: unknown) => never
): BasketLineFigures {
  const label = `${what} ${index}${typeof item?.sku === "string" ? ` (sku ${JSON.stringify(item.sku)})` : ""}`
  const bad = (detail: string, cause?: unknown): never => fail(`${label}: ${detail}`, cause)
  if (typeof item !== "object" || item === null) return bad("is not a BasketItem object")
  if (typeof item.sku !== "string" || item.sku === "") return bad("sku must be a non-empty string")
  if (!isVatCode(item.vatCode)) return bad(`vatCode ${JSON.stringify(item.vatCode)} is not an InvoiceBox VAT code`)
  const money = (
    field: "amount" | "totalAmount" | "totalVatAmount" | "availableAmount" | "availableVatAmount" | "excise"
  ) => {
    let value: Kopecks
    try {
      value = toKopecks(item[field] as number, "exact", field)
    } catch (error) {
      return bad(error instanceof Error ? error.message : String(error), error)
    }
    return value < 0 ? bad(`${field} ${String(item[field])} is negative`) : value
  }
  const amount = money("amount")
  let total = money("totalAmount")
  let vat = money("totalVatAmount")
  let quantity: Quantity = 0
  if (item.quantity !== 0) {
    try {
      quantity = toQuantity(item.quantity)
    } catch (error) {
      bad(error instanceof Error ? error.message : String(error), error)
    }
  }
  if (item.availableAmount !== undefined && item.availableAmount !== null) {
    const available = money("availableAmount")
    // nothing left of a line that had money: refunded in full
    if (available === 0 && total > 0) quantity = 0
    vat =
      item.availableVatAmount !== undefined && item.availableVatAmount !== null
        ? money("availableVatAmount")
        : vatOfGross(available, item.vatCode)
    total = available
  }
  const excise = item.excise === undefined || item.excise === null ? null : money("excise")
  const {
    quantity: _q,
    amount: _a,
    amountWoVat: _w,
    totalAmount: _t,
    totalVatAmount: _v,
    availableAmount: _aa,
    availableVatAmount: _av,
    excise: _e,
    ...template
  } = item
  return {
    index,
    sku: item.sku,
    template,
    amount,
    quantity,
    total: quantity === 0 ? 0 : total,
    vat: quantity === 0 ? 0 : vat,
    excise: excise === null ? null : quantity === 0 ? 0 : excise,
  }
}
