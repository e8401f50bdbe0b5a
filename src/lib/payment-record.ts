/**
 * What the plugin learns about a payment after Medusa created it (the last notification, a Sync's
 * reading of InvoiceBox) is kept on the Medusa payment's `data`, next to what the provider stored,
 * so the admin widget can show it. Nothing here touches money.
 */
import type { IPaymentModuleService, MedusaContainer, UpdatePaymentDTO } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"

import type { NotificationReply } from "../invoicebox/types"

type Query = { graph: (config: Record<string, unknown>) => Promise<{ data: unknown[] }> }

export interface LastNotification {
  at: string
  /** the InvoiceBox order status the notification reported */
  order_status: string
  /** what the plugin answered */
  reply_status: NotificationReply["status"]
  reply_code: string | null
}

/** Merges `patch` into the data of the payment made from `sessionId`; false when there is no payment yet. */
export async function recordOnPayment(container: MedusaContainer, sessionId: string, patch: Record<string, unknown>): Promise<boolean> {
  const query = container.resolve<Query>(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "payment", fields: ["id", "data"], filters: { payment_session_id: sessionId } })
  const payment = data[0] as { id: string; data?: Record<string, unknown> | null } | undefined
  if (!payment) return false
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  // the payment module stores `data` as given; its DTO type only names the id
  await paymentModule.updatePayment({ id: payment.id, data: { ...(payment.data ?? {}), ...patch } } as UpdatePaymentDTO)
  return true
}

export function lastNotificationOf(orderStatus: string, reply: NotificationReply, at = new Date()): LastNotification {
  return {
    at: at.toISOString(),
    order_status: orderStatus,
    reply_status: reply.status,
    reply_code: reply.status === "error" ? reply.code : null,
  }
}
