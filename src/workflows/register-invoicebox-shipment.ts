/** A fulfillment shipped or delivered → the InvoiceBox shipment of each paid InvoiceBox payment of its order. */
import { createWorkflow, transform, WorkflowResponse, type WorkflowData } from "@medusajs/framework/workflows-sdk"
import { useQueryGraphStep } from "@medusajs/medusa/core-flows"

import { registerInvoiceboxShipmentsStep, type OrderPaymentRow } from "./steps/register-invoicebox-shipments"

export const registerInvoiceboxShipmentWorkflowId = "register-invoicebox-shipment"

export interface RegisterInvoiceboxShipmentInput {
  fulfillment_id: string
  event: "shipped" | "delivered"
}

interface FulfillmentRow {
  id: string
  order?: { id: string; payment_collections?: Array<{ payments?: OrderPaymentRow[] | null }> | null } | null
}

export const registerInvoiceboxShipmentWorkflow = createWorkflow(
  registerInvoiceboxShipmentWorkflowId,
  (input: WorkflowData<RegisterInvoiceboxShipmentInput>) => {
    const { data: fulfillments } = useQueryGraphStep({
      entity: "fulfillment",
      fields: [
        "id",
        "order.id",
        "order.payment_collections.payments.provider_id",
        "order.payment_collections.payments.captured_at",
        "order.payment_collections.payments.data",
      ],
      filters: { id: input.fulfillment_id },
    })
    const shipment = transform({ fulfillments, input }, ({ fulfillments, input }) => {
      const order = (fulfillments[0] as FulfillmentRow | undefined)?.order
      return {
        order_id: order?.id ?? null,
        payments: (order?.payment_collections ?? []).flatMap((collection) => collection.payments ?? []),
        event: input.event,
      }
    })
    return new WorkflowResponse(registerInvoiceboxShipmentsStep(shipment))
  }
)
