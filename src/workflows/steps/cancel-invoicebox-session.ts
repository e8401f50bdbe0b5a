/**
 * An unpaid InvoiceBox order was canceled or expired: the Medusa payment session made for it is
 * marked canceled, so the cart cannot be completed with it and the storefront starts a new payment.
 * Only a pending session whose current InvoiceBox order is this one; anything else is left alone.
 * The change goes through the payment module (the provider sees the order's final status and
 * creates nothing). Nothing to undo: the InvoiceBox order cannot be reopened either.
 */
import type { IPaymentModuleService } from "@medusajs/framework/types"
import { Modules, PaymentSessionStatus } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

import type { Order } from "../../invoicebox/types"
import { rememberFinalOrder } from "../../providers/invoicebox/verified-orders"

export const cancelInvoiceboxSessionStepId = "cancel-invoicebox-session"

export interface CancelInvoiceboxSessionInput {
  session: {
    id: string
    status: string
    amount: unknown
    currency_code: string
    data?: Record<string, unknown> | null
  } | null
  order: Order
}

export const cancelInvoiceboxSessionStep = createStep(
  cancelInvoiceboxSessionStepId,
  async ({ session, order }: CancelInvoiceboxSessionInput, { container }) => {
    const current = session?.data?.invoicebox_order_id === order.id
    if (!session || session.status !== PaymentSessionStatus.PENDING || !current) {
      return new StepResponse({ canceled: false })
    }
    // the provider's updatePayment reads the order from here instead of calling InvoiceBox again
    rememberFinalOrder(order)
    await container.resolve<IPaymentModuleService>(Modules.PAYMENT).updatePaymentSession({
      id: session.id,
      amount: session.amount as number,
      currency_code: session.currency_code,
      data: { ...(session.data ?? {}), status: order.status },
      status: PaymentSessionStatus.CANCELED,
    })
    return new StepResponse({ canceled: true })
  }
)
