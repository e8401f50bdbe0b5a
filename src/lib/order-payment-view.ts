/**
 * The InvoiceBox side of a Medusa order, for the admin (a read; Sync is a workflow): each InvoiceBox
 * payment session of the order's payment collections next to what InvoiceBox says now (order status,
 * refund orders, shipments) and the plugin's notification log for it.
 */
import type { Query } from "@medusajs/framework"
import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"

import type { InvoiceboxClient } from "../invoicebox/client"
import { invoiceboxFailureOf, type InvoiceboxFailure } from "../invoicebox/errors"
import { kopecksToMajor, toKopecks, type MoneyInput } from "../invoicebox/money"
import type { Order, RefundOrder, Shipment } from "../invoicebox/types"
import { invoiceboxClient, resolveInvoiceboxProviders } from "../providers/invoicebox/registry"
import { findSessionOrder, readSessionData } from "../payment/session-data"
import type { NotificationSource } from "../modules/invoicebox/models/invoicebox-notification"

interface SessionRow {
  id: string
  status: string
  amount: unknown
  currency_code: string
  provider_id: string
  data?: Record<string, unknown> | null
  payment?: {
    id: string
    data?: Record<string, unknown> | null
    captured_at?: unknown
    canceled_at?: unknown
    refunds?: Array<{ amount: unknown }> | null
  } | null
}

interface OrderRow {
  id: string
  payment_collections?: Array<{ id: string; payment_sessions?: SessionRow[] | null }> | null
}

export interface NotificationLogView {
  id: string
  received_at: string
  source: NotificationSource
  order_status: string
  amount: number | null
  reply_status: "success" | "error"
  reply_code: string | null
  processing_ms: number
}

export interface InvoiceboxPaymentView {
  payment_collection_id: string
  session_id: string
  provider_id: string
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
  refunds: Array<{
    id: string
    merchant_order_id: string
    amount: number
    status: RefundOrder["status"]
    created_at: string
  }>
  shipments: Array<{ id: number; document_number: string | null; document_date: string | null }>
  /** the newest notification InvoiceBox sent (source http) */
  last_notification: {
    at: string
    order_status: string
    reply_status: "success" | "error"
    reply_code: string | null
  } | null
  /** the newest entries of the notification log, newest first */
  notifications: NotificationLogView[]
  /** when Sync last read InvoiceBox */
  synced_at: string | null
  error: InvoiceboxFailure | null
}

const LOG_ENTRIES_SHOWN = 20

export async function viewOrderPayments(container: MedusaContainer, orderId: string): Promise<InvoiceboxPaymentView[]> {
  const query = container.resolve<Query>(ContainerRegistrationKeys.QUERY)
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const providers = resolveInvoiceboxProviders(container)
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
  const sessions = (order.payment_collections ?? []).flatMap((collection) =>
    (collection.payment_sessions ?? []).map((session) => ({ collectionId: collection.id, session }))
  )
  const views: InvoiceboxPaymentView[] = []
  for (const { collectionId, session } of sessions) {
    const provider = providers.find((entry) => entry.providerId === session.provider_id)
    if (!provider) continue
    const log = await notificationLog(query, session.id)
    views.push(await viewSession(invoiceboxClient(provider.options, logger), collectionId, session, log))
  }
  return views
}

async function notificationLog(query: Query, sessionId: string): Promise<NotificationLogView[]> {
  const { data } = await query.graph({
    entity: "invoicebox_notification",
    fields: ["id", "received_at", "source", "order_status", "amount", "reply_status", "reply_code", "processing_ms"],
    filters: { payment_session_id: sessionId },
    pagination: { order: { received_at: "DESC" }, take: LOG_ENTRIES_SHOWN },
  })
  return (
    data as Array<Omit<NotificationLogView, "received_at" | "amount"> & { received_at: Date | string; amount: unknown }>
  ).map((row) => ({
    ...row,
    received_at: new Date(row.received_at).toISOString(),
    amount:
      row.amount === null || row.amount === undefined ? null : kopecksToMajor(toKopecks(row.amount as MoneyInput)),
  }))
}

async function viewSession(
  client: InvoiceboxClient,
  collectionId: string,
  session: SessionRow,
  log: NotificationLogView[]
): Promise<InvoiceboxPaymentView> {
  const data = { ...(session.data ?? {}), ...(session.payment?.data ?? {}) }
  const lastHttp = log.find((entry) => entry.source === "http")
  const view: InvoiceboxPaymentView = {
    payment_collection_id: collectionId,
    session_id: session.id,
    provider_id: session.provider_id,
    payment_id: session.payment?.id ?? null,
    medusa: {
      session_status: session.status,
      amount: Number(session.amount),
      currency_code: session.currency_code,
      captured: Boolean(session.payment?.captured_at),
      canceled: Boolean(session.payment?.canceled_at),
      refunded_amount: kopecksToMajor(
        (session.payment?.refunds ?? []).reduce((sum, refund) => sum + toKopecks(refund.amount as MoneyInput), 0)
      ),
    },
    invoicebox: null,
    refunds: [],
    shipments: [],
    last_notification: lastHttp
      ? {
          at: lastHttp.received_at,
          order_status: lastHttp.order_status,
          reply_status: lastHttp.reply_status,
          reply_code: lastHttp.reply_code,
        }
      : null,
    notifications: log,
    synced_at: log.find((entry) => entry.source === "sync")?.received_at ?? null,
    error: null,
  }
  try {
    const order = await findSessionOrder(client, { session_id: session.id, ...readSessionData(data) })
    if (!order) {
      return {
        ...view,
        error: {
          code: "order_not_found",
          message: `InvoiceBox has no order for payment session ${session.id}`,
          request_id: null,
        },
      }
    }
    const [refunds, shipments] =
      order.status === "completed"
        ? await Promise.all([client.refundOrdersOf(order.id), client.shipmentsOf(order.id)])
        : [[], []]
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
    return { ...view, error: invoiceboxFailureOf(error) }
  }
}

function refundView(refund: RefundOrder): InvoiceboxPaymentView["refunds"][number] {
  return {
    id: refund.id,
    merchant_order_id: refund.merchantOrderId,
    amount: refund.amount,
    status: refund.status,
    created_at: refund.createdAt,
  }
}

function shipmentView(shipment: Shipment): InvoiceboxPaymentView["shipments"][number] {
  return {
    id: shipment.id,
    document_number: shipment.documentNumber ?? null,
    document_date: shipment.documentDate ?? null,
  }
}
