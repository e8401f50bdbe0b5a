/**
 * The plan of an InvoiceBox invoice for what a Medusa order still owes (an order edit that added
 * goods, a draft order, an exchange): the amount (the order summary's pending difference), the
 * InvoiceBox provider, an invoice already open for that amount (reused: never two for one payment
 * collection) or the signed basket of a new one — the goods owed by name (the order's basket minus
 * the baskets its InvoiceBox payments paid) when they add up to the amount, else one line
 * «Доплата по заказу №N». Reads only (Medusa and InvoiceBox).
 */
import type { Query } from "@medusajs/framework"
import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"

import { buildBasketForAmount, type BasketLineInput } from "../invoicebox/basket"
import { InvoiceboxError } from "../invoicebox/errors"
import { toKopecks, kopecksToMajor } from "../invoicebox/money"
import { outstandingBasketLines } from "../invoicebox/outstanding-basket"
import type { BasketItem, Order } from "../invoicebox/types"
import { cartBasketLines } from "../payment/cart-basket"
import { StoreDataError } from "../payment/errors"
import { toMedusaError } from "../providers/invoicebox/errors"
import type { InvoiceboxProviderOptions } from "../payment/options"
import {
  invoiceboxClient,
  resolveInvoiceboxProviders,
  type InvoiceboxProviderEntry,
} from "../providers/invoicebox/registry"
import { readSessionData, type BasketSummaryLine } from "../payment/session-data"
import { CART_BASKET_FIELDS, type CartForBasket } from "./cart-for-basket"
import { serverBasketData } from "./server-basket"

interface PaymentRow {
  id: string
  provider_id: string
  captured_at?: unknown
  canceled_at?: unknown
  data?: Record<string, unknown> | null
}

interface SessionRow {
  id: string
  provider_id: string
  status: string
  amount: unknown
  currency_code: string
  data?: Record<string, unknown> | null
}

interface CollectionRow {
  id: string
  status: string
  amount: unknown
  payment_sessions?: SessionRow[] | null
  payments?: PaymentRow[] | null
}

type OrderRow = Omit<CartForBasket, "payment_collection"> & {
  display_id?: number | string | null
  currency_code?: string | null
  total?: unknown
  summary?: { pending_difference?: unknown } | null
  payment_collections?: CollectionRow[] | null
}

const ORDER_INVOICE_FIELDS = [
  ...CART_BASKET_FIELDS,
  "display_id",
  "summary",
  "payment_collections.id",
  "payment_collections.status",
  "payment_collections.amount",
  "payment_collections.payment_sessions.id",
  "payment_collections.payment_sessions.provider_id",
  "payment_collections.payment_sessions.status",
  "payment_collections.payment_sessions.amount",
  "payment_collections.payment_sessions.currency_code",
  "payment_collections.payment_sessions.data",
  "payment_collections.payments.id",
  "payment_collections.payments.provider_id",
  "payment_collections.payments.captured_at",
  "payment_collections.payments.canceled_at",
  "payment_collections.payments.data",
]

/** Collections Medusa still takes payments on (createOrUpdateOrderPaymentCollectionWorkflow's). */
const OPEN_COLLECTION_STATUSES = new Set(["not_paid", "awaiting"])
/** Collections paid and not captured yet (createOrUpdateOrderPaymentCollectionWorkflow would cancel them). */
const AUTHORIZED_COLLECTION_STATUSES = new Set(["authorized", "partially_authorized"])

/** An invoice as the admin sees it. */
export interface InvoiceboxInvoiceView {
  payment_collection_id: string
  session_id: string
  provider_id: string
  invoicebox_order_id: string
  payment_url: string
  status: string
  amount: number
  currency_code: string
  expires_at: string | null
  basket: BasketSummaryLine[]
}

export interface InvoiceboxInvoicePlan {
  order_id: string
  display_id: string
  email: string | null
  currency_code: string
  /** what the order still owes, major units */
  outstanding: number
  provider_id: string
  /** the invoice already open for this amount, reused as it is */
  reuse: InvoiceboxInvoiceView | null
  /** the session data of a new invoice: the signed basket */
  data: Record<string, unknown>
  /** the new invoice names the goods owed (false: one line for the amount) */
  itemized: boolean
}

export interface PlanInvoiceInput {
  order_id: string
  provider_id?: string
}

export async function planInvoiceboxInvoice(
  container: MedusaContainer,
  input: PlanInvoiceInput
): Promise<InvoiceboxInvoicePlan> {
  const query = container.resolve<Query>(ContainerRegistrationKeys.QUERY)
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const { data } = await query.graph({
    entity: "order",
    fields: ORDER_INVOICE_FIELDS,
    filters: { id: input.order_id },
  })
  const order = data[0] as OrderRow | undefined
  if (!order) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${input.order_id} was not found`)
  const displayId = String(order.display_id ?? order.id)
  const outstanding = kopecksToMajor(toKopecks(Number(order.summary?.pending_difference ?? 0), "half-up"))
  if (!(outstanding > 0)) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Order #${displayId} has no outstanding amount (${outstanding} ${String(order.currency_code ?? "").toUpperCase()}): there is nothing to invoice`
    )
  }

  const providers = resolveInvoiceboxProviders(container)
  const ours = new Set(providers.map((entry) => entry.providerId))
  const collections = order.payment_collections ?? []
  const payments = collections.flatMap((collection) => collection.payments ?? [])
  const paidWithUs = payments.filter((payment) => ours.has(payment.provider_id) && !payment.canceled_at)
  const wanted = input.provider_id ?? paidWithUs[0]?.provider_id ?? providers[0]?.providerId
  const provider = providers.find((entry) => entry.providerId === wanted)
  if (!provider) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      wanted ? `${wanted} is not an InvoiceBox provider of this store` : "No InvoiceBox provider is configured"
    )
  }
  const client = invoiceboxClient(provider.options, logger)

  // an InvoiceBox payment authorized on an open collection is paid and awaits Capture (manual mode)
  const awaitingCapture = collections.find(
    (collection) =>
      AUTHORIZED_COLLECTION_STATUSES.has(collection.status) &&
      (collection.payments ?? []).some(
        (payment) => ours.has(payment.provider_id) && !payment.captured_at && !payment.canceled_at
      )
  )
  if (awaitingCapture) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Order #${displayId}: payment collection ${awaitingCapture.id} is paid and awaits Capture; capture it instead of issuing an invoice`
    )
  }

  const reuse = await openInvoice(client, collections, provider.providerId, outstanding, displayId)
  const base = {
    order_id: order.id,
    display_id: displayId,
    email: order.email ?? null,
    currency_code: String(order.currency_code ?? ""),
    outstanding,
    provider_id: provider.providerId,
  }
  if (reuse) {
    const itemized = !reuse.basket.every((line) => line.name.startsWith(SURCHARGE_LINE_NAME))
    return { ...base, reuse, data: {}, itemized }
  }

  const { data: sessionData, itemized } = await outstandingSessionData(
    order,
    paidWithUs,
    provider.options,
    client,
    outstanding,
    logger
  )
  return { ...base, reuse: null, data: sessionData, itemized }
}

/**
 * The signed session data of an InvoiceBox payment of `amount` towards an order: the goods it still
 * owes by name (the order's basket minus the baskets its captured InvoiceBox payments paid) when they
 * add up to the amount, else one line «Доплата по заказу №N». The buyer sees the order's number.
 */
async function outstandingSessionData(
  order: OrderRow,
  paidWithUs: PaymentRow[],
  options: InvoiceboxProviderOptions,
  client: ReturnType<typeof invoiceboxClient>,
  amount: number,
  logger: Logger
): Promise<{ data: Record<string, unknown>; itemized: boolean }> {
  const displayId = String(order.display_id ?? order.id)
  const paidBaskets = await Promise.all(
    paidWithUs
      .filter((payment) => payment.captured_at)
      .map(async (payment) => {
        const orderId = readSessionData(payment.data ?? undefined).invoicebox_order_id
        return orderId ? ((await client.getOrder(orderId))?.basketItems ?? []) : []
      })
  )
  const whole = orderBasket(order, options, logger)
  const { lines, itemized, reason } = outstandingBasketLines(
    whole,
    paidBaskets,
    amount,
    surchargeLine(displayId, amount, options)
  )
  if (!itemized) logger.info(`InvoiceBox: the payment of ${amount} towards order #${displayId} is one line: ${reason}`)
  return {
    data: serverBasketData(order, lines, options.token, { order_id: order.id, order_display_id: displayId }),
    itemized,
  }
}

/**
 * The session data for a payment session a storefront (or the admin) opens on a payment collection
 * of an order rather than of a cart — e.g. a collection the admin created for an extra amount: the
 * goods owed by name or «Доплата по заказу №N» for the collection's amount, with the order's number
 * shown to the buyer. Null when the collection belongs to no order.
 */
export async function orderCollectionSessionData(
  container: MedusaContainer,
  paymentCollectionId: string,
  provider: InvoiceboxProviderEntry
): Promise<Record<string, unknown> | null> {
  const query = container.resolve<Query>(ContainerRegistrationKeys.QUERY)
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const { data: collections } = await query.graph({
    entity: "payment_collection",
    fields: ["id", "amount", "order.id"],
    filters: { id: paymentCollectionId },
  })
  const collection = collections[0] as { amount?: unknown; order?: { id?: string } | null } | undefined
  const orderId = collection?.order?.id
  if (!collection || !orderId) return null
  const { data: orders } = await query.graph({
    entity: "order",
    fields: ORDER_INVOICE_FIELDS,
    filters: { id: orderId },
  })
  const order = orders[0] as OrderRow | undefined
  if (!order) return null
  const ours = new Set(resolveInvoiceboxProviders(container).map((entry) => entry.providerId))
  const paidWithUs = (order.payment_collections ?? [])
    .flatMap((row) => row.payments ?? [])
    .filter((payment) => ours.has(payment.provider_id) && !payment.canceled_at)
  const amount = kopecksToMajor(toKopecks(Number(collection.amount ?? 0), "half-up"))
  const client = invoiceboxClient(provider.options, logger)
  return (await outstandingSessionData(order, paidWithUs, provider.options, client, amount, logger)).data
}

/** The order's whole basket as the plugin builds it for a cart; empty when it cannot be built. */
function orderBasket(order: OrderRow, options: InvoiceboxProviderOptions, logger: Logger): BasketItem[] {
  try {
    return buildBasketForAmount(cartBasketLines(order, options), Number(order.total ?? 0), {
      type: options.defaultItemType,
      measure: options.defaultMeasure,
      measureCode: options.defaultMeasureCode,
      paymentType: options.defaultPaymentType,
    }).items
  } catch (error) {
    // a product's bad receipt metadata is the store's to fix: Medusa's 400 naming it
    if (error instanceof StoreDataError) throw toMedusaError(error, "building the receipt basket")
    if (!(error instanceof InvoiceboxError)) throw error
    logger.info(`InvoiceBox: the basket of order ${order.id} cannot be built: ${error.message}`)
    return []
  }
}

const SURCHARGE_LINE_NAME = "Доплата по заказу №"

/** One line for the whole amount owed, when the goods cannot be named. */
function surchargeLine(displayId: string, amount: number, options: InvoiceboxProviderOptions): BasketLineInput {
  return {
    sku: `surcharge-${displayId}`.slice(0, 500),
    name: `${SURCHARGE_LINE_NAME}${displayId}`,
    unitPrice: amount,
    quantity: 1,
    // the amount owed, whatever the code (an `_ADDED` defaultVatCode adds no VAT on top)
    grossTotal: amount,
    vatCode: options.defaultVatCode,
    type: "service",
    paymentType: options.defaultPaymentType,
  }
}

/**
 * The InvoiceBox invoice still open on the order's open payment collection for exactly this amount
 * (its InvoiceBox order unpaid), or null. A paid one whose notification is not recorded yet is an error.
 */
async function openInvoice(
  client: ReturnType<typeof invoiceboxClient>,
  collections: CollectionRow[],
  providerId: string,
  outstanding: number,
  displayId: string
): Promise<InvoiceboxInvoiceView | null> {
  for (const collection of collections) {
    if (!OPEN_COLLECTION_STATUSES.has(collection.status)) continue
    for (const session of collection.payment_sessions ?? []) {
      if (session.provider_id !== providerId || session.status !== "pending") continue
      const stored = readSessionData(session.data ?? undefined)
      if (!stored.invoicebox_order_id) continue
      if (toKopecks(Number(session.amount), "half-up") !== toKopecks(outstanding, "half-up")) continue
      const current: Order | null = await client.getOrder(stored.invoicebox_order_id)
      if (!current) continue
      if (current.status === "completed") {
        throw new MedusaError(
          MedusaError.Types.NOT_ALLOWED,
          `Order #${displayId}: InvoiceBox order ${current.id} is already paid and is being recorded; use Sync`
        )
      }
      if (current.status !== "created") continue
      return {
        payment_collection_id: collection.id,
        session_id: session.id,
        provider_id: providerId,
        invoicebox_order_id: current.id,
        payment_url: current.paymentUrl,
        status: current.status,
        amount: current.amount,
        currency_code: current.currencyId.toLowerCase(),
        expires_at: current.expirationDate ?? null,
        basket: stored.basket ?? [],
      }
    }
  }
  return null
}

/** The invoice view of a session the payment module just created. */
export function invoiceOfSession(
  session: { id: string; payment_collection_id: string; provider_id: string; data?: Record<string, unknown> | null },
  currencyCode: string
): InvoiceboxInvoiceView {
  const stored = readSessionData(session.data ?? undefined)
  return {
    payment_collection_id: session.payment_collection_id,
    session_id: session.id,
    provider_id: session.provider_id,
    invoicebox_order_id: stored.invoicebox_order_id ?? "",
    payment_url: stored.payment_url ?? "",
    status: stored.status ?? "created",
    amount: stored.amount ?? 0,
    currency_code: stored.currency_code ?? currencyCode,
    expires_at: typeof session.data?.expires_at === "string" ? session.data.expires_at : null,
    basket: stored.basket ?? [],
  }
}
