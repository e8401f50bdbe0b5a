/**
 * Applies a paid InvoiceBox order to Medusa (from a notification, the admin's Sync or reconciliation):
 * checks money and session, then — under a lock on the InvoiceBox order, held by the Locking Module
 * across every server — runs Medusa's processPaymentWorkflow, which turns the cart into an order.
 * A cart that cannot become an order gets its money back: through Medusa when it recorded the payment,
 * then whatever is left at InvoiceBox. Returns the reply InvoiceBox is to get.
 */
import { createWorkflow, transform, when, WorkflowResponse, type WorkflowData } from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, refundPaymentStep, releaseLockStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"

import { notificationError, notificationSuccess } from "../invoicebox/notification"
import type { NotificationReply } from "../invoicebox/types"
import { sessionIdFromMerchantOrderId } from "../providers/invoicebox/session-data"
import { checkPaidInvoiceboxOrderStep } from "./steps/check-paid-invoicebox-order"
import { INVOICEBOX_SESSION_FIELDS, isSessionSettled, type InvoiceboxSessionRow } from "./steps/invoicebox-session"
import { processInvoiceboxPaymentStep } from "./steps/process-invoicebox-payment"
import { reverseInvoiceboxPaymentStep } from "./steps/reverse-invoicebox-payment"
import type { PaidInvoiceboxOrder } from "./types"

export const settleInvoiceboxPaymentWorkflowId = "settle-invoicebox-payment"

export interface SettleInvoiceboxPaymentInput {
  /** Medusa's provider id of the InvoiceBox account the order belongs to */
  provider_id: string
  /** auto: the payment is captured; manual: authorized (the admin's Capture registers the shipment) */
  capture_mode: "auto" | "manual"
  order: PaidInvoiceboxOrder
}

export interface SettleInvoiceboxPaymentResult {
  reply: NotificationReply
  /** the Medusa payment session the order belongs to, when found */
  session_id: string | null
}

interface OutcomePayment {
  id: string
  amount: unknown
  captured_at?: unknown
  canceled_at?: unknown
  refunds?: Array<{ id: string }> | null
}

/** A paid order refused for a reason that means the money must go back. */
function refusedPayment(reply: NotificationReply | null): "order_already_paid" | "order_wrong_amount" | null {
  if (reply?.status !== "error") return null
  return reply.code === "order_already_paid" || reply.code === "order_wrong_amount" ? reply.code : null
}

/** How long a duplicate waits for the lock before InvoiceBox is told to retry, seconds. */
const LOCK_WAIT_S = 15
/** A lock left by a crashed process expires, seconds. */
const LOCK_TTL_S = 60

export const settleInvoiceboxPaymentWorkflow = createWorkflow(
  settleInvoiceboxPaymentWorkflowId,
  (input: WorkflowData<SettleInvoiceboxPaymentInput>) => {
    const sessionFilter = transform({ input }, ({ input }) => ({
      // an empty merchantOrderId must never match every session
      id: sessionIdFromMerchantOrderId(input.order.merchantOrderId) || "none",
    }))
    const { data: sessions } = useQueryGraphStep({
      entity: "payment_session",
      fields: INVOICEBOX_SESSION_FIELDS,
      filters: sessionFilter,
    }).config({
      name: "find-invoicebox-session",
    })
    const session = transform({ sessions }, ({ sessions }) => sessions[0] as InvoiceboxSessionRow | undefined)
    const check = checkPaidInvoiceboxOrderStep({ provider_id: input.provider_id, order: input.order, session })

    const lockKey = transform({ input }, ({ input }) => `invoicebox:order:${input.order.id}`)
    // the session read again under the lock (a step's output: undefined when no lock was needed)
    const locked = when("when-lock-invoicebox-order", { check }, ({ check }) => check.reply === null).then(() => {
      acquireLockStep({
        key: lockKey,
        ownerId: check.lock_owner,
        timeout: LOCK_WAIT_S,
        ttl: LOCK_TTL_S,
        executeOnSubWorkflow: true,
      })
      return useQueryGraphStep({
        entity: "payment_session",
        fields: INVOICEBOX_SESSION_FIELDS,
        filters: sessionFilter,
      }).config({
        name: "reread-invoicebox-session",
      })
    })
    // processed by another server while this one waited for the lock: nothing to do
    const toApply = ({ locked }: { locked: { data: unknown[] } | undefined }): boolean =>
      locked !== undefined && !isSessionSettled(locked.data[0] as InvoiceboxSessionRow | undefined)

    when("when-process-invoicebox-payment", { locked }, toApply).then(() => {
      processInvoiceboxPaymentStep(
        transform({ input, check }, ({ input, check }) => ({
          session_id: check.session_id!,
          order: input.order,
          capture_mode: input.capture_mode,
        }))
      )
    })

    // Medusa's compensation of a failed cart completion deletes the payment session: the cart and the
    // payment are read by the ids known before
    const outcomeFilters = transform({ session, check }, ({ session, check }) => ({
      cart: { id: session?.payment_collection?.cart?.id ?? "none" },
      payment: { payment_session_id: check.session_id ?? "none" },
    }))
    const outcome = when("when-read-invoicebox-outcome", { locked }, toApply).then(() => {
      const { data: carts } = useQueryGraphStep({
        entity: "cart",
        fields: ["id", "order.id"],
        filters: outcomeFilters.cart,
      }).config({
        name: "read-invoicebox-cart-outcome",
      })
      const { data: payments } = useQueryGraphStep({
        entity: "payment",
        fields: ["id", "amount", "captured_at", "canceled_at", "refunds.id"],
        filters: outcomeFilters.payment,
      }).config({ name: "read-invoicebox-payment-outcome" })
      return transform({ carts, payments, session }, ({ carts, payments, session }) => {
        const cart = carts[0] as { id: string; order?: { id: string } | null } | undefined
        const payment = payments[0] as OutcomePayment | undefined
        return {
          order_made: !session?.payment_collection?.cart || Boolean(cart?.order?.id),
          // Medusa's own compensation may already have refunded or canceled it: only what is left
          medusa_refund:
            payment && payment.captured_at && !payment.canceled_at && (payment.refunds ?? []).length === 0
              ? { payment_id: payment.id, amount: payment.amount as number }
              : null,
        }
      })
    })

    when("when-refund-invoicebox-in-medusa", { outcome }, ({ outcome }) =>
      Boolean(outcome && !outcome.order_made && outcome.medusa_refund)
    ).then(() => {
      refundPaymentStep(transform({ outcome }, ({ outcome }) => outcome!.medusa_refund!))
    })
    when("when-reverse-invoicebox-payment", { outcome }, ({ outcome }) => Boolean(outcome && !outcome.order_made)).then(
      () => {
        reverseInvoiceboxPaymentStep({
          provider_id: input.provider_id,
          order: input.order,
          reason: "shipping_unavailable",
        })
      }
    )
    // money the store cannot keep (the cart was paid with another session, or with another amount) is
    // returned at once, never silently kept; the reply still tells InvoiceBox why
    when("when-return-refused-invoicebox-payment", { check }, ({ check }) => refusedPayment(check.reply) !== null).then(
      () => {
        reverseInvoiceboxPaymentStep(
          transform({ input, check }, ({ input, check }) => ({
            provider_id: input.provider_id,
            order: input.order,
            reason: refusedPayment(check.reply)!,
          }))
        ).config({ name: "return-refused-invoicebox-payment" })
      }
    )

    when("when-unlock-invoicebox-order", { locked }, ({ locked }) => locked !== undefined).then(() => {
      releaseLockStep({ key: lockKey, ownerId: check.lock_owner, executeOnSubWorkflow: true })
    })

    const result = transform({ check, outcome }, ({ check, outcome }): SettleInvoiceboxPaymentResult => {
      if (check.reply) return { reply: check.reply, session_id: check.session_id }
      if (outcome && !outcome.order_made) {
        return {
          reply: notificationError(
            "shipping_unavailable",
            "the order cannot be fulfilled; the payment is being returned"
          ),
          session_id: check.session_id,
        }
      }
      return { reply: notificationSuccess(), session_id: check.session_id }
    })
    return new WorkflowResponse(result)
  }
)
