/**
 * The v1 store's log of InvoiceBox notifications (table `invoicebox_notification`, created by the
 * plugin's migration): what came, for which session and cart, and what InvoiceBox was answered. The
 * admin widget shows it; nothing reads it to decide a payment.
 */
import { randomUUID } from "node:crypto"

import type { EntityManager } from "typeorm"

import type { NotificationReply, OrderNotification } from "../../invoicebox/types"

export interface NotificationLogEntry {
  notification: OrderNotification
  reply: NotificationReply
  paymentSessionId: string | null
  cartId: string | null
  receivedAt: Date
}

export interface LoggedNotification {
  status: string
  reply: string
  received_at: string
}

export async function recordNotification(manager: EntityManager, entry: NotificationLogEntry): Promise<void> {
  const { notification, reply } = entry
  await manager.query(
    `INSERT INTO invoicebox_notification
       (id, invoicebox_order_id, merchant_order_id, status, amount, currency_code, reply, payment_session_id, cart_id, received_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      `ibn_${randomUUID().replace(/-/g, "")}`,
      notification.id,
      notification.merchantOrderId,
      notification.status,
      String(notification.amount),
      notification.currencyId.toLowerCase(),
      reply.status === "success" ? "success" : reply.code,
      entry.paymentSessionId,
      entry.cartId,
      entry.receivedAt.toISOString(),
    ]
  )
}

/** The latest notifications of an InvoiceBox order, newest first. */
export async function notificationsOf(
  manager: EntityManager,
  invoiceboxOrderId: string,
  limit = 20
): Promise<LoggedNotification[]> {
  const rows = (await manager.query(
    `SELECT status, reply, received_at FROM invoicebox_notification
      WHERE invoicebox_order_id = $1 ORDER BY received_at DESC LIMIT $2`,
    [invoiceboxOrderId, limit]
  )) as Array<{ status: string; reply: string; received_at: Date }>
  return rows.map((row) => ({ status: row.status, reply: row.reply, received_at: row.received_at.toISOString() }))
}
