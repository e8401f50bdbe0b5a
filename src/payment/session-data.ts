/**
 * What the provider keeps on the Medusa payment session / payment (`data`), what the storefront may
 * read, and the server-made basket the plugin's middleware attaches to a session creation.
 *
 * The storefront can put anything in `data`; nothing it sends sets lines, prices, VAT, the merchant or
 * URLs. The basket is trusted only when it carries a valid HMAC made with the shop's token (which the
 * storefront never sees) by the plugin's own middleware.
 */
import type { InvoiceboxClient } from "../invoicebox/client"
import { signBody, verifyBodySignature } from "../invoicebox/signature"
import type { BasketLineInput } from "../invoicebox/basket"
import type { BasketItem, Customer, Order, RefundOrder } from "../invoicebox/types"

/** Keys of the server-made basket in the session creation's `data`. */
export const SERVER_BASKET_KEY = "invoicebox_basket"
export const SERVER_BASKET_SIGNATURE_KEY = "invoicebox_basket_signature"
export const SERVER_CUSTOMER_KEY = "invoicebox_customer"

export interface ServerBasket {
  lines: BasketLineInput[]
  customer?: Customer
  /** the cart or order the payment is for; an order's number as its buyer knows it (`display_id`) */
  reference?: { cart_id?: string; order_id?: string; order_display_id?: string }
}

export interface BasketSummaryLine {
  name: string
  quantity: number
  measure: string
  amount: number
  total: number
  vat_code: string
}

/** The session data the storefront reads (never secrets, never the raw cart). */
export type InvoiceboxSessionData = {
  session_id: string
  invoicebox_order_id: string
  merchant_order_id: string
  payment_url: string
  status: Order["status"]
  amount: number
  currency_code: string
  expires_at: string
  paid_at?: string | null
  cart_id?: string | null
  basket: BasketSummaryLine[]
  shipment_ids?: number[]
  refunds?: Array<{ id: string; merchant_order_id: string; amount: number; status: string }>
  last_notification_at?: string | null
  last_notification_status?: string | null
  /** goods returned and not refunded yet (a received return): Medusa's next refund names them */
  pending_refund_goods?: PendingRefundGoods | null
}

export interface PendingRefundGoods {
  /** what they came back with, e.g. `return:<id>` */
  source: string
  goods: Array<{ sku: string; quantity: number }>
}

/** The returned goods recorded in a payment's data, when they are well formed. */
export function pendingRefundGoodsOf(data: Record<string, unknown> | undefined): PendingRefundGoods | null {
  const pending = data?.pending_refund_goods as { source?: unknown; goods?: unknown } | null | undefined
  if (!pending || typeof pending.source !== "string" || !Array.isArray(pending.goods)) return null
  const goods = pending.goods.filter(
    (entry): entry is { sku: string; quantity: number } =>
      typeof entry === "object" &&
      entry !== null &&
      typeof (entry as { sku?: unknown }).sku === "string" &&
      typeof (entry as { quantity?: unknown }).quantity === "number" &&
      (entry as { quantity: number }).quantity > 0
  )
  return goods.length > 0 ? { source: pending.source, goods } : null
}

export function signServerBasket(basket: ServerBasket, token: string): string {
  return signBody(JSON.stringify(basket), token, "sha256")
}

/** The server basket from a session creation's data, when its signature is valid; else null. */
export function readServerBasket(data: Record<string, unknown> | undefined, token: string): ServerBasket | null {
  const basket = data?.[SERVER_BASKET_KEY]
  const signature = data?.[SERVER_BASKET_SIGNATURE_KEY]
  if (typeof basket !== "object" || basket === null || typeof signature !== "string") return null
  if (!verifyBodySignature(JSON.stringify(basket), signature, token, "sha256")) return null
  const candidate = basket as ServerBasket
  return Array.isArray(candidate.lines) && candidate.lines.length > 0 ? candidate : null
}

export function summarizeBasket(items: BasketItem[]): BasketSummaryLine[] {
  return items.map((item) => ({
    name: item.name,
    quantity: item.quantity,
    measure: item.measure,
    amount: item.amount,
    total: item.totalAmount,
    vat_code: item.vatCode,
  }))
}

/** The session's InvoiceBox order: by its id, else by merchantOrderId (null when there is neither or none). */
export async function findSessionOrder(
  client: InvoiceboxClient,
  data: Partial<InvoiceboxSessionData>
): Promise<Order | null> {
  if (data.invoicebox_order_id) return client.getOrder(data.invoicebox_order_id)
  const merchantOrderId = data.merchant_order_id ?? data.session_id
  return merchantOrderId ? client.findOrderByMerchantOrderId(merchantOrderId) : null
}

/** The provider's view of stored session/payment data; null fields when it is not ours. */
export function readSessionData(data: Record<string, unknown> | undefined): Partial<InvoiceboxSessionData> {
  if (!data) return {}
  const pick = <K extends keyof InvoiceboxSessionData>(
    key: K,
    type: "string" | "number"
  ): InvoiceboxSessionData[K] | undefined =>
    typeof data[key] === type ? (data[key] as InvoiceboxSessionData[K]) : undefined
  return {
    session_id: pick("session_id", "string"),
    invoicebox_order_id: pick("invoicebox_order_id", "string"),
    merchant_order_id: pick("merchant_order_id", "string"),
    payment_url: pick("payment_url", "string"),
    status: pick("status", "string"),
    amount: pick("amount", "number"),
    currency_code: pick("currency_code", "string"),
    cart_id: pick("cart_id", "string"),
    refunds: Array.isArray(data.refunds) ? (data.refunds as InvoiceboxSessionData["refunds"]) : undefined,
    shipment_ids: Array.isArray(data.shipment_ids) ? (data.shipment_ids as number[]) : undefined,
    basket: Array.isArray(data.basket) ? (data.basket as BasketSummaryLine[]) : undefined,
  }
}

/**
 * The merchantOrderId of a session's InvoiceBox order: the session id, with `~N` when the order had
 * to be replaced (an order cannot be changed after some states, and merchantOrderIds are unique).
 */
export function merchantOrderIdFor(sessionId: string, attempt = 1): string {
  return attempt <= 1 ? sessionId : `${sessionId}~${attempt}`
}

export function sessionIdFromMerchantOrderId(merchantOrderId: string): string {
  const at = merchantOrderId.indexOf("~")
  return at < 0 ? merchantOrderId : merchantOrderId.slice(0, at)
}

export function attemptOfMerchantOrderId(merchantOrderId: string): number {
  const at = merchantOrderId.indexOf("~")
  const n = at < 0 ? 1 : Number(merchantOrderId.slice(at + 1))
  return Number.isInteger(n) && n > 0 ? n : 1
}

/** What a session keeps of its InvoiceBox order right after the order is made or changed. */
export function sessionDataOf(
  sessionId: string,
  order: Order,
  cartId: string | null | undefined
): InvoiceboxSessionData {
  return {
    session_id: sessionId,
    invoicebox_order_id: order.id,
    merchant_order_id: order.merchantOrderId,
    payment_url: order.paymentUrl,
    status: order.status,
    amount: order.amount,
    currency_code: order.currencyId.toLowerCase(),
    expires_at: order.expirationDate,
    paid_at: order.paidAt ?? null,
    cart_id: cartId ?? null,
    basket: summarizeBasket(order.basketItems),
  }
}

/** The stored data with the InvoiceBox order's current state. */
export function withOrderState(data: Record<string, unknown> | undefined, order: Order): Record<string, unknown> {
  return {
    ...(data ?? {}),
    invoicebox_order_id: order.id,
    merchant_order_id: order.merchantOrderId,
    payment_url: order.paymentUrl,
    status: order.status,
    paid_at: order.paidAt ?? null,
  }
}

/** The stored data with a refund order recorded (once per refund id). */
export function withRefundRecorded(data: Record<string, unknown>, refund: RefundOrder): Record<string, unknown> {
  const refunds = readSessionData(data).refunds ?? []
  const entry = {
    id: refund.id,
    merchant_order_id: refund.merchantOrderId,
    amount: refund.amount,
    status: refund.status,
  }
  return { ...data, refunds: [...refunds.filter((known) => known.id !== refund.id), entry] }
}
