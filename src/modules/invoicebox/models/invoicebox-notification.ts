/** One notification about an InvoiceBox order, as the plugin received and answered it. */
import { model } from "@medusajs/framework/utils"

export const NOTIFICATION_SOURCES = ["http", "websocket", "sync", "reconciliation"] as const
export type NotificationSource = (typeof NOTIFICATION_SOURCES)[number]

export const InvoiceboxNotification = model
  .define("invoicebox_notification", {
    id: model.id({ prefix: "ibnotif" }).primaryKey(),
    received_at: model.dateTime(),
    /** http: InvoiceBox's POST; websocket: its WebSocket gate; sync: the admin's Sync; reconciliation: the scheduled check */
    source: model.enum([...NOTIFICATION_SOURCES]),
    /** Medusa's provider id the notification was routed to */
    provider_id: model.text(),
    invoicebox_order_id: model.text(),
    merchant_order_id: model.text().nullable(),
    payment_session_id: model.text().nullable(),
    /** the order status InvoiceBox reported */
    order_status: model.text(),
    amount: model.bigNumber().nullable(),
    currency_code: model.text().nullable(),
    reply_status: model.enum(["success", "error"]),
    reply_code: model.text().nullable(),
    processing_ms: model.number(),
  })
  .indexes([{ on: ["invoicebox_order_id"] }, { on: ["payment_session_id"] }, { on: ["received_at"] }])
