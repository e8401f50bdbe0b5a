/**
 * The 54-FZ basket of a Medusa cart (or order), made on the server: one line per item with its real
 * name, final total (after promotions, with tax), VAT code from its tax lines and the unit, type and
 * payment type from product/variant metadata, and the marked / excise goods fields
 * (marked-goods-metadata.ts); one service line per shipping method.
 */
import type { BasketLineInput } from "../../invoicebox/basket"
import { InvoiceboxError } from "../../invoicebox/errors"
import { formatExactDecimal, toExactDecimal, type MoneyInput } from "../../invoicebox/money"
import { isVatCode, vatCodeFor } from "../../invoicebox/vat"
import { PAYMENT_TYPES, type PaymentType, type VatCode } from "../../invoicebox/types"
import { goodsKindOf, MARKED_GOODS_METADATA_KEYS } from "./marked-goods-metadata"
import type { InvoiceboxProviderOptions } from "./options"

type Money = MoneyInput | null | undefined
type Metadata = Record<string, unknown> | null | undefined

export interface TaxLineLike {
  /** a number on a cart; an order's tax lines carry Medusa's BigNumber (JSON: the number) */
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
  unit_price: Money
  /** the line's final total: after adjustments, with tax */
  total: Money
  tax_lines?: TaxLineLike[] | null
  metadata?: Metadata
  variant?: { sku?: string | null; metadata?: Metadata; product?: { metadata?: Metadata } | null } | null
  product?: { metadata?: Metadata } | null
}

export interface ShippingMethodLike {
  id: string
  name?: string | null
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

function taxRate(lines: TaxLineLike[] | null | undefined): number | null {
  if (!lines || lines.length === 0) return null
  return lines.reduce((sum, line) => sum + rateOf(line.rate), 0)
}

/** A tax rate in percent from a number, a numeric string or a BigNumber-like value; 0 when unreadable. */
function rateOf(rate: TaxLineLike["rate"]): number {
  if (rate === null || rate === undefined) return 0
  if (typeof rate === "number") return rate
  try {
    return Number(formatExactDecimal(toExactDecimal(rate, "tax rate")))
  } catch {
    return 0
  }
}

function vatCodeOf(
  rate: number | null,
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
  return vatCodeFor(rate, {
    taxInclusive: options.taxInclusive,
    mapping: options.vatMapping,
    noVat: options.defaultVatCode,
  })
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
      grossTotal: item.total,
    })
    lines.push({
      sku: (item.variant_sku || item.variant?.sku || item.variant_id || item.id).slice(0, 500),
      name: itemName(item),
      unitPrice: item.unit_price ?? 0,
      quantity,
      grossTotal: item.total,
      vatCode: vatCodeOf(taxRate(item.tax_lines), metaValue(item, METADATA_KEYS.vatCode), options, label),
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
    const name = method.name?.trim() ? `${options.shippingLineName}: ${method.name.trim()}` : options.shippingLineName
    lines.push({
      sku: `shipping-${method.id}`.slice(0, 500),
      name: name.slice(0, 500),
      unitPrice: method.total,
      quantity: 1,
      grossTotal: method.total,
      vatCode: vatCodeOf(taxRate(method.tax_lines), undefined, options, `shipping method ${method.id}`),
      type: "service",
      paymentType: options.defaultPaymentType,
    })
  }
  if (lines.length === 0) throw new InvoiceboxError("invalid_basket", `cart ${cart.id} has no items to pay for`)
  return lines
}
