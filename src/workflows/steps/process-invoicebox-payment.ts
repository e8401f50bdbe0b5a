/**
 * Medusa's own processPaymentWorkflow for a paid InvoiceBox session, run by the workflow engine as
 * Medusa runs cart completion after a payment: the payment is authorized (and captured in auto mode)
 * and the cart becomes an order. A cart that cannot be completed leaves no order behind (Medusa's
 * compensation); the settle workflow then returns the money. Undoing a payment is Medusa's own
 * compensation, not this step's.
 */
import type { IPaymentModuleService, IWorkflowEngineService } from "@medusajs/framework/types"
import { MedusaError, Modules, PaymentActions } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { processPaymentWorkflowId } from "@medusajs/medusa/core-flows"

import { errorMessageOf } from "../../invoicebox/errors"
import type { Order } from "../../invoicebox/types"
import { rememberFinalOrder } from "../../providers/invoicebox/verified-orders"

export const processInvoiceboxPaymentStepId = "process-invoicebox-payment"

export interface ProcessInvoiceboxPaymentInput {
  session_id: string
  /** the paid order as InvoiceBox reported it (a verified notification or a fresh read) */
  order: Order
  capture_mode: "auto" | "manual"
}

export const processInvoiceboxPaymentStep = createStep(
  processInvoiceboxPaymentStepId,
  async ({ session_id, order, capture_mode }: ProcessInvoiceboxPaymentInput, { container }) => {
    // the provider's authorizePayment reads the order from here instead of calling InvoiceBox again
    rememberFinalOrder(order)
    const amount = order.amount
    const engine = container.resolve<IWorkflowEngineService>(Modules.WORKFLOW_ENGINE)
    const { errors } = await engine.run(processPaymentWorkflowId, {
      input: {
        action: capture_mode === "auto" ? PaymentActions.SUCCESSFUL : PaymentActions.AUTHORIZED,
        data: { session_id, amount },
      },
      throwOnError: false,
    })
    if (errors.length === 0) return new StepResponse({ session_id, cart_error: null })
    // the payment was recorded but the cart could not become an order (out of stock...): the settle
    // workflow returns the money; a payment that was not even recorded is a failure to retry
    const payments = await container
      .resolve<IPaymentModuleService>(Modules.PAYMENT)
      .listPayments({ payment_session_id: session_id }, { select: ["id"] })
    const message = errors.map((failure: { error: unknown }) => errorMessageOf(failure.error)).join("; ")
    if (payments.length === 0)
      throw new MedusaError(
        MedusaError.Types.UNEXPECTED_STATE,
        `the payment of session ${session_id} was not recorded: ${message}`
      )
    return new StepResponse({ session_id, cart_error: message })
  }
)
