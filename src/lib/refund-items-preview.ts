/**
 * What a refund of chosen goods would be, before it is made (the admin widget's Refund items): the
 * refundable lines of a payment's InvoiceBox order and the receipt lines and total for a choice of them.
 * Reads only.
 */
import type { MedusaContainer, Query } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"

import { basketForGoods, GoodsSelectionError, type WantedGoods } from "../invoicebox/basket-by-items"
import type { InvoiceboxClient } from "../invoicebox/client"
import { kopecksToMajor, toKopecks } from "../invoicebox/money"
import { SHIPPING_SKU_PREFIX } from "../invoicebox/shipment-plan"
import type { BasketItem } from "../invoicebox/types"
import { resolveInvoiceboxProvider } from "../providers/invoicebox/registry"
import { readSessionData } from "../payment/session-data"

export interface RefundableLineView {
  sku: string
  name: string
  /** units still refundable */
  quantity: number
  /** price of one unit */
  unit_amount: number
  /** money still refundable on the line */
  total_amount: number
  vat_code: string
  /** the delivery line */
  shipping: boolean
}

export interface RefundItemsPreview {
  lines: Array<{
    sku: string
    name: string
    quantity: number
    total_amount: number
    vat_amount: number
    vat_code: string
  }>
  amount: number
  vat_amount: number
}

export interface ChosenRefundItems {
  items: WantedGoods[]
  include_shipping: boolean
}

interface PaymentRow {
  id: string
  provider_id: string
  currency_code?: string | null
  data?: Record<string, unknown> | null
}

/** The payment's InvoiceBox order and client; a clear error when the payment is not an InvoiceBox one. */
export async function invoiceboxOrderOfPayment(
  container: MedusaContainer,
  paymentId: string
): Promise<{ client: InvoiceboxClient; orderId: string; currencyCode: string | null }> {
  const query = container.resolve<Query>(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "payment",
    fields: ["id", "provider_id", "currency_code", "data"],
    filters: { id: paymentId },
  })
  const payment = data[0] as PaymentRow | undefined
  if (!payment) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Payment ${paymentId} was not found`)
  const orderId = readSessionData(payment.data ?? {}).invoicebox_order_id
  if (!orderId) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Payment ${paymentId} is not an InvoiceBox payment`)
  }
  const { client } = resolveInvoiceboxProvider(container, payment.provider_id)
  return { client, orderId, currencyCode: payment.currency_code ?? null }
}

export function refundableLineViews(lines: readonly BasketItem[]): RefundableLineView[] {
  return lines
    .filter((line) => line.quantity > 0 && toKopecks(line.totalAmount) > 0)
    .map((line) => ({
      sku: line.sku,
      name: line.name,
      quantity: line.quantity,
      unit_amount: line.amount,
      total_amount: line.totalAmount,
      vat_code: line.vatCode,
      shipping: line.sku.startsWith(SHIPPING_SKU_PREFIX),
    }))
}

/** The goods a choice names: the chosen items, and every delivery line when it is refunded too. */
export function goodsOfChoice(refundable: readonly BasketItem[], choice: ChosenRefundItems): WantedGoods[] {
  const shipping = choice.include_shipping
    ? refundable
        .filter((line) => line.sku.startsWith(SHIPPING_SKU_PREFIX) && line.quantity > 0)
        .map((line) => ({ sku: line.sku, quantity: line.quantity }))
    : []
  return [...choice.items.filter((item) => Number(item.quantity) > 0), ...shipping]
}

/** The receipt a choice would print; INVALID_DATA (with the reason) for a choice that cannot be refunded. */
export function previewRefundItems(refundable: readonly BasketItem[], choice: ChosenRefundItems): RefundItemsPreview {
  const goods = goodsOfChoice(refundable, choice)
  if (goods.length === 0) throw new MedusaError(MedusaError.Types.INVALID_DATA, "Choose at least one item to refund")
  try {
    const picked = basketForGoods(refundable, goods)
    return {
      lines: picked.items.map((item) => ({
        sku: item.sku,
        name: item.name,
        quantity: item.quantity,
        total_amount: item.totalAmount,
        vat_amount: item.totalVatAmount,
        vat_code: item.vatCode,
      })),
      amount: kopecksToMajor(picked.amount),
      vat_amount: kopecksToMajor(picked.vatAmount),
    }
  } catch (error) {
    if (error instanceof GoodsSelectionError) throw new MedusaError(MedusaError.Types.INVALID_DATA, error.message)
    throw error
  }
}
