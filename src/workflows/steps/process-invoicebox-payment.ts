/**
 * Records a paid InvoiceBox session in Medusa and turns its cart into an order, in the order Medusa's
 * processPaymentWorkflow does it: the payment first (authorized, and captured in auto mode — the
 * Payment Module captures what the provider reports captured), under the cart's lock, then Medusa's
 * completeCartWorkflow run by the workflow engine. A session that pays no cart (an order's payment
 * collection) goes through processPaymentWorkflow itself. A cart that cannot be completed leaves no
 * order behind (Medusa's compensation); the step then reports what is left of the payment so the
 * settle workflow returns the money. Undoing a payment is Medusa's own compensation, not this step's.
 */
import type {
  ILockingModule,
  IPaymentModuleService,
  IWorkflowEngineService,
  MedusaContainer,
  Query,
} from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules, PaymentActions } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { completeCartWorkflowId, processPaymentWorkflowId } from "@medusajs/medusa/core-flows"

import { errorMessageOf } from "../../invoicebox/errors"
import type { Order } from "../../invoicebox/types"
import { rememberFinalOrder } from "../../providers/invoicebox/verified-orders"

export const processInvoiceboxPaymentStepId = "process-invoicebox-payment"

export interface ProcessInvoiceboxPaymentInput {
  session_id: string
  /** the cart the session pays, when it pays one */
  cart_id: string | null
  /** the paid order as InvoiceBox reported it (a verified notification or a fresh read) */
  order: Order
  capture_mode: "auto" | "manual"
}

export interface ProcessedInvoiceboxPayment {
  /** the cart became an order (or the session pays no cart) */
  order_made: boolean
  /** a captured payment Medusa still holds for a cart that did not become an order */
  medusa_refund: { payment_id: string; amount: number } | null
}

export const processInvoiceboxPaymentStep = createStep(
  processInvoiceboxPaymentStepId,
  async ({ session_id, cart_id, order, capture_mode }: ProcessInvoiceboxPaymentInput, { container }) => {
    // the provider's authorizePayment reads the order from here instead of calling InvoiceBox again
    rememberFinalOrder(order)
    const { errors, order_id } = cart_id
      ? await payThenCompleteCart(container, session_id, cart_id)
      : await processPayment(container, session_id, order, capture_mode)
    const query = container.resolve<Query>(ContainerRegistrationKeys.QUERY)
    if (!cart_id || order_id || (await orderOfCart(query, cart_id))) {
      return new StepResponse<ProcessedInvoiceboxPayment>({ order_made: true, medusa_refund: null })
    }
    // Medusa's compensation of a failed cart completion deletes the payment session: the payment is
    // found by the session's id known before
    const { data: payments } = await query.graph({
      entity: "payment",
      fields: ["id", "amount", "captured_at", "canceled_at", "refunds.id"],
      filters: { payment_session_id: session_id },
    })
    const payment = payments[0] as HeldPayment | undefined
    const message = errors.map((failure) => errorMessageOf(failure.error)).join("; ")
    // a payment that was not even recorded is a failure to retry, not money to return
    if (!payment) {
      throw new MedusaError(
        MedusaError.Types.UNEXPECTED_STATE,
        `the payment of session ${session_id} was not recorded${message ? `: ${message}` : ""}`
      )
    }
    // Medusa's own compensation may already have refunded or canceled it: only what is left
    const held = Boolean(payment.captured_at) && !payment.canceled_at && (payment.refunds ?? []).length === 0
    return new StepResponse<ProcessedInvoiceboxPayment>({
      order_made: false,
      medusa_refund: held ? { payment_id: payment.id, amount: Number(payment.amount) } : null,
    })
  }
)

/** Seconds to wait for the cart's lock (a storefront completing the same cart holds it). */
const CART_LOCK_WAIT_S = 30

interface Ran {
  errors: Array<{ error: unknown }>
  /** the order the cart became, when the workflow says so */
  order_id: string | null
}

/** The payment recorded under the cart's lock, then the cart completed (Medusa's own workflow). */
async function payThenCompleteCart(container: MedusaContainer, sessionId: string, cartId: string): Promise<Ran> {
  const payments = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  await container
    .resolve<ILockingModule>(Modules.LOCKING)
    .execute(cartId, () => payments.authorizePaymentSession(sessionId, {}), { timeout: CART_LOCK_WAIT_S })
  const { errors, result } = await container
    .resolve<IWorkflowEngineService>(Modules.WORKFLOW_ENGINE)
    .run(completeCartWorkflowId, { input: { id: cartId }, throwOnError: false })
  const made = errors.length === 0 ? (result as { id?: string } | undefined)?.id : undefined
  return { errors, order_id: made ?? null }
}

/** Medusa's processPaymentWorkflow, for a session that pays no cart. */
async function processPayment(
  container: MedusaContainer,
  sessionId: string,
  order: Order,
  captureMode: "auto" | "manual"
): Promise<Ran> {
  const { errors } = await container
    .resolve<IWorkflowEngineService>(Modules.WORKFLOW_ENGINE)
    .run(processPaymentWorkflowId, {
      input: {
        action: captureMode === "auto" ? PaymentActions.SUCCESSFUL : PaymentActions.AUTHORIZED,
        data: { session_id: sessionId, amount: order.amount },
      },
      throwOnError: false,
    })
  return { errors, order_id: null }
}

interface HeldPayment {
  id: string
  amount: unknown
  captured_at?: unknown
  canceled_at?: unknown
  refunds?: Array<{ id: string }> | null
}

/** The id of the order made from the cart (one read of the cart ↔ order link), or null. */
async function orderOfCart(query: Query, cartId: string): Promise<string | null> {
  const { data } = await query.graph({ entity: "order_cart", fields: ["order_id"], filters: { cart_id: cartId } })
  const link = data[0] as { order_id?: string } | undefined
  return link?.order_id ?? null
}
