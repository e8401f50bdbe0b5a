/**
 * The 54-FZ basket of a Medusa v1 (1.20) cart, made on the server from the cart and the totals
 * `cartService.retrieveWithTotals` computes — nothing from the storefront. The lines themselves (names,
 * VAT codes, `vatCodeVariant`, tag 1212 type, marked / excise goods metadata) are the shared
 * cart-basket.ts's: a v1 item or shipping method is mapped onto its CartLike and read there.
 *
 * What differs in v1 (@medusajs/medusa 1.20, dist/):
 * - Money is INTEGER minor units (kopecks): `unit_price`, `total`, `price`, `cart.total`. The shared
 *   code reads major units, so each amount goes over as exact decimal text (12345 → "123.45").
 * - A line item (models/line-item): `title` is the product's title and `description` the variant's
 *   (services/line-item generateLineItem: title: variant.product.title, description: variant.title);
 *   `includes_tax` exists only with the tax_inclusive_pricing feature flag (a FeatureFlagColumn), so a
 *   missing flag means a tax-exclusive price; `total` (services/new-totals getLineItemTotals_) is
 *   after the item's discount, with tax: subtotal − round(discount) + tax, an integer.
 * - A shipping method's `total` (new-totals getShippingMethodTotals_) is its price plus tax when the
 *   price excludes it, the price when it includes it, 0 with a free-shipping discount.
 * - The cart's total (services/cart decorateTotals) is
 *   subtotal + shipping_total + tax_total − (gift_card_total + discount_total + gift_card_tax_total):
 *   after gift cards (gift_card_tax_total is the tax part of a taxable gift card, subtracted on top of
 *   gift_card_total), while the lines' totals are not; and `discount_total` there is
 *   round(Σ raw item discounts), while each item's total subtracts round(its raw discount) — a fixed
 *   discount spread over items leaves fractions (services/discount calculateDiscountForLineItem), so
 *   the lines may differ from the cart's total by a kopeck or so per item even without gift cards.
 * - A tax-inclusive item discounted in full can total a few kopecks below 0 (itemTotalOf), and
 *   cart.total counts that too.
 *
 * The basket must total `cart.total` exactly (InvoiceBox checks it against the order's amount), and
 * `buildBasketForAmount` only absorbs the lines' own sub-kopeck rounding — which integer kopecks have
 * none of. So the difference between the lines and `cart.total` (the gift cards, plus that per-item
 * rounding and any item below 0) is taken off the lines here, in proportion to their totals, to the
 * kopeck (largest remainder): 54-FZ's receipt lists what the buyer pays now, and what a gift card
 * already paid is not paid now. A difference the gift cards and that rounding cannot explain is refused
 * (`basket_amount_mismatch`), as is a cart with nothing left to pay (`invalid_basket`).
 */
import type {
  Cart,
  LineItem,
  LineItemTaxLine,
  Product,
  ProductVariant,
  ShippingMethod,
  ShippingOption,
} from "@medusajs/medusa"

import type { BasketLineInput } from "../invoicebox/basket"
import { InvoiceboxError } from "../invoicebox/errors"
import { formatKopecks, shareInProportion, type Kopecks } from "../invoicebox/money"
import { cartBasketLines, type CartItemLike, type ShippingMethodLike } from "../payment/cart-basket"
import type { InvoiceboxProviderOptions } from "../payment/options"

/** Every field optional and nullable (what a plain object, or a cart loaded with fewer relations, may lack). */
type Loose<T> = { [K in keyof T]?: T[K] | null }

/** A tax line of an item or a shipping method: the rate in percent. */
export type V1TaxLineForBasket = Pick<LineItemTaxLine, "rate">

export type V1ProductForBasket = Loose<Pick<Product, "title" | "metadata">>

export type V1VariantForBasket = Loose<Pick<ProductVariant, "title" | "sku" | "metadata">> & {
  product?: V1ProductForBasket | null
}

export type V1LineItemForBasket = Pick<LineItem, "id" | "quantity" | "unit_price"> &
  Loose<
    Pick<LineItem, "title" | "description" | "variant_id" | "product_id" | "metadata" | "includes_tax" | "total">
  > & {
    tax_lines?: V1TaxLineForBasket[] | null
    variant?: V1VariantForBasket | null
  }

export type V1ShippingMethodForBasket = Pick<ShippingMethod, "id"> &
  Loose<Pick<ShippingMethod, "includes_tax" | "total">> & {
    tax_lines?: V1TaxLineForBasket[] | null
    shipping_option?: Loose<Pick<ShippingOption, "name">> | null
  }

/** What the basket reads of a v1 cart loaded by `retrieveWithTotals` (v1's Cart is one). */
export type V1CartForBasket = Pick<Cart, "id"> &
  Loose<Pick<Cart, "total" | "gift_card_total" | "gift_card_tax_total">> & {
    items?: V1LineItemForBasket[] | null
    shipping_methods?: V1ShippingMethodForBasket[] | null
  }

/**
 * Relations for v1's `cartService.retrieveWithTotals(cartId, { relations })`: what the totals need
 * (retrieveWithTotals adds those itself too: services/cart getTotalsRelations) and what the lines read —
 * the variant and product (titles, sku, metadata) and the shipping option (the delivery line's name).
 */
export const V1_CART_BASKET_RELATIONS: string[] = [
  "items",
  "items.variant",
  "items.variant.product",
  "items.tax_lines",
  "items.adjustments",
  "shipping_methods",
  "shipping_methods.shipping_option",
  "shipping_methods.tax_lines",
  "discounts",
  "discounts.rule",
  "gift_cards",
  "region",
  "region.tax_rates",
]

function assertMinorUnits(value: number, what: string): void {
  if (!Number.isSafeInteger(value)) {
    throw new InvoiceboxError("invalid_amount", `${what} ${String(value)} is not an integer number of minor units`)
  }
}

/** An amount in v1's integer minor units as major units, exact decimal text: 123456 → "1234.56". */
export function v1Amount(minorUnits: number): string {
  assertMinorUnits(minorUnits, "Medusa v1 amount")
  return formatKopecks(minorUnits)
}

/** A v1 line's total for the shared code: null/undefined kept (the shared code names the line that lacks it). */
function lineTotalOf(total: number | null | undefined, label: string): string | undefined {
  if (total === null || total === undefined) return undefined
  try {
    return v1Amount(total)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    throw new InvoiceboxError("invalid_basket_line", `${label}: ${message}`, { cause: error })
  }
}

/**
 * An item's total as the basket takes it. v1 takes the tax out of a tax-inclusive price unit by unit
 * (rounded per unit) but a discount off the whole line's net (rounded once), so an item discounted in
 * full can end a few kopecks below 0 — 10 × 100.00 ₽ with VAT 20 at 100 % off totals −0.01 — and
 * cart.total counts it. That item is 0 on the receipt (its kopecks come off the other lines with the
 * gift cards); the gap is at most about half a kopeck per unit, so a larger negative total is left to
 * the shared code, which refuses it.
 */
function itemTotalOf(item: V1LineItemForBasket): { total: number | null | undefined; belowZero: number } {
  const total = item.total
  if (typeof total === "number" && total < 0 && item.includes_tax === true && -total <= item.quantity) {
    return { total: 0, belowZero: -total }
  }
  return { total, belowZero: 0 }
}

function cartItemOf(item: V1LineItemForBasket, total: number | null | undefined): CartItemLike {
  const label = `cart item ${item.id}`
  const variant = item.variant
  const unitPrice = lineTotalOf(item.unit_price, `${label} unit_price`)
  return {
    id: item.id,
    title: item.title,
    product_id: item.product_id,
    // the variant's and product's titles as the store names them now, else the item's copies of them
    product_title: variant?.product?.title || item.title,
    variant_title: variant ? variant.title || item.description : item.description,
    variant_sku: variant?.sku,
    variant_id: item.variant_id,
    quantity: item.quantity,
    unit_price: unitPrice,
    // no includes_tax: the tax_inclusive_pricing flag is off, v1's prices exclude tax
    is_tax_inclusive: item.includes_tax ?? false,
    total: lineTotalOf(total, label),
    tax_lines: item.tax_lines,
    metadata: item.metadata,
    variant: variant
      ? {
          sku: variant.sku,
          metadata: variant.metadata,
          product: variant.product ? { metadata: variant.product.metadata } : null,
        }
      : null,
  }
}

function shippingMethodOf(method: V1ShippingMethodForBasket): ShippingMethodLike {
  return {
    id: method.id,
    name: method.shipping_option?.name,
    is_tax_inclusive: method.includes_tax ?? false,
    total: lineTotalOf(method.total, `shipping method ${method.id}`),
    tax_lines: method.tax_lines,
  }
}

/**
 * The basket lines of a v1 cart with totals (`retrieveWithTotals` with V1_CART_BASKET_RELATIONS): one
 * per item, one per shipping method; their gross totals sum to exactly `cart.total` (kopecks), so
 * `buildBasketForAmount(lines, v1Amount(cart.total))` holds. See the file header for the gift cards.
 *
 * Throws InvoiceboxError: `invalid_basket` (no totals, nothing to pay: e.g. gift cards cover the
 * cart, or no items), `invalid_basket_line` (a line without totals or with a bad amount),
 * `basket_amount_mismatch` (the lines and `cart.total` differ by more than gift cards and rounding),
 * and the shared code's errors (a bad metadata value: StoreDataError `invalid_product_metadata`).
 */
export function v1CartBasketLines(cart: V1CartForBasket, options: InvoiceboxProviderOptions): BasketLineInput[] {
  const total = cart.total
  if (total === null || total === undefined) {
    throw new InvoiceboxError(
      "invalid_basket",
      `cart ${cart.id}: the cart was loaded without totals (load it with cartService.retrieveWithTotals)`
    )
  }
  assertMinorUnits(total, `cart ${cart.id}: total`)
  const giftCards = (cart.gift_card_total ?? 0) + (cart.gift_card_tax_total ?? 0)
  if (total <= 0) {
    throw new InvoiceboxError(
      "invalid_basket",
      `cart ${cart.id}: nothing to pay for — the cart's total is ${v1Amount(total)}` +
        (giftCards > 0 ? ` (gift cards cover ${v1Amount(giftCards)})` : "")
    )
  }

  const items = cart.items ?? []
  const methods = cart.shipping_methods ?? []
  const itemTotals = items.map(itemTotalOf)
  const lines = cartBasketLines(
    {
      id: cart.id,
      items: items.map((item, index) => cartItemOf(item, itemTotals[index]?.total)),
      shipping_methods: methods.map(shippingMethodOf),
    },
    options
  )
  // the shared code has checked every total is there and not negative; one line per item, then per method
  const totals: Kopecks[] = [
    ...itemTotals.map((item) => item.total ?? 0),
    ...methods.map((method) => method.total ?? 0),
  ]
  if (totals.length !== lines.length) {
    throw new InvoiceboxError("invalid_basket", `cart ${cart.id}: ${lines.length} basket lines for ${totals.length}`)
  }
  const sum = totals.reduce((a, b) => a + b, 0)
  if (sum === total) return lines

  // Σ round(item discount) vs round(Σ item discounts): under ½ kopeck per item, plus ½ for the cart's;
  // and the kopecks of items v1 totals below 0 (itemTotalOf)
  const rounding = sum - giftCards - total
  const belowZero = itemTotals.reduce((a, item) => a + item.belowZero, 0)
  if (sum === 0 || Math.abs(rounding) > items.length + belowZero) {
    throw new InvoiceboxError(
      "basket_amount_mismatch",
      `cart ${cart.id}: the lines total ${v1Amount(sum)} but the cart's total is ${v1Amount(total)}` +
        (giftCards > 0 ? ` after ${v1Amount(giftCards)} of gift cards` : "") +
        `: a difference of ${v1Amount(Math.abs(rounding))} that neither gift cards nor discount rounding explain ` +
        `(load the cart with cartService.retrieveWithTotals and V1_CART_BASKET_RELATIONS)`
    )
  }
  const shares = shareInProportion(totals, total)
  return lines.map((line, index) => {
    const share = shares[index] ?? 0
    return share === totals[index] ? line : { ...line, grossTotal: v1Amount(share) }
  })
}
