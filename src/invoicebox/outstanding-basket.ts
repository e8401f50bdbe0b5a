/**
 * The basket of an invoice for what is still owed on an order (an order edit that added goods, a
 * draft order, an exchange): the order's basket minus the baskets already paid, as lines for the
 * basket builder — exactly the added goods, with their own names and VAT — when that adds up to the
 * amount owed, to the kopeck; otherwise one line for the amount named by the caller (e.g. «Доплата
 * по заказу №42»).
 *
 * Delivery lines are named by the id of their shipping method, which differs between the cart that
 * was paid and the order it became: a paid delivery line takes the order's delivery line with the
 * same name and total.
 */
import type { BasketLineInput } from "./basket"
import { GoodsSelectionError, remainingBasket } from "./basket-by-items"
import { kopecksToMajor, toKopecks, type MoneyInput } from "./money"
import type { BasketItem } from "./types"

export interface OutstandingBasket {
  lines: BasketLineInput[]
  /** true when the lines are the goods themselves, false for the single line for the amount */
  itemized: boolean
  /** why the goods could not be named (itemized false) */
  reason?: string
}

export interface OutstandingBasketOptions {
  /** the sku prefix of delivery lines (cart-basket.ts: `shipping-`) */
  deliverySkuPrefix?: string
}

/** A basket item as builder input: its figures kept (the line total with VAT), re-split if needed. */
export function lineOfBasketItem(item: BasketItem): BasketLineInput {
  return {
    sku: item.sku,
    name: item.name,
    unitPrice: item.amount,
    quantity: item.quantity,
    grossTotal: item.totalAmount,
    vatCode: item.vatCode,
    type: item.type,
    paymentType: item.paymentType,
    measure: item.measure,
    measureCode: item.measureCode,
    ...(item.originCountry ? { originCountry: item.originCountry } : {}),
    ...(item.originCountryCode ? { originCountryCode: item.originCountryCode } : {}),
    ...(item.categoryType ? { categoryType: item.categoryType } : {}),
    ...(item.category ? { category: item.category } : {}),
    ...(item.excise !== undefined ? { excise: item.excise } : {}),
  }
}

/** Paid delivery lines renamed to the sku of the order's delivery line with the same name and total. */
function matchDelivery(order: readonly BasketItem[], paid: readonly BasketItem[], prefix: string): BasketItem[] {
  const free = order.filter((item) => item.sku.startsWith(prefix))
  return paid.map((item) => {
    if (!item.sku.startsWith(prefix)) return item
    const at = free.findIndex(
      (candidate) =>
        candidate.name === item.name &&
        toKopecks(candidate.totalAmount, "half-up") === toKopecks(item.totalAmount, "half-up")
    )
    if (at < 0) return item
    const [match] = free.splice(at, 1)
    return { ...item, sku: match!.sku }
  })
}

export function outstandingBasketLines(
  orderBasket: readonly BasketItem[],
  paidBaskets: ReadonlyArray<readonly BasketItem[]>,
  outstanding: MoneyInput,
  fallback: BasketLineInput,
  options: OutstandingBasketOptions = {}
): OutstandingBasket {
  const single = (reason: string): OutstandingBasket => ({ lines: [fallback], itemized: false, reason })
  const paid = matchDelivery(orderBasket, paidBaskets.flat(), options.deliverySkuPrefix ?? "shipping-")
  let rest: BasketItem[]
  try {
    rest = remainingBasket(orderBasket, paid)
  } catch (error) {
    // the paid goods are not (all) on the order any more: the goods owed cannot be named
    if (error instanceof GoodsSelectionError) return single(error.message)
    throw error
  }
  const owed = toKopecks(outstanding, "half-up", "outstanding amount")
  const total = rest.reduce((sum, item) => sum + toKopecks(item.totalAmount, "half-up"), 0)
  if (rest.length === 0) return single("the order's basket holds nothing beyond what was paid")
  if (total !== owed) {
    return single(`the goods not paid for come to ${kopecksToMajor(total)}, the order owes ${kopecksToMajor(owed)}`)
  }
  return { lines: rest.map(lineOfBasketItem), itemized: true }
}
