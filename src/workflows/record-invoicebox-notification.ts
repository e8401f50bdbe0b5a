/**
 * Keeps one notification in the plugin's log (what InvoiceBox reported, what the plugin answered, how
 * long it took, where it came from) and links it to the Medusa payment when there is one.
 */
import { Modules } from "@medusajs/framework/utils"
import { createWorkflow, transform, when, WorkflowResponse, type WorkflowData } from "@medusajs/framework/workflows-sdk"
import { createRemoteLinkStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"

import { INVOICEBOX_MODULE } from "../modules/invoicebox"
import {
  createInvoiceboxNotificationStep,
  type InvoiceboxNotificationEntry,
} from "./steps/create-invoicebox-notification"

export const recordInvoiceboxNotificationWorkflowId = "record-invoicebox-notification"

export type RecordInvoiceboxNotificationInput = InvoiceboxNotificationEntry

export const recordInvoiceboxNotificationWorkflow = createWorkflow(
  recordInvoiceboxNotificationWorkflowId,
  (input: WorkflowData<RecordInvoiceboxNotificationInput>) => {
    const notification = createInvoiceboxNotificationStep(input)
    const paymentFilter = transform({ input }, ({ input }) => ({
      payment_session_id: input.payment_session_id ?? "none",
    }))
    const { data: payments } = useQueryGraphStep({ entity: "payment", fields: ["id"], filters: paymentFilter })
    when("when-link-invoicebox-notification", { payments }, ({ payments }) => payments.length > 0).then(() => {
      const link = transform({ payments, notification }, ({ payments, notification }) => [
        {
          [Modules.PAYMENT]: { payment_id: (payments[0] as { id: string }).id },
          [INVOICEBOX_MODULE]: { invoicebox_notification_id: notification.id },
        },
      ])
      createRemoteLinkStep(link)
    })
    return new WorkflowResponse(notification)
  }
)
