/**
 * Carts whose totals are made by Medusa's own `decorateCartTotals` (the function the cart and order
 * modules use), as Query hands them to the plugin, and checks of a basket against them.
 */
import { BigNumber, decorateCartTotals } from "@medusajs/framework/utils"

import { buildBasketForAmount, type Basket } from "../../src/invoicebox/basket"
import { checkOrderBasket } from "../../src/invoicebox/basket-reconcile"
import { toExactDecimal, toKopecks, type MoneyInput } from "../../src/invoicebox/money"
import { DEMO_SHOP } from "../../src/invoicebox/types"
import { cartBasketLines, type CartLike } from "../../src/payment/cart-basket"
import {
  parseProviderOptions,
  type InvoiceboxProviderOptions,
  type InvoiceboxProviderOptionsInput,
} from "../../src/payment/options"
import { checkOrderArithmetic } from "../../src/sandbox/order-validation"

export const account = {
  merchantId: DEMO_SHOP.merchantId,
  token: DEMO_SHOP.token,
  notificationKey: DEMO_SHOP.notificationKey,
}

export const optionsWith = (extra: Partial<InvoiceboxProviderOptionsInput> = {}): InvoiceboxProviderOptions =>
  parseProviderOptions({ ...account, ...extra })

export interface LineSpec {
  sku: string
  price: number
  quantity?: number | string
  /** Medusa's is_tax_inclusive of the line (undefined: not loaded) */
  inclusive?: boolean
  rates: number[]
  /** a promotion's adjustment on the line: its amount and whether that amount includes tax */
  discount?: { amount: number; inclusive: boolean }
}

interface Totals {
  total: BigNumber
  tax_total: BigNumber
}

export interface MedusaCart {
  cart: CartLike
  total: BigNumber
  /** each line's tax_total by sku (shipping: `shipping-<sku>`) */
  taxBySku: Map<string, BigNumber>
  /** each line's total by sku */
  totalBySku: Map<string, BigNumber>
}

/** A cart as Medusa's cart module computes it (decorateCartTotals), as Query gives it to the plugin. */
export function medusaCart(items: LineSpec[], shipping: LineSpec[] = []): MedusaCart {
  const adjustments = (line: LineSpec) =>
    line.discount ? [{ amount: line.discount.amount, is_tax_inclusive: line.discount.inclusive }] : []
  const raw = {
    items: items.map((line) => ({
      id: `item_${line.sku}`,
      product_title: `Товар ${line.sku}`,
      variant_sku: line.sku,
      unit_price: line.price,
      quantity: line.quantity ?? 1,
      ...(line.inclusive === undefined ? {} : { is_tax_inclusive: line.inclusive }),
      tax_lines: line.rates.map((rate) => ({ rate })),
      adjustments: adjustments(line),
    })),
    shipping_methods: shipping.map((line) => ({
      id: line.sku,
      name: `Доставка ${line.sku}`,
      amount: line.price,
      ...(line.inclusive === undefined ? {} : { is_tax_inclusive: line.inclusive }),
      tax_lines: line.rates.map((rate) => ({ rate })),
      adjustments: adjustments(line),
    })),
  }
  // Medusa writes the totals onto the items and methods it is given
  const decorated = decorateCartTotals(raw)
  const withTotals = <T extends object>(line: T) => line as T & Totals
  const cart: CartLike = {
    id: "cart_tax",
    items: raw.items.map((item) => ({ ...item, total: withTotals(item).total })),
    shipping_methods: raw.shipping_methods.map((method) => ({ ...method, total: withTotals(method).total })),
  }
  const taxBySku = new Map<string, BigNumber>()
  const totalBySku = new Map<string, BigNumber>()
  for (const item of raw.items) {
    taxBySku.set(item.variant_sku, withTotals(item).tax_total)
    totalBySku.set(item.variant_sku, withTotals(item).total)
  }
  for (const method of raw.shipping_methods) {
    taxBySku.set(`shipping-${method.id}`, withTotals(method).tax_total)
    totalBySku.set(`shipping-${method.id}`, withTotals(method).total)
  }
  return { cart, total: new BigNumber(decorated.total as MoneyInput as number), taxBySku, totalBySku }
}

/** An exact amount in kopecks as a fraction n / d (Medusa's totals have more decimals than kopecks). */
export function exactKopecks(value: MoneyInput): { n: bigint; d: bigint } {
  const exact = toExactDecimal(value)
  return { n: exact.units * 100n, d: 10n ** BigInt(exact.scale) }
}

/** The basket of a cart, checked by the reconciler and the sandbox's own rules. */
export function basketOf(medusa: MedusaCart, provider: InvoiceboxProviderOptions = optionsWith()): Basket {
  const basket = buildBasketForAmount(cartBasketLines(medusa.cart, provider), medusa.total)
  const order = { amount: basket.amount / 100, vatAmount: basket.vatAmount / 100, basketItems: basket.items }
  expect(checkOrderBasket(order)).toEqual([])
  expect(checkOrderArithmetic(JSON.parse(JSON.stringify(order)))).toBeNull()
  return basket
}

/** Σ of a line's wire items (a line may be split into 2–3 items with the same sku), kopecks. */
export function lineSums(basket: Basket, sku: string): { total: number; vat: number; parts: number } {
  const items = basket.items.filter((item) => item.sku === sku)
  return {
    total: items.reduce((sum, item) => sum + toKopecks(item.totalAmount), 0),
    vat: items.reduce((sum, item) => sum + toKopecks(item.totalVatAmount), 0),
    parts: items.length,
  }
}

/**
 * Each line as Medusa computed it: its total to the kopeck (at most the one kopeck buildBasketForAmount
 * may move to make the basket total Medusa's rounded total) and its VAT to within the rounding of its
 * parts — under one kopeck for an unsplit line: Medusa's tax_total rounded one way or the other.
 */
export function expectLinesAsMedusa(basket: Basket, medusa: MedusaCart): void {
  for (const [sku, total] of medusa.totalBySku) {
    const sums = lineSums(basket, sku)
    const exactTotal = exactKopecks(total)
    const totalGap = BigInt(sums.total) * exactTotal.d - exactTotal.n
    // |basket − Medusa| ≤ 1.5 kopecks: half a kopeck of rounding and one moved kopeck at most
    expect({ sku, within: 2n * (totalGap < 0n ? -totalGap : totalGap) <= 3n * exactTotal.d }).toEqual({
      sku,
      within: true,
    })
    const tax = exactKopecks(medusa.taxBySku.get(sku)!)
    const vatGap = BigInt(sums.vat) * tax.d - tax.n
    expect({ sku, within: (vatGap < 0n ? -vatGap : vatGap) < BigInt(sums.parts) * tax.d }).toEqual({
      sku,
      within: true,
    })
  }
}
