/**
 * The sku an order's line item has in the InvoiceBox basket the plugin built from its cart (the
 * variant's sku, else the variant's id; a line with neither is named by its own id), so Medusa's
 * fulfillments and returns can name the basket lines of the goods they move.
 */
export interface OrderItemSkuRow {
  id: string
  variant_sku?: string | null
  variant_id?: string | null
}

export function basketSkuOf(item: OrderItemSkuRow): string {
  return (item.variant_sku || item.variant_id || item.id).slice(0, 500)
}

/** Goods by basket sku from moved line items (`line_item_id` → the order's item). */
export function goodsOfItems(
  orderItems: readonly OrderItemSkuRow[] | null | undefined,
  moved: ReadonlyArray<{ item_id: string | null | undefined; quantity: unknown }>
): Array<{ sku: string; quantity: number }> {
  const byId = new Map((orderItems ?? []).map((item) => [item.id, item]))
  return moved.flatMap(({ item_id, quantity }) => {
    const item = item_id ? byId.get(item_id) : undefined
    const count = Number(quantity)
    return item && count > 0 ? [{ sku: basketSkuOf(item), quantity: count }] : []
  })
}
