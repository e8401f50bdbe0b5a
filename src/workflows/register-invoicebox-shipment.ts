/**
 * A fulfillment shipped or delivered → for each paid InvoiceBox payment of its order, the InvoiceBox
 * shipment of exactly that fulfillment's goods (the 54-FZ full-settlement receipt for them).
 */
import { createWorkflow, transform, WorkflowResponse, type WorkflowData } from "@medusajs/framework/workflows-sdk"
import { useQueryGraphStep } from "@medusajs/medusa/core-flows"

import { goodsOfItems, type OrderItemSkuRow } from "./order-item-sku"
import {
  registerInvoiceboxShipmentsStep,
  type FulfilledGoods,
  type OrderPaymentRow,
} from "./steps/register-invoicebox-shipments"

export const registerInvoiceboxShipmentWorkflowId = "register-invoicebox-shipment"

export interface RegisterInvoiceboxShipmentInput {
  fulfillment_id: string
  event: "shipped" | "delivered"
}

interface FulfillmentRow {
  id: string
  shipped_at?: string | Date | null
  delivered_at?: string | Date | null
  items?: Array<{ line_item_id?: string | null; quantity: unknown }> | null
  order?: {
    id: string
    items?: OrderItemSkuRow[] | null
    payment_collections?: Array<{ payments?: OrderPaymentRow[] | null }> | null
  } | null
}

export const registerInvoiceboxShipmentWorkflow = createWorkflow(
  registerInvoiceboxShipmentWorkflowId,
  (input: WorkflowData<RegisterInvoiceboxShipmentInput>) => {
    const { data: fulfillments } = useQueryGraphStep({
      entity: "fulfillment",
      fields: [
        "id",
        "shipped_at",
        "delivered_at",
        "items.line_item_id",
        "items.quantity",
        "order.id",
        "order.items.id",
        "order.items.variant_sku",
        "order.items.variant_id",
        "order.payment_collections.payments.provider_id",
        "order.payment_collections.payments.captured_at",
        "order.payment_collections.payments.data",
      ],
      filters: { id: input.fulfillment_id },
    })
    const shipment = transform({ fulfillments, input }, ({ fulfillments, input }) => {
      const fulfillment = fulfillments[0] as FulfillmentRow | undefined
      const order = fulfillment?.order
      // each fulfilled line item by the sku its basket line has
      const goods: FulfilledGoods[] = goodsOfItems(
        order?.items,
        (fulfillment?.items ?? []).map((item) => ({ item_id: item.line_item_id, quantity: item.quantity }))
      )
      const at = input.event === "delivered" ? fulfillment?.delivered_at : fulfillment?.shipped_at
      return {
        fulfillment_id: input.fulfillment_id,
        order_id: order?.id ?? null,
        payments: (order?.payment_collections ?? []).flatMap((collection) => collection.payments ?? []),
        goods,
        document_date: new Date(at ?? Date.now()).toISOString().slice(0, 10),
        event: input.event,
      }
    })
    return new WorkflowResponse(registerInvoiceboxShipmentsStep(shipment))
  }
)
