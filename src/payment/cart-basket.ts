/**
 * The 54-FZ basket of a Medusa cart (or order), made on the server: one line per item with its real
 * name, final total (after promotions, with tax), VAT code from its tax lines and the unit, type and
 * payment type from product/variant metadata, and the marked / excise goods fields
 * (marked-goods-metadata.ts); one service line per shipping method.
 *
 * Tax as Medusa computed it, line by line: whether a line's price includes its tax is the line's own
 * `is_tax_inclusive` (Medusa sets it from the region's / currency's price preference), never a
 * provider option. The line's gross total is Medusa's `total` (after adjustments, with tax, for
 * either flag) and its VAT rate the sum of its tax lines' rates, so the basket's VAT of a line is
 * Medusa's `tax_total` to the kopeck's rounding: Medusa computes it as net × r/100 (tax-exclusive) or
 * gross × r/(100 + r) (tax-inclusive), the same number. The option `vatCodeVariant` only picks which of
 * the rate's two VAT codes the receipt gets (options.ts, VAT_CODE_VARIANTS).
 */
import type { BasketLineInput } from "../invoicebox/basket"
import { InvoiceboxError } from "../invoicebox/errors"
import { formatExactDecimal, toExactDecimal, toKopecks, type ExactDecimal, type MoneyInput } from "../invoicebox/money"
import { isVatCode, vatCodeFor } from "../invoicebox/vat"
import { PAYMENT_TYPES, type PaymentType, type VatCode } from "../invoicebox/types"
import { goodsKindOf, MARKED_GOODS_METADATA_KEYS } from "./marked-goods-metadata"
import type { InvoiceboxProviderOptions } from "./options"

type Money = MoneyInput | null | undefined
type Metadata = Record<string, unknown> | null | undefined

export interface TaxLineLike {
  /** percent; a number on a cart; an order's tax lines carry Medusa's BigNumber (JSON: the number) */
  rate?: MoneyInput | null
}

export interface CartItemLike {
  id: string
  title?: string | null
  product_id?: string | null
  product_title?: string | null
  variant_title?: string | null
  variant_sku?: string | null
  variant_id?: string | null
  quantity: MoneyInput
  /** Medusa's unit price: with the line's tax when `is_tax_inclusive`, without it otherwise */
  unit_price: Money
  /** the price includes the line's tax (Medusa's price preference for the region / currency) */
  is_tax_inclusive?: boolean | null
  /** the line's final total: after adjustments, with tax (for either `is_tax_inclusive`) */
  total: Money
  tax_lines?: TaxLineLike[] | null
  metadata?: Metadata
  variant?: { sku?: string | null; metadata?: Metadata; product?: { metadata?: Metadata } | null } | null
  product?: { metadata?: Metadata } | null
}

export interface ShippingMethodLike {
  id: string
  name?: string | null
  /** the price includes the method's tax (Medusa's price preference) */
  is_tax_inclusive?: boolean | null
  /** the method's final total: after adjustments, with tax (for either `is_tax_inclusive`) */
  total: Money
  tax_lines?: TaxLineLike[] | null
}

export interface CartLike {
  id: string
  items?: CartItemLike[] | null
  shipping_methods?: ShippingMethodLike[] | null
}

/** Metadata keys a product or variant may set (the variant's win). */
export const METADATA_KEYS = {
  type: "invoicebox_type",
  measure: "invoicebox_measure",
  measureCode: "invoicebox_measure_code",
  vatCode: "invoicebox_vat_code",
  originCountry: "invoicebox_origin_country",
  originCountryCode: "invoicebox_origin_country_code",
  paymentType: "invoicebox_payment_type",
  ...MARKED_GOODS_METADATA_KEYS,
} as const

function metaValue(item: CartItemLike, key: string): string | undefined {
  for (const source of [
    item.variant?.metadata,
    item.metadata,
    item.variant?.product?.metadata,
    item.product?.metadata,
  ]) {
    const value = source?.[key]
    if (typeof value === "string" && value.trim() !== "") return value.trim()
    if (typeof value === "number") return String(value)
  }
  return undefined
}

const ZERO: ExactDecimal = { units: 0n, scale: 0 }

function addDecimals(a: ExactDecimal, b: ExactDecimal): ExactDecimal {
  const scale = Math.max(a.scale, b.scale)
  return { units: a.units * 10n ** BigInt(scale - a.scale) + b.units * 10n ** BigInt(scale - b.scale), scale }
}

/** The line's tax rate in percent, exact: the sum of its tax lines' rates (as Medusa sums them); null without tax lines. */
function taxRate(lines: TaxLineLike[] | null | undefined): ExactDecimal | null {
  if (!lines || lines.length === 0) return null
  return lines.reduce((sum, line) => addDecimals(sum, rateOf(line.rate)), ZERO)
}

/** A tax rate in percent from a number, a numeric string or a BigNumber-like value; 0 when unreadable. */
function rateOf(rate: TaxLineLike["rate"]): ExactDecimal {
  if (rate === null || rate === undefined) return ZERO
  try {
    return toExactDecimal(rate, "tax rate")
  } catch {
    return ZERO
  }
}

/**
 * The code of the line's VAT: a product's `invoicebox_vat_code` as it is; else the rate's code (the
 * store's `vatMapping` first), plain or `_ADDED` as `vatCodeVariant` says — for `per-line` by the
 * line's own `is_tax_inclusive`.
 */
function vatCodeOf(
  rate: ExactDecimal | null,
  taxInclusive: boolean | null | undefined,
  override: string | undefined,
  options: InvoiceboxProviderOptions,
  label: string
): VatCode {
  if (override !== undefined) {
    if (!isVatCode(override))
      throw new InvoiceboxError(
        "invalid_basket_line",
        `${label}: invoicebox_vat_code "${override}" is not an InvoiceBox VAT code`
      )
    return override
  }
  let added = options.vatCodeVariant === "added"
  if (options.vatCodeVariant === "per-line" && rate !== null) {
    if (typeof taxInclusive !== "boolean") {
      throw new InvoiceboxError(
        "invalid_basket_line",
        `${label}: the cart was loaded without is_tax_inclusive (vatCodeVariant "per-line" needs it)`
      )
    }
    added = !taxInclusive
  }
  return vatCodeFor(rate === null ? null : Number(formatExactDecimal(rate)), {
    added,
    mapping: options.vatMapping,
    noVat: options.defaultVatCode,
  })
}

/**
 * A line's total as Medusa computed it. Medusa's totals are BigNumber quotients, so a line discounted
 * in full can come out a hair below zero (7 × 100 ₽ tax-inclusive with 700 ₽ off: −3.66e−20): what rounds
 * to 0 kopecks is 0; a real negative total is an error naming the line.
 */
function lineTotal(total: MoneyInput, label: string): MoneyInput {
  const exact = toExactDecimal(total, `${label} total`)
  if (exact.units >= 0n) return total
  if (toKopecks(total, "half-up", `${label} total`) === 0) return 0
  throw new InvoiceboxError("invalid_basket_line", `${label}: Medusa's total ${formatExactDecimal(exact)} is negative`)
}

/**
 * The unit price with its tax, as the receipt shows it: Medusa's unit price when it includes the tax,
 * else the price plus its tax (unit price × (100 + r) / 100, exact). Informational: the line's amounts
 * come from its total (`grossTotal`).
 */
function grossUnitPrice(item: CartItemLike, rate: ExactDecimal | null): MoneyInput {
  const price = item.unit_price ?? 0
  if (item.is_tax_inclusive !== false || rate === null || rate.units === 0n) return price
  const net = toExactDecimal(price, "unit_price")
  const factor = addDecimals({ units: 100n, scale: 0 }, rate)
  return formatExactDecimal({ units: net.units * factor.units, scale: net.scale + factor.scale + 2 })
}

function paymentType(value: string | undefined, fallback: PaymentType): PaymentType {
  return value !== undefined && (PAYMENT_TYPES as readonly string[]).includes(value) ? (value as PaymentType) : fallback
}

/** The receipt name of an item: product title and variant title ("Чай улун — 100 г"). */
export function itemName(item: CartItemLike): string {
  const product = item.product_title?.trim() || item.title?.trim() || "Товар"
  const variant = item.variant_title?.trim()
  const name = variant && variant !== product && !/^default/i.test(variant) ? `${product} — ${variant}` : product
  return name.slice(0, 500)
}

export function cartBasketLines(cart: CartLike, options: InvoiceboxProviderOptions): BasketLineInput[] {
  const lines: BasketLineInput[] = []
  for (const item of cart.items ?? []) {
    const label = `cart item ${item.id}`
    if (item.total === null || item.total === undefined) {
      throw new InvoiceboxError("invalid_basket_line", `${label}: the cart was loaded without item totals`)
    }
    const total = lineTotal(item.total, label)
    const measure = metaValue(item, METADATA_KEYS.measure)
    const measureCode = metaValue(item, METADATA_KEYS.measureCode)
    const originCountry = metaValue(item, METADATA_KEYS.originCountry)
    const originCountryCode = metaValue(item, METADATA_KEYS.originCountryCode)
    const quantity =
      typeof item.quantity === "number" || typeof item.quantity === "string" ? item.quantity : String(item.quantity)
    const { type, ...markedGoods } = goodsKindOf(item, {
      type: metaValue(item, METADATA_KEYS.type),
      defaultType: options.defaultItemType,
      quantity,
      grossTotal: total,
    })
    const rate = taxRate(item.tax_lines)
    lines.push({
      sku: (item.variant_sku || item.variant?.sku || item.variant_id || item.id).slice(0, 500),
      name: itemName(item),
      unitPrice: grossUnitPrice(item, rate),
      quantity,
      grossTotal: total,
      vatCode: vatCodeOf(rate, item.is_tax_inclusive, metaValue(item, METADATA_KEYS.vatCode), options, label),
      type,
      paymentType: paymentType(metaValue(item, METADATA_KEYS.paymentType), options.defaultPaymentType),
      ...(measure ? { measure } : {}),
      ...(measureCode ? { measureCode } : {}),
      ...(originCountry ? { originCountry } : {}),
      ...(originCountryCode ? { originCountryCode } : {}),
      ...markedGoods,
    })
  }
  for (const method of cart.shipping_methods ?? []) {
    if (method.total === null || method.total === undefined) {
      throw new InvoiceboxError(
        "invalid_basket_line",
        `shipping method ${method.id}: the cart was loaded without shipping totals`
      )
    }
    const label = `shipping method ${method.id}`
    const total = lineTotal(method.total, label)
    const name = method.name?.trim() ? `${options.shippingLineName}: ${method.name.trim()}` : options.shippingLineName
    lines.push({
      sku: `shipping-${method.id}`.slice(0, 500),
      name: name.slice(0, 500),
      unitPrice: total,
      quantity: 1,
      grossTotal: total,
      vatCode: vatCodeOf(taxRate(method.tax_lines), method.is_tax_inclusive, undefined, options, label),
      type: "service",
      paymentType: options.defaultPaymentType,
    })
  }
  if (lines.length === 0) throw new InvoiceboxError("invalid_basket", `cart ${cart.id} has no items to pay for`)
  return lines
}
