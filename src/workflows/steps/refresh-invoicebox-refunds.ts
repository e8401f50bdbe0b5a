/**
 * Brings the InvoiceBox refund orders of Medusa refunds up to date: the refunds not yet final
 * (`created`, `draft`, or never checked) are read at InvoiceBox in one list request per provider and
 * kept in the plugin's refund log (linked to the payment). A refund InvoiceBox completed is logged; one
 * it canceled is a warning — Medusa shows the money as returned, the buyer did not get it. The log is
 * a record of InvoiceBox's state, not a change to undo: no compensation.
 */
import type { Link } from "@medusajs/framework/modules-sdk"
import type { Logger } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

import { describeInvoiceboxFailure } from "../../invoicebox/errors"
import type { RefundOrder } from "../../invoicebox/types"
import { INVOICEBOX_MODULE, type InvoiceboxModuleService } from "../../modules/invoicebox"
import { invoiceboxClient, resolveInvoiceboxProviders } from "../../providers/invoicebox/registry"

export const refreshInvoiceboxRefundsStepId = "refresh-invoicebox-refunds"

/** InvoiceBox's refund statuses after which nothing changes any more. */
const FINAL_REFUND_STATUSES = new Set(["completed", "canceled"])

/** A refund order the provider recorded in a Medusa payment's data when Medusa refunded it. */
export interface RefundCandidate {
  payment_id: string
  provider_id: string
  currency_code: string | null
  invoicebox_refund_id: string
  merchant_order_id: string | null
  amount: number
}

export interface InvoiceboxRefundChange {
  payment_id: string
  invoicebox_refund_id: string
  amount: number
  currency_code: string | null
  /** null when the refund was not in the log before */
  from: string | null
  to: string
}

export interface RefreshedInvoiceboxRefunds {
  /** refund orders read at InvoiceBox */
  checked: number
  requests: number
  changes: InvoiceboxRefundChange[]
  failed: number
}

export const refreshInvoiceboxRefundsStep = createStep(
  refreshInvoiceboxRefundsStepId,
  async ({ refunds }: { refunds: RefundCandidate[] }, { container }) => {
    const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
    const service = container.resolve<InvoiceboxModuleService>(INVOICEBOX_MODULE)
    const result: RefreshedInvoiceboxRefunds = { checked: 0, requests: 0, changes: [], failed: 0 }
    if (refunds.length === 0) return new StepResponse(result)

    const logged = await service.listInvoiceboxRefunds({
      invoicebox_refund_id: refunds.map((refund) => refund.invoicebox_refund_id),
    })
    const known = new Map(logged.map((row) => [row.invoicebox_refund_id, row]))
    const open = refunds.filter((refund) => {
      const row = known.get(refund.invoicebox_refund_id)
      return !row || !FINAL_REFUND_STATUSES.has(row.status)
    })

    for (const provider of resolveInvoiceboxProviders(container)) {
      const mine = open.filter((refund) => refund.provider_id === provider.providerId)
      if (mine.length === 0) continue
      let orders: Map<string, RefundOrder>
      try {
        const ids = mine.map((refund) => refund.invoicebox_refund_id)
        const page = await invoiceboxClient(provider.options, logger).listRefundOrders({
          filter: { id: ids },
          pageSize: ids.length,
        })
        result.requests += 1
        orders = new Map(page.items.map((order) => [order.id, order]))
      } catch (error) {
        result.failed += mine.length
        logger.warn(
          `InvoiceBox refunds (${provider.providerId}) could not be read: ${describeInvoiceboxFailure(error)}`
        )
        continue
      }
      const checkedAt = new Date()
      for (const refund of mine) {
        const order = orders.get(refund.invoicebox_refund_id)
        if (!order) continue
        result.checked += 1
        const row = known.get(refund.invoicebox_refund_id)
        if (row) {
          await service.updateInvoiceboxRefunds({ id: row.id, status: order.status, checked_at: checkedAt })
        } else {
          const created = await service.createInvoiceboxRefunds({
            provider_id: refund.provider_id,
            payment_id: refund.payment_id,
            invoicebox_refund_id: order.id,
            merchant_order_id: order.merchantOrderId || refund.merchant_order_id,
            amount: order.amount,
            currency_code: refund.currency_code,
            status: order.status,
            checked_at: checkedAt,
          })
          await container.resolve<Link>(ContainerRegistrationKeys.LINK).create({
            [Modules.PAYMENT]: { payment_id: refund.payment_id },
            [INVOICEBOX_MODULE]: { invoicebox_refund_id: created.id },
          })
        }
        if (row?.status === order.status) continue
        const change: InvoiceboxRefundChange = {
          payment_id: refund.payment_id,
          invoicebox_refund_id: order.id,
          amount: order.amount,
          currency_code: refund.currency_code,
          from: row?.status ?? null,
          to: order.status,
        }
        result.changes.push(change)
        if (order.status === "canceled") {
          logger.warn(
            `InvoiceBox canceled refund ${order.id} of ${order.amount} ${order.currencyId} (payment ${refund.payment_id}): ` +
              `the buyer did not get this money back although Medusa shows it refunded — refund again or contact InvoiceBox`
          )
        } else if (order.status === "completed" && row) {
          logger.info(`InvoiceBox refund ${order.id} of ${order.amount} ${order.currencyId} is completed`)
        }
      }
    }
    return new StepResponse(result)
  }
)
