/** The notification log keeps `notificationRetentionDays` (default 90): older entries are deleted. */
import { createWorkflow, WorkflowResponse, type WorkflowData } from "@medusajs/framework/workflows-sdk"

import { deleteExpiredInvoiceboxNotificationsStep } from "./steps/delete-expired-invoicebox-notifications"

export const pruneInvoiceboxNotificationsWorkflowId = "prune-invoicebox-notifications"

export const pruneInvoiceboxNotificationsWorkflow = createWorkflow(
  pruneInvoiceboxNotificationsWorkflowId,
  (input: WorkflowData<{ now: Date }>) => {
    return new WorkflowResponse(deleteExpiredInvoiceboxNotificationsStep(input))
  }
)
