/**
 * What kind of goods a cart item is, for the 54-FZ receipt: the tag 1212 `type` and the marked and
 * excise goods fields of its basket line («Честный знак»; merchant/honest-sign.md, merchant/fz54.md,
 * dictionary/tag1212.md), from product and variant metadata:
 *
 * - `invoicebox_category_type` → `categoryType`: `honestSign` or `merchantHonestSignMap`;
 * - `invoicebox_category` → `category`: a «Честный знак» product group (`milk`, `shoes`, `water`…)
 *   or a category of the shop's own map (at most 20 characters);
 * - `invoicebox_excise` → `excise`: the excise in the price of ONE unit, roubles (`12.50`); the line
 *   carries it times the quantity.
 *
 * The variant's metadata wins over the product's. A line item's own metadata is not read for these
 * keys: the storefront can write it. Every value is checked with the core's `validateMarkedGoods`
 * when the payment session is created; a bad one is a StoreDataError that names the
 * product, the variant, the metadata key and the value — before any request to InvoiceBox.
 */

import {
  paymentSubjectOf,
  validateMarkedGoods,
  type CategoryType,
  type MarkedGoodsProblem,
} from "../invoicebox/marked-goods"
import {
  decimalToKopecks,
  formatKopecks,
  kopecksToMajor,
  multiplyDecimalByQuantity,
  toExactDecimal,
  toKopecks,
  toQuantity,
  type MoneyInput,
} from "../invoicebox/money"
import type { BasketItemType } from "../invoicebox/types"
import { StoreDataError } from "./errors"

/** Product / variant metadata keys of marked and excise goods. */
export const MARKED_GOODS_METADATA_KEYS = {
  categoryType: "invoicebox_category_type",
  category: "invoicebox_category",
  excise: "invoicebox_excise",
} as const

/** The key of the tag 1212 type (read by cart-basket.ts with the other receipt keys). */
const TYPE_KEY = "invoicebox_type"

type Metadata = Record<string, unknown> | null | undefined

/** The cart item fields this file reads. */
export interface GoodsItemLike {
  id: string
  title?: string | null
  product_id?: string | null
  product_title?: string | null
  variant_id?: string | null
  variant_title?: string | null
  variant?: { metadata?: Metadata; product?: { metadata?: Metadata } | null } | null
  product?: { metadata?: Metadata } | null
}

export interface GoodsKindInput {
  /** the item's `invoicebox_type` metadata, when set */
  type: string | undefined
  /** the provider's `defaultItemType` */
  defaultType: BasketItemType
  quantity: number | string
  /** the line's final total with VAT */
  grossTotal: MoneyInput
}

/** The basket line fields of what kind of goods an item is. */
export interface GoodsKind {
  type: BasketItemType
  categoryType?: CategoryType
  category?: string
  /** the whole line's excise, roubles with 2 decimals (`"25.00"`) */
  excise?: string
}

interface Found {
  value: unknown
  source: "variant" | "product"
}

function metadataValue(item: GoodsItemLike, key: string): Found | undefined {
  const sources: Array<[Found["source"], Metadata]> = [
    ["variant", item.variant?.metadata],
    ["product", item.variant?.product?.metadata],
    ["product", item.product?.metadata],
  ]
  for (const [source, metadata] of sources) {
    const value = metadata?.[key]
    if (value === undefined || value === null || (typeof value === "string" && value.trim() === "")) continue
    return { value: typeof value === "string" ? value.trim() : value, source }
  }
  return undefined
}

/** `product "Молоко" (prod_1), variant "1 л" (variant_1)` */
export function describeGoods(item: GoodsItemLike): string {
  const product = item.product_title?.trim() || item.title?.trim() || "(untitled)"
  const variant = item.variant_title?.trim()
  return (
    `product "${product}"${item.product_id ? ` (${item.product_id})` : ""}` +
    (variant || item.variant_id ? `, variant "${variant ?? ""}"${item.variant_id ? ` (${item.variant_id})` : ""}` : "")
  )
}

const shown = (value: unknown): string => JSON.stringify(value) ?? String(value)

interface ExciseResult {
  /** the line's excise, kopecks */
  kopecks?: number
  problem?: string
}

/** The line's excise from the excise of one unit (roubles) × quantity, to the kopeck (half-up). */
function lineExcise(unit: unknown, quantity: number | string): ExciseResult {
  if (typeof unit !== "number" && typeof unit !== "string") return { problem: "must be a number of roubles" }
  try {
    const perUnit = toExactDecimal(unit, "excise")
    if (perUnit.units < 0n) return { problem: "must not be negative" }
    return { kopecks: decimalToKopecks(multiplyDecimalByQuantity(perUnit, toQuantity(quantity)), "half-up", "excise") }
  } catch {
    return { problem: "must be a decimal number of roubles, e.g. 12.50" }
  }
}

/**
 * The item's tag 1212 type and marked / excise goods fields, checked; throws a StoreDataError
 * naming the goods and every bad value.
 */
export function goodsKindOf(item: GoodsItemLike, input: GoodsKindInput): GoodsKind {
  const categoryType = metadataValue(item, MARKED_GOODS_METADATA_KEYS.categoryType)
  const category = metadataValue(item, MARKED_GOODS_METADATA_KEYS.category)
  const excise = metadataValue(item, MARKED_GOODS_METADATA_KEYS.excise)
  const type = input.type === undefined ? input.defaultType : (paymentSubjectOf(input.type) ?? input.type)

  const problems: string[] = []
  const exciseLine = excise ? lineExcise(excise.value, input.quantity) : {}
  if (excise && exciseLine.problem) {
    problems.push(
      `${excise.source} metadata ${MARKED_GOODS_METADATA_KEYS.excise} ${shown(excise.value)} ${exciseLine.problem}`
    )
  }
  const found: Record<MarkedGoodsProblem["field"], string> = {
    type:
      input.type === undefined
        ? `the provider's defaultItemType ${shown(input.defaultType)}`
        : `metadata ${TYPE_KEY} ${shown(input.type)}`,
    categoryType: categoryType
      ? `${categoryType.source} metadata ${MARKED_GOODS_METADATA_KEYS.categoryType} ${shown(categoryType.value)}`
      : `metadata ${MARKED_GOODS_METADATA_KEYS.categoryType} (not set)`,
    category: category
      ? `${category.source} metadata ${MARKED_GOODS_METADATA_KEYS.category} ${shown(category.value)}`
      : `metadata ${MARKED_GOODS_METADATA_KEYS.category}`,
    excise: excise
      ? `${excise.source} metadata ${MARKED_GOODS_METADATA_KEYS.excise} ${shown(excise.value)} per unit` +
        (exciseLine.kopecks !== undefined ? ` (${formatKopecks(exciseLine.kopecks)} for the line)` : "")
      : `metadata ${MARKED_GOODS_METADATA_KEYS.excise}`,
  }
  const checked = validateMarkedGoods({
    type,
    categoryType: categoryType?.value,
    category: category?.value,
    excise: exciseLine.kopecks === undefined ? undefined : kopecksToMajor(exciseLine.kopecks),
    totalAmount: kopecksToMajor(toKopecks(input.grossTotal)),
  })
  for (const problem of checked) problems.push(`${found[problem.field]}: ${problem.message}`)
  if (problems.length > 0) {
    throw new StoreDataError(
      "invalid_product_metadata",
      `InvoiceBox: the receipt data of ${describeGoods(item)} is wrong — ${problems.join("; ")}. ` +
        `Fix the product's or the variant's metadata (see «Marked goods metadata» in the plugin's README).`
    )
  }

  const kind: GoodsKind = { type: type as BasketItemType }
  if (categoryType) kind.categoryType = categoryType.value as CategoryType
  if (category) kind.category = category.value as string
  if (exciseLine.kopecks !== undefined) kind.excise = formatKopecks(exciseLine.kopecks)
  return kind
}
