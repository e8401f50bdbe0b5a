/**
 * The basket of a refund for returned goods (a Medusa return, claim or exchange): the refund order
 * names exactly the goods returned, so the 54-FZ refund receipt lists what the buyer gave back.
 *
 * From the order's refundable lines, the goods (by sku and quantity) and the amount Medusa refunds:
 * - the amount is the goods' worth → exactly the goods' lines;
 * - it is the goods' worth plus the delivery still refundable → the goods and the delivery line;
 * - it is less (a return fee kept) → the amount spread over the goods' lines only (allocateRefund);
 * - it is more, or the goods are not on the refundable lines → the amount spread over all refundable
 *   lines, as a refund with no return behind it is (`by_amount`).
 */
import { basketForGoods, GoodsSelectionError, type WantedGoods } from "./basket-by-items"
import { kopecksToMajor, toKopecks, type Kopecks, type MoneyInput } from "./money"
import { allocateRefund } from "./refund-allocation"
import { SHIPPING_SKU_PREFIX } from "./shipment-plan"
import type { BasketItem } from "./types"

export interface GoodsRefundBasket {
  items: BasketItem[]
  amount: Kopecks
  vatAmount: Kopecks
  /** how the basket was made (see the file header) */
  basis: "goods" | "goods_and_shipping" | "within_goods" | "by_amount"
}

export function refundBasketForGoods(
  refundable: readonly BasketItem[],
  goods: readonly WantedGoods[],
  amount: MoneyInput
): GoodsRefundBasket {
  const wanted = toKopecks(amount)
  const byAmount = (): GoodsRefundBasket => ({
    ...allocateRefund(refundable, kopecksToMajor(wanted)),
    basis: "by_amount",
  })
  let onlyGoods
  try {
    onlyGoods = basketForGoods(refundable, goods)
  } catch (error) {
    if (error instanceof GoodsSelectionError) return byAmount()
    throw error
  }
  if (wanted === onlyGoods.amount) return { ...onlyGoods, basis: "goods" }
  if (wanted < onlyGoods.amount) {
    return { ...allocateRefund(onlyGoods.items, kopecksToMajor(wanted)), basis: "within_goods" }
  }
  const withShipping = basketForGoods(refundable, goods, { includeSkuPrefixes: [SHIPPING_SKU_PREFIX] })
  if (wanted === withShipping.amount) return { ...withShipping, basis: "goods_and_shipping" }
  return byAmount()
}
