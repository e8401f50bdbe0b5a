/**
 * The shipment («отгрузка», merchant/order/shipment_create.md) of one delivery of an order's goods:
 * exactly the goods delivered, taken from what earlier shipments have not listed yet, kopeck-exact
 * (basket-by-items.ts). The delivery line (sku `shipping-…`) goes with the first shipment or with the
 * final one; the shipment that leaves no goods behind is `final` and takes every line still left.
 */
import { basketForGoods, remainingBasket, type WantedGoods } from "./basket-by-items"
import { formatQuantity, toQuantity, type Quantity } from "./money"
import type { BasketItem, Shipment } from "./types"

/** The sku prefix of delivery lines in the baskets this plugin builds. */
export const SHIPPING_SKU_PREFIX = "shipping-"

export interface ShipmentPlanInput {
  /** the order's basket, as InvoiceBox has it */
  basket: readonly BasketItem[]
  /** the shipments the order already has */
  shipped: readonly Pick<Shipment, "basketItems">[]
  /** the goods of this delivery */
  goods: readonly WantedGoods[]
  /** the shipment that lists the delivery line */
  shippingLine: "first" | "final"
}

export interface ShipmentPlan {
  basketItems: BasketItem[]
  /** nothing of the order is left to ship after this one */
  final: boolean
  /** goods of this delivery the basket has none left of (not listed) */
  unmatched: WantedGoods[]
}

const isShipping = (line: Pick<BasketItem, "sku">) => line.sku.startsWith(SHIPPING_SKU_PREFIX)

/** The shipment for `goods`, or null when it would list nothing. */
export function planShipment({ basket, shipped, goods, shippingLine }: ShipmentPlanInput): ShipmentPlan | null {
  const left = remainingBasket(
    basket,
    shipped.flatMap((shipment) => shipment.basketItems ?? [])
  )
  if (left.length === 0) return null

  /** quantity left per sku of goods (thousandths) */
  const leftBySku = new Map<string, Quantity>()
  for (const line of left) {
    if (isShipping(line)) continue
    leftBySku.set(line.sku, (leftBySku.get(line.sku) ?? 0) + toQuantity(line.quantity))
  }
  const wantedBySku = new Map<string, Quantity>()
  const unmatched: WantedGoods[] = []
  for (const entry of goods) {
    const available = (leftBySku.get(entry.sku) ?? 0) - (wantedBySku.get(entry.sku) ?? 0)
    if (available <= 0) {
      unmatched.push(entry)
      continue
    }
    wantedBySku.set(entry.sku, (wantedBySku.get(entry.sku) ?? 0) + Math.min(toQuantity(entry.quantity), available))
  }

  const final = [...leftBySku].every(([sku, quantity]) => wantedBySku.get(sku) === quantity)
  const firstShipment = shipped.length === 0
  const withShipping = final || (shippingLine === "first" && firstShipment)
  const hasShippingLeft = left.some(isShipping)
  if (wantedBySku.size === 0 && !(withShipping && hasShippingLeft)) return null

  const wanted: WantedGoods[] = [...wantedBySku].map(([sku, quantity]) => ({ sku, quantity: formatQuantity(quantity) }))
  const picked = basketForGoods(left, wanted, { includeSkuPrefixes: withShipping ? [SHIPPING_SKU_PREFIX] : [] })
  return { basketItems: picked.items, final, unmatched }
}
