/**
 * Writing and reading the v1 store's notification log (models/invoicebox-notification.ts) through its
 * TypeORM repository. The admin widget shows it; nothing reads it to decide a payment.
 */
import type { EntityManager } from "typeorm"

import type { NotificationReply, OrderNotification } from "../../invoicebox/types"
import { InvoiceboxNotification } from "../models/invoicebox-notification"

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
  const repository = manager.getRepository(InvoiceboxNotification)
  await repository.save(
    repository.create({
      invoicebox_order_id: notification.id,
      merchant_order_id: notification.merchantOrderId,
      status: notification.status,
      amount: String(notification.amount),
      currency_code: notification.currencyId.toLowerCase(),
      reply: reply.status === "success" ? "success" : reply.code,
      payment_session_id: entry.paymentSessionId,
      cart_id: entry.cartId,
      received_at: entry.receivedAt,
    })
  )
}

/** The latest notifications of an InvoiceBox order, newest first. */
export async function notificationsOf(
  manager: EntityManager,
  invoiceboxOrderId: string,
  limit = 20
): Promise<LoggedNotification[]> {
  const rows = await manager.getRepository(InvoiceboxNotification).find({
    where: { invoicebox_order_id: invoiceboxOrderId },
    order: { received_at: "DESC" },
    take: limit,
  })
  return rows.map((row) => ({ status: row.status, reply: row.reply, received_at: row.received_at.toISOString() }))
}
