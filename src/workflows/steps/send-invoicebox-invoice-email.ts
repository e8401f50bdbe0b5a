/**
 * Sends an invoice's payment link to the buyer through Medusa's Notification Module (channel
 * `email`, template `invoicebox-invoice`; the store's e-mail provider renders it). A store with no
 * e-mail provider, or an order with no e-mail, gets `sent: false` and the reason — the invoice stays.
 */
import type { INotificationModuleService, Logger } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

import { errorMessageOf } from "../../invoicebox/errors"

export const sendInvoiceboxInvoiceEmailStepId = "send-invoicebox-invoice-email"

/** The Notification Module template of the e-mail. */
export const INVOICEBOX_INVOICE_EMAIL_TEMPLATE = "invoicebox-invoice"

export interface SendInvoiceboxInvoiceEmailInput {
  to: string | null
  order_id: string
  display_id: string
  payment_url: string
  amount: number
  currency_code: string
}

export interface InvoiceboxInvoiceEmail {
  to: string | null
  sent: boolean
  notification_id: string | null
  error: string | null
}

export const sendInvoiceboxInvoiceEmailStep = createStep(
  sendInvoiceboxInvoiceEmailStepId,
  async (input: SendInvoiceboxInvoiceEmailInput, { container }) => {
    const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
    if (!input.to) {
      return new StepResponse<InvoiceboxInvoiceEmail>({
        to: null,
        sent: false,
        notification_id: null,
        error: `order #${input.display_id} has no e-mail`,
      })
    }
    try {
      const notifications = container.resolve<INotificationModuleService>(Modules.NOTIFICATION)
      const created = await notifications.createNotifications({
        to: input.to,
        channel: "email",
        template: INVOICEBOX_INVOICE_EMAIL_TEMPLATE,
        trigger_type: "invoicebox.invoice_issued",
        resource_id: input.order_id,
        resource_type: "order",
        data: {
          order_id: input.order_id,
          order_display_id: input.display_id,
          payment_url: input.payment_url,
          amount: input.amount,
          currency_code: input.currency_code,
        },
      })
      logger.info(`InvoiceBox: the invoice of order #${input.display_id} was sent to ${input.to}`)
      return new StepResponse<InvoiceboxInvoiceEmail>({
        to: input.to,
        sent: true,
        notification_id: created?.id ?? null,
        error: null,
      })
    } catch (error) {
      // no e-mail provider (or it failed): the invoice is issued all the same; the admin copies the link
      const message = errorMessageOf(error)
      logger.warn(`InvoiceBox: the invoice of order #${input.display_id} was not e-mailed: ${message}`)
      return new StepResponse<InvoiceboxInvoiceEmail>({
        to: input.to,
        sent: false,
        notification_id: null,
        error: message,
      })
    }
  }
)
