/**
 * Keeps the goods of a received return (or claim, or exchange) in the data of the order's InvoiceBox
 * payment, so that Medusa's next refund of it names them on the refund receipt (the provider reads
 * them in refundPayment and clears them). Goods of several returns not yet refunded add up (goods the
 * admin chose replace them). Undone by putting the payment's data back as it was.
 */
import type { IPaymentModuleService, UpdatePaymentDTO } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

import { pendingRefundGoodsOf, type PendingRefundGoods } from "../../payment/session-data"

export const recordInvoiceboxReturnedGoodsStepId = "record-invoicebox-returned-goods"

export interface RecordInvoiceboxReturnedGoodsInput {
  /** the InvoiceBox payment to refund the goods from; null: nothing to do */
  payment: { id: string; data?: Record<string, unknown> | null } | null
  source: string
  goods: PendingRefundGoods["goods"]
  /** the goods replace any kept before (the admin chose them) instead of adding up */
  replace?: boolean
}

/** The payment module stores whatever `data` it is given (its DTO type lists only the id). */
type UpdatePaymentData = UpdatePaymentDTO & { data: Record<string, unknown> }

export const recordInvoiceboxReturnedGoodsStep = createStep(
  recordInvoiceboxReturnedGoodsStepId,
  async ({ payment, source, goods, replace }: RecordInvoiceboxReturnedGoodsInput, { container }) => {
    if (!payment || goods.length === 0) return new StepResponse(null)
    const data = payment.data ?? {}
    const earlier = replace ? null : pendingRefundGoodsOf(data)
    const bySku = new Map<string, number>()
    for (const entry of [...(earlier?.goods ?? []), ...goods]) {
      bySku.set(entry.sku, (bySku.get(entry.sku) ?? 0) + entry.quantity)
    }
    const pending: PendingRefundGoods = {
      source: earlier ? `${earlier.source},${source}` : source,
      goods: [...bySku].map(([sku, quantity]) => ({ sku, quantity })),
    }
    const update: UpdatePaymentData = { id: payment.id, data: { ...data, pending_refund_goods: pending } }
    await container.resolve<IPaymentModuleService>(Modules.PAYMENT).updatePayment(update)
    return new StepResponse(pending, { id: payment.id, data })
  },
  async (previous, { container }) => {
    if (!previous) return
    const restore: UpdatePaymentData = { id: previous.id, data: previous.data }
    await container.resolve<IPaymentModuleService>(Modules.PAYMENT).updatePayment(restore)
  }
)
