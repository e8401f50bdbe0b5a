/** A return received → its goods kept on the order's InvoiceBox payment for the refund receipt. */
import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { OrderWorkflowEvents } from "@medusajs/framework/utils"

import { resolveInvoiceboxProviders } from "../providers/invoicebox/registry"
import { recordInvoiceboxReturnWorkflow } from "../workflows/record-invoicebox-return"
import { refreshInvoiceboxConnections } from "../lib/invoicebox-connections"

export default async function invoiceboxReturnReceivedHandler({
  event,
  container,
}: SubscriberArgs<{ order_id: string; return_id: string }>): Promise<void> {
  await refreshInvoiceboxConnections(container)
  const providerIds = resolveInvoiceboxProviders(container).map((provider) => provider.providerId)
  if (providerIds.length === 0) return
  await recordInvoiceboxReturnWorkflow(container).run({
    input: { return_id: event.data.return_id, provider_ids: providerIds },
  })
}

export const config: SubscriberConfig = { event: OrderWorkflowEvents.RETURN_RECEIVED }
