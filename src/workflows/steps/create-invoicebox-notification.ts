/** Writes one entry of the notification log; undone by deleting it. */
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

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
