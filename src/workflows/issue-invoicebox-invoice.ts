/**
 * An InvoiceBox invoice for what an order still owes (an order edit that added goods, a draft order,
 * an exchange): Medusa's payment collection for the outstanding amount
 * (createOrUpdateOrderPaymentCollectionWorkflow) and an InvoiceBox payment session on it
 * (createPaymentSessionsWorkflow) whose InvoiceBox order lists the goods owed and shows the order's
 * number; the invoice already open for that amount is returned instead (never two for one
 * collection — the order's lock holds a second click). Optionally e-mails the link to the buyer. When
 * it is paid, the notification captures the payment on that collection (settle-invoicebox-payment).
 */
import type { PaymentSessionDTO } from "@medusajs/framework/types"
import { createWorkflow, transform, when, WorkflowResponse, type WorkflowData } from "@medusajs/framework/workflows-sdk"
import {
  acquireLockStep,
  createOrUpdateOrderPaymentCollectionWorkflow,
  createPaymentSessionsWorkflow,
  releaseLockStep,
  useQueryGraphStep,
} from "@medusajs/medusa/core-flows"

import { MedusaError } from "@medusajs/framework/utils"

import { toKopecks } from "../invoicebox/money"
import { invoiceOfSession, type InvoiceboxInvoiceView } from "../lib/order-invoice"
import { newLockOwnerStep } from "./steps/new-lock-owner"
import { planInvoiceboxInvoiceStep } from "./steps/plan-invoicebox-invoice"
import { sendInvoiceboxInvoiceEmailStep, type InvoiceboxInvoiceEmail } from "./steps/send-invoicebox-invoice-email"

export const issueInvoiceboxInvoiceWorkflowId = "issue-invoicebox-invoice"

export interface IssueInvoiceboxInvoiceInput {
  order_id: string
  /** the InvoiceBox provider (default: the one the order was paid with, else the first) */
  provider_id?: string
  /** e-mail the payment link to the order's e-mail through the Notification Module */
  send_email?: boolean
}

export interface IssuedInvoiceboxInvoice {
  invoice: InvoiceboxInvoiceView
  order_display_id: string
  /** an invoice already open for this amount was returned */
  reused: boolean
  /** the basket names the goods owed (false: one line «Доплата по заказу №N») */
  itemized: boolean
  /** null when no e-mail was asked for */
  email: InvoiceboxInvoiceEmail | null
}

interface CollectionsRow {
  payment_collections?: Array<{ id: string; status: string; amount: unknown }> | null
}

/** The order's open payment collection for the outstanding amount (the one Medusa just made or updated). */
function openCollectionFor(order: CollectionsRow | undefined, outstanding: number): string {
  const wanted = toKopecks(outstanding, "half-up")
  const open = (order?.payment_collections ?? []).find(
    (collection) =>
      (collection.status === "not_paid" || collection.status === "awaiting") &&
      toKopecks(Number(collection.amount), "half-up") === wanted
  )
  if (!open) {
    throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `no open payment collection for ${outstanding}`)
  }
  return open.id
}

const LOCK_WAIT_S = 30
const LOCK_TTL_S = 120

export const issueInvoiceboxInvoiceWorkflow = createWorkflow(
  issueInvoiceboxInvoiceWorkflowId,
  (input: WorkflowData<IssueInvoiceboxInvoiceInput>) => {
    const lockKey = transform({ input }, ({ input }) => `invoicebox:invoice:${input.order_id}`)
    const lockOwner = newLockOwnerStep()
    acquireLockStep({ key: lockKey, ownerId: lockOwner, timeout: LOCK_WAIT_S, ttl: LOCK_TTL_S })

    const plan = planInvoiceboxInvoiceStep(
      transform({ input }, ({ input }) => ({ order_id: input.order_id, provider_id: input.provider_id }))
    )

    const created = when("when-new-invoicebox-invoice", { plan }, ({ plan }) => plan.reuse === null).then(() => {
      const ensured = createOrUpdateOrderPaymentCollectionWorkflow.runAsStep({
        input: transform({ plan }, ({ plan }) => ({ order_id: plan.order_id })),
      })
      // read back rather than trust the nested workflow's output (an update returns no rows here)
      const { data: orders } = useQueryGraphStep({
        entity: "order",
        fields: ["id", "payment_collections.id", "payment_collections.status", "payment_collections.amount"],
        filters: transform({ plan, ensured }, ({ plan }) => ({ id: plan.order_id })),
      }).config({ name: "read-invoicebox-invoice-collection" })
      return createPaymentSessionsWorkflow.runAsStep({
        input: transform({ plan, orders }, ({ plan, orders }) => ({
          payment_collection_id: openCollectionFor(orders[0] as CollectionsRow | undefined, plan.outstanding),
          provider_id: plan.provider_id,
          data: plan.data,
        })),
      })
    })

    const invoice = transform({ plan, created }, ({ plan, created }): InvoiceboxInvoiceView => {
      if (plan.reuse) return plan.reuse
      return invoiceOfSession(created as PaymentSessionDTO, plan.currency_code)
    })

    const email = when("when-email-invoicebox-invoice", { input }, ({ input }) => input.send_email === true).then(() =>
      sendInvoiceboxInvoiceEmailStep(
        transform({ plan, invoice }, ({ plan, invoice }) => ({
          to: plan.email,
          order_id: plan.order_id,
          display_id: plan.display_id,
          payment_url: invoice.payment_url,
          amount: invoice.amount,
          currency_code: invoice.currency_code,
        }))
      )
    )

    releaseLockStep({ key: lockKey, ownerId: lockOwner })

    return new WorkflowResponse(
      transform({ plan, invoice, email }, ({ plan, invoice, email }): IssuedInvoiceboxInvoice => ({
        invoice,
        order_display_id: plan.display_id,
        reused: plan.reuse !== null,
        itemized: plan.itemized,
        email: email ?? null,
      }))
    )
  }
)
