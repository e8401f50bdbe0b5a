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
import { sessionIdFromMerchantOrderId } from "../payment/session-data"
import { checkPaidInvoiceboxOrderStep } from "./steps/check-paid-invoicebox-order"
import { INVOICEBOX_SESSION_FIELDS, type InvoiceboxSessionRow } from "./steps/invoicebox-session"
import { newLockOwnerStep } from "./steps/new-lock-owner"
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
    // every server takes the InvoiceBox order's lock before reading the session, so a duplicate that
    // waited reads what the first one did; the owner is this run's own (the lock refuses any other)
    const lockKey = transform({ input }, ({ input }) => `invoicebox:order:${input.order.id}`)
    const lockOwner = newLockOwnerStep()
    acquireLockStep({
      key: lockKey,
      ownerId: lockOwner,
      timeout: LOCK_WAIT_S,
      ttl: LOCK_TTL_S,
      executeOnSubWorkflow: true,
    })
    const { data: sessions } = useQueryGraphStep({
      entity: "payment_session",
      fields: INVOICEBOX_SESSION_FIELDS,
      filters: transform({ input }, ({ input }) => ({
        // an empty merchantOrderId must never match every session
        id: sessionIdFromMerchantOrderId(input.order.merchantOrderId) || "none",
      })),
    }).config({
      name: "find-invoicebox-session",
    })
    const session = transform({ sessions }, ({ sessions }) => sessions[0] as InvoiceboxSessionRow | undefined)
    const check = checkPaidInvoiceboxOrderStep({ provider_id: input.provider_id, order: input.order, session })

    const outcome = when("when-process-invoicebox-payment", { check }, ({ check }) => check.reply === null).then(() =>
      processInvoiceboxPaymentStep(
        transform({ input, check, session }, ({ input, check, session }) => ({
          session_id: check.session_id!,
          cart_id: session?.payment_collection?.cart?.id ?? null,
          order: input.order,
          capture_mode: input.capture_mode,
        }))
      )
    )

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

    releaseLockStep({ key: lockKey, ownerId: lockOwner, executeOnSubWorkflow: true })

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
