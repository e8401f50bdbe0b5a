/** Writes one entry of the notification log; undone by deleting it. */
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

import type { NotificationReply, Order } from "../../invoicebox/types"
import { INVOICEBOX_MODULE, type InvoiceboxModuleService } from "../../modules/invoicebox"
import type { NotificationSource } from "../types"

export const createInvoiceboxNotificationStepId = "create-invoicebox-notification"

export interface InvoiceboxNotificationEntry {
  received_at: Date
  source: NotificationSource
  provider_id: string
  invoicebox_order_id: string
  merchant_order_id: string | null
  payment_session_id: string | null
  order_status: string
  amount: number | null
  currency_code: string | null
  reply_status: "success" | "error"
  reply_code: string | null
  processing_ms: number
}

/** The log entry of an InvoiceBox order as received (or read) at `receivedAt` and answered with `reply`. */
export function invoiceboxNotificationEntry(input: {
  source: NotificationSource
  provider_id: string
  order: Pick<Order, "id" | "merchantOrderId" | "status" | "amount" | "currencyId">
  payment_session_id: string | null
  reply: NotificationReply
  received_at: Date
}): InvoiceboxNotificationEntry {
  const { order, reply } = input
  return {
    received_at: input.received_at,
    source: input.source,
    provider_id: input.provider_id,
    invoicebox_order_id: order.id,
    merchant_order_id: order.merchantOrderId || null,
    payment_session_id: input.payment_session_id,
    order_status: order.status,
    amount: order.amount,
    currency_code: order.currencyId.toLowerCase(),
    reply_status: reply.status,
    reply_code: reply.status === "error" ? reply.code : null,
    processing_ms: Date.now() - input.received_at.getTime(),
  }
}

export const createInvoiceboxNotificationStep = createStep(
  createInvoiceboxNotificationStepId,
  async (entry: InvoiceboxNotificationEntry, { container }) => {
    const service = container.resolve<InvoiceboxModuleService>(INVOICEBOX_MODULE)
    const created = await service.createInvoiceboxNotifications(entry)
    return new StepResponse(created, created.id)
  },
  async (id, { container }) => {
    if (!id) return
    await container.resolve<InvoiceboxModuleService>(INVOICEBOX_MODULE).deleteInvoiceboxNotifications(id)
  }
)
