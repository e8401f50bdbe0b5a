/**
 * A return received (of a return, claim or exchange) → its goods kept on the order's InvoiceBox
 * payment, so the refund Medusa makes for it names exactly them on the 54-FZ refund receipt.
 */
import { createWorkflow, transform, WorkflowResponse, type WorkflowData } from "@medusajs/framework/workflows-sdk"
import { useQueryGraphStep } from "@medusajs/medusa/core-flows"

import { goodsOfItems, type OrderItemSkuRow } from "./order-item-sku"
import { recordInvoiceboxReturnedGoodsStep } from "./steps/record-invoicebox-returned-goods"

export const recordInvoiceboxReturnWorkflowId = "record-invoicebox-return"

export interface RecordInvoiceboxReturnInput {
  return_id: string
  /** the Medusa provider ids of the InvoiceBox accounts (the registry's) */
  provider_ids: string[]
}

interface ReturnRow {
  id: string
  order_id: string
  items?: Array<{ item_id: string; quantity: unknown; received_quantity?: unknown }> | null
}

interface OrderRow {
  items?: OrderItemSkuRow[] | null
  payment_collections?: Array<{
    payments?: Array<{
      id: string
      provider_id: string
      captured_at?: unknown
      canceled_at?: unknown
      data?: Record<string, unknown> | null
    }> | null
  }> | null
}

export const recordInvoiceboxReturnWorkflow = createWorkflow(
  recordInvoiceboxReturnWorkflowId,
  (input: WorkflowData<RecordInvoiceboxReturnInput>) => {
    const { data: returns } = useQueryGraphStep({
      entity: "return",
      fields: ["id", "order_id", "items.item_id", "items.quantity", "items.received_quantity"],
      filters: { id: input.return_id },
    }).config({ name: "read-invoicebox-return" })
    const orderFilter = transform({ returns }, ({ returns }) => ({
      id: (returns[0] as ReturnRow | undefined)?.order_id ?? "none",
    }))
    const { data: orders } = useQueryGraphStep({
      entity: "order",
      fields: [
        "id",
        "items.id",
        "items.variant_sku",
        "items.variant_id",
        "payment_collections.payments.id",
        "payment_collections.payments.provider_id",
        "payment_collections.payments.captured_at",
        "payment_collections.payments.canceled_at",
        "payment_collections.payments.data",
      ],
      filters: orderFilter,
    }).config({ name: "read-invoicebox-return-order" })
    const returned = transform({ returns, orders, input }, ({ returns, orders, input }) => {
      const row = returns[0] as ReturnRow | undefined
      const order = orders[0] as OrderRow | undefined
      const payment = (order?.payment_collections ?? [])
        .flatMap((collection) => collection.payments ?? [])
        .find((p) => input.provider_ids.includes(p.provider_id) && p.captured_at && !p.canceled_at)
      return {
        payment: payment ? { id: payment.id, data: payment.data ?? null } : null,
        source: `return:${input.return_id}`,
        // what came back: the received quantity when the return records one
        goods: goodsOfItems(
          order?.items,
          (row?.items ?? []).map((item) => ({
            item_id: item.item_id,
            quantity: Number(item.received_quantity ?? 0) > 0 ? item.received_quantity : item.quantity,
          }))
        ),
      }
    })
    return new WorkflowResponse(recordInvoiceboxReturnedGoodsStep(returned))
  }
)
