/** A fulfillment shipped or delivered → the InvoiceBox shipment («отгрузка») of its order's payments. */
import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { FulfillmentWorkflowEvents } from "@medusajs/framework/utils"

import { registerInvoiceboxShipmentWorkflow } from "../workflows/register-invoicebox-shipment"
import { refreshInvoiceboxConnections } from "../lib/invoicebox-connections"

export default async function invoiceboxShipmentHandler({
  event,
  container,
}: SubscriberArgs<{ id: string }>): Promise<void> {
  await refreshInvoiceboxConnections(container)
  const shipped = event.name === FulfillmentWorkflowEvents.DELIVERY_CREATED ? "delivered" : "shipped"
  await registerInvoiceboxShipmentWorkflow(container).run({ input: { fulfillment_id: event.data.id, event: shipped } })
}

export const config: SubscriberConfig = {
  event: [FulfillmentWorkflowEvents.SHIPMENT_CREATED, FulfillmentWorkflowEvents.DELIVERY_CREATED],
}
