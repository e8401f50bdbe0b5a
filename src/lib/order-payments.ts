/**
 * The InvoiceBox side of a Medusa order, for the admin: each InvoiceBox payment session of the order's
 * payment collections next to what InvoiceBox says now (order status, refund orders, shipments), and
 * Sync — which re-reads InvoiceBox and applies a payment Medusa missed (a lost notification) the same
 * way a notification would.
 */
import type { ConfigModule, Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"

import type { InvoiceboxClient } from "../invoicebox/client"
import { InvoiceboxApiError, InvoiceboxError } from "../invoicebox/errors"
import { kopecksToMajor, toKopecks, type MoneyInput } from "../invoicebox/money"
import type { Order, RefundOrder, Shipment } from "../invoicebox/types"
import { clientFor } from "../providers/invoicebox/client-factory"
import { findSessionOrder, readSessionData } from "../providers/invoicebox/session-data"
import { invoiceboxProviderEntry, invoiceboxProviderId, type InvoiceboxProviderEntry } from "./invoicebox-config"
import { recordOnPayment, type LastNotification } from "./payment-record"
import { settlePaidOrder } from "./settle-paid-order"

type Query = { graph: (config: Record<string, unknown>) => Promise<{ data: unknown[] }> }

interface SessionRow {
  id: string
  status: string
  amount: unknown
  currency_code: string
  provider_id: string
  data?: Record<string, unknown> | null
  payment?: { id: string; data?: Record<string, unknown> | null; captured_at?: unknown; canceled_at?: unknown; refunds?: Array<{ amount: unknown }> | null } | null
}

interface OrderRow {
  id: string
  payment_collections?: Array<{ id: string; payment_sessions?: SessionRow[] | null }> | null
}

/** An InvoiceBox failure as the admin sees it: the API code and the X-Request-Id support asks for. */
export interface InvoiceboxFailure {
  code: string
  message: string
  request_id: string | null
}

export interface InvoiceboxPaymentView {
  payment_collection_id: string
  session_id: string
  payment_id: string | null
  medusa: {
    session_status: string
    amount: number
    currency_code: string
    captured: boolean
    canceled: boolean
    refunded_amount: number
  }
  invoicebox: {
    order_id: string
    merchant_order_id: string
    status: Order["status"]
    amount: number
    currency_code: string
    payment_url: string
    paid_at: string | null
    expires_at: string
  } | null
  refunds: Array<{ id: string; merchant_order_id: string; amount: number; status: RefundOrder["status"]; created_at: string }>
  shipments: Array<{ id: number; document_number: string | null; document_date: string | null }>
  last_notification: LastNotification | null
  synced_at: string | null
  error: InvoiceboxFailure | null
}

export interface SyncOutcome {
  session_id: string
  /** what Sync did: applied a missed payment, found nothing to change, or could not tell */
  result: "applied" | "up_to_date" | "refused" | "failed"
  message: string
}

export async function viewOrderPayments(container: MedusaContainer, orderId: string): Promise<InvoiceboxPaymentView[]> {
  const { entry, client } = setup(container)
  const sessions = await invoiceboxSessionsOf(container, entry, orderId)
  return Promise.all(sessions.map(({ collectionId, session }) => viewSession(client, collectionId, session)))
}

export async function syncOrderPayments(container: MedusaContainer, orderId: string): Promise<{ outcomes: SyncOutcome[]; payments: InvoiceboxPaymentView[] }> {
  const { entry, client, logger } = setup(container)
  const outcomes: SyncOutcome[] = []
  for (const { session } of await invoiceboxSessionsOf(container, entry, orderId)) {
    outcomes.push(await syncSession(container, entry, client, session, logger))
  }
  return { outcomes, payments: await viewOrderPayments(container, orderId) }
}

function setup(container: MedusaContainer): { entry: InvoiceboxProviderEntry; client: InvoiceboxClient; logger: Logger } {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const entry = invoiceboxProviderEntry(container.resolve<ConfigModule>(ContainerRegistrationKeys.CONFIG_MODULE))
  return { entry, client: clientFor(entry.options, logger), logger }
}

async function invoiceboxSessionsOf(
  container: MedusaContainer,
  entry: InvoiceboxProviderEntry,
  orderId: string
): Promise<Array<{ collectionId: string; session: SessionRow }>> {
  const query = container.resolve<Query>(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: [
      "id",
      "payment_collections.id",
      "payment_collections.payment_sessions.id",
      "payment_collections.payment_sessions.status",
      "payment_collections.payment_sessions.amount",
      "payment_collections.payment_sessions.currency_code",
      "payment_collections.payment_sessions.provider_id",
      "payment_collections.payment_sessions.data",
      "payment_collections.payment_sessions.payment.id",
      "payment_collections.payment_sessions.payment.data",
      "payment_collections.payment_sessions.payment.captured_at",
      "payment_collections.payment_sessions.payment.canceled_at",
      "payment_collections.payment_sessions.payment.refunds.amount",
    ],
    filters: { id: orderId },
  })
  const order = data[0] as OrderRow | undefined
  if (!order) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${orderId} was not found`)
  const providerId = invoiceboxProviderId(entry)
  return (order.payment_collections ?? []).flatMap((collection) =>
    (collection.payment_sessions ?? []).filter((session) => session.provider_id === providerId).map((session) => ({ collectionId: collection.id, session }))
  )
}

/** The payment's data when Medusa made a payment (it is the newer copy), else the session's. */
function dataOf(session: SessionRow): Record<string, unknown> {
  return { ...(session.data ?? {}), ...(session.payment?.data ?? {}) }
}

function readInvoiceboxOrder(client: InvoiceboxClient, session: SessionRow): Promise<Order | null> {
  return findSessionOrder(client, { session_id: session.id, ...readSessionData(dataOf(session)) })
}

async function viewSession(client: InvoiceboxClient, collectionId: string, session: SessionRow): Promise<InvoiceboxPaymentView> {
  const data = dataOf(session)
  const view: InvoiceboxPaymentView = {
    payment_collection_id: collectionId,
    session_id: session.id,
    payment_id: session.payment?.id ?? null,
    medusa: {
      session_status: session.status,
      amount: Number(session.amount),
      currency_code: session.currency_code,
      captured: Boolean(session.payment?.captured_at),
      canceled: Boolean(session.payment?.canceled_at),
      refunded_amount: kopecksToMajor((session.payment?.refunds ?? []).reduce((sum, refund) => sum + toKopecks(refund.amount as MoneyInput), 0)),
    },
    invoicebox: null,
    refunds: [],
    shipments: [],
    last_notification: (data.last_notification as LastNotification | undefined) ?? null,
    synced_at: typeof data.synced_at === "string" ? data.synced_at : null,
    error: null,
  }
  try {
    const order = await readInvoiceboxOrder(client, session)
    if (!order) return { ...view, error: { code: "order_not_found", message: `InvoiceBox has no order for payment session ${session.id}`, request_id: null } }
    const [refunds, shipments] = order.status === "completed" ? await Promise.all([client.refundOrdersOf(order.id), client.shipmentsOf(order.id)]) : [[], []]
    return {
      ...view,
      invoicebox: {
        order_id: order.id,
        merchant_order_id: order.merchantOrderId,
        status: order.status,
        amount: order.amount,
        currency_code: order.currencyId.toLowerCase(),
        payment_url: order.paymentUrl,
        paid_at: order.paidAt ?? null,
        expires_at: order.expirationDate,
      },
      refunds: refunds.map(refundView),
      shipments: shipments.map(shipmentView),
    }
  } catch (error) {
    return { ...view, error: failureOf(error) }
  }
}

async function syncSession(
  container: MedusaContainer,
  entry: InvoiceboxProviderEntry,
  client: InvoiceboxClient,
  session: SessionRow,
  logger: Logger
): Promise<SyncOutcome> {
  let order: Order | null
  try {
    order = await readInvoiceboxOrder(client, session)
  } catch (error) {
    const failure = failureOf(error)
    return { session_id: session.id, result: "failed", message: `${failure.message} [${failure.code}, X-Request-Id ${failure.request_id ?? "none"}]` }
  }
  if (!order) return { session_id: session.id, result: "failed", message: `InvoiceBox has no order for payment session ${session.id}` }

  let outcome: SyncOutcome = { session_id: session.id, result: "up_to_date", message: `InvoiceBox order ${order.id} is ${order.status}; Medusa already agrees` }
  const applied = session.status === "authorized" || session.status === "captured"
  if (order.status === "completed" && !applied) {
    const { reply } = await settlePaidOrder(container, entry, order)
    outcome =
      reply.status === "success"
        ? { session_id: session.id, result: "applied", message: `InvoiceBox order ${order.id} was paid; the payment is now recorded in Medusa` }
        : { session_id: session.id, result: "refused", message: `InvoiceBox order ${order.id} is paid but was not applied: ${reply.code}${reply.message ? ` (${reply.message})` : ""}` }
    logger.info(`InvoiceBox Sync of payment session ${session.id}: ${outcome.message}`)
  }
  await recordOnPayment(container, session.id, { status: order.status, paid_at: order.paidAt ?? null, synced_at: new Date().toISOString() })
  return outcome
}

function refundView(refund: RefundOrder): InvoiceboxPaymentView["refunds"][number] {
  return { id: refund.id, merchant_order_id: refund.merchantOrderId, amount: refund.amount, status: refund.status, created_at: refund.createdAt }
}

function shipmentView(shipment: Shipment): InvoiceboxPaymentView["shipments"][number] {
  return { id: shipment.id, document_number: shipment.documentNumber ?? null, document_date: shipment.documentDate ?? null }
}

function failureOf(error: unknown): InvoiceboxFailure {
  if (error instanceof InvoiceboxApiError) return { code: error.code, message: error.message, request_id: error.requestId ?? null }
  if (error instanceof InvoiceboxError) return { code: error.code, message: error.message, request_id: null }
  return { code: "unexpected_error", message: error instanceof Error ? error.message : String(error), request_id: null }
}
