/**
 * Decides what a paid InvoiceBox order means for its Medusa payment session: unknown session, wrong
 * amount or currency, paid with another session, already applied — each with the reply InvoiceBox
 * expects — or "apply" (reply null). Reads nothing itself; changes nothing.
 */
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

import { toKopecks, type MoneyInput } from "../../invoicebox/money"
import { notificationError, notificationSuccess } from "../../invoicebox/notification"
import type { NotificationReply } from "../../invoicebox/types"
import { sessionIdFromMerchantOrderId } from "../../payment/session-data"
import type { PaidInvoiceboxOrder } from "../types"
import { isSessionSettled, settledInvoiceboxOrderId, type InvoiceboxSessionRow } from "./invoicebox-session"

export const checkPaidInvoiceboxOrderStepId = "check-paid-invoicebox-order"

export interface CheckPaidInvoiceboxOrderInput {
  provider_id: string
  order: PaidInvoiceboxOrder
  session: InvoiceboxSessionRow | undefined
}

export interface PaidInvoiceboxOrderCheck {
  /** the final reply, or null when the payment is to be applied */
  reply: NotificationReply | null
  session_id: string | null
}

export function checkPaidInvoiceboxOrder({
  provider_id,
  order,
  session,
}: CheckPaidInvoiceboxOrderInput): PaidInvoiceboxOrderCheck {
  if (!session || session.provider_id !== provider_id) {
    const sessionId = sessionIdFromMerchantOrderId(order.merchantOrderId)
    return {
      reply: notificationError("order_not_found", `no InvoiceBox payment session ${sessionId || "(empty)"}`),
      session_id: null,
    }
  }
  const found = (reply: NotificationReply | null): PaidInvoiceboxOrderCheck => ({
    reply,
    session_id: session.id,
  })
  const sameMoney =
    toKopecks(order.amount) === toKopecks(session.amount as MoneyInput) &&
    order.currencyId.toLowerCase() === session.currency_code.toLowerCase()
  if (!sameMoney) {
    return found(
      notificationError(
        "order_wrong_amount",
        `paid ${order.amount} ${order.currencyId}, the session is for ${String(session.amount)} ${session.currency_code}`
      )
    )
  }
  const paidElsewhere = (session.payment_collection?.payment_sessions ?? []).some(
    (other) => other.id !== session.id && (other.status === "authorized" || other.status === "captured")
  )
  if (paidElsewhere)
    return found(notificationError("order_already_paid", "the cart was paid with another payment session"))
  if (isSessionSettled(session)) {
    // another InvoiceBox order of the same session paid too: a second payment, not a repeat
    const settledWith = settledInvoiceboxOrderId(session)
    if (settledWith && settledWith !== order.id) {
      return found(notificationError("order_already_paid", `the session was paid with InvoiceBox order ${settledWith}`))
    }
    // a repeat of a processed notification (or a duplicate that waited for the lock) changes nothing
    return found(notificationSuccess())
  }
  return found(null)
}

export const checkPaidInvoiceboxOrderStep = createStep(
  checkPaidInvoiceboxOrderStepId,
  async (input: CheckPaidInvoiceboxOrderInput) => {
    return new StepResponse(checkPaidInvoiceboxOrder(input))
  }
)
