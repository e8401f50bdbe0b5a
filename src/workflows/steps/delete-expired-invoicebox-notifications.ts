/** Deletes log entries older than the module's retention (`notificationRetentionDays`, default 90). */
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

import { INVOICEBOX_MODULE, type InvoiceboxModuleService } from "../../modules/invoicebox"

export const deleteExpiredInvoiceboxNotificationsStepId = "delete-expired-invoicebox-notifications"

const DAY_MS = 24 * 60 * 60 * 1000

export const deleteExpiredInvoiceboxNotificationsStep = createStep(
  deleteExpiredInvoiceboxNotificationsStepId,
  async ({ now }: { now: Date }, { container }) => {
    const service = container.resolve<InvoiceboxModuleService>(INVOICEBOX_MODULE)
    const before = new Date(new Date(now).getTime() - service.retentionDays * DAY_MS)
    const expired = await service.listInvoiceboxNotifications(
      { received_at: { $lt: before } },
      { select: ["id"], take: null }
    )
    if (expired.length > 0) await service.deleteInvoiceboxNotifications(expired.map((entry) => entry.id))
    return new StepResponse({ deleted: expired.length, before })
  }
)
