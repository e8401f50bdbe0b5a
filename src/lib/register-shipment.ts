/**
 * Auto capture mode: when Medusa marks a fulfillment shipped (or delivered, per `shipmentOn`), tell
 * InvoiceBox the goods went out («отгрузка»): it then issues the 54-FZ full-settlement receipt and
 * closing documents. Once per InvoiceBox order, whatever the number of fulfillments or repeats.
 */
import type { ConfigModule, Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

import { clientFor } from "../providers/invoicebox/client-factory"
import { invoiceboxProviderEntry, invoiceboxProviderId } from "./invoicebox-config"

type Query = { graph: (config: Record<string, unknown>) => Promise<{ data: unknown[] }> }

interface OrderPayments {
  id: string
  payment_collections?: Array<{ payments?: Array<{ provider_id: string; captured_at?: unknown; data?: Record<string, unknown> | null }> | null }> | null
}

export async function registerShipmentForFulfillment(
  container: MedusaContainer,
  fulfillmentId: string,
  event: "shipped" | "delivered"
): Promise<number> {
  const entry = invoiceboxProviderEntry(container.resolve<ConfigModule>(ContainerRegistrationKeys.CONFIG_MODULE))
  if (entry.options.captureMode !== "auto" || entry.options.shipmentOn !== event) return 0
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const query = container.resolve<Query>(ContainerRegistrationKeys.QUERY)
  const { data: links } = await query.graph({ entity: "order_fulfillment", fields: ["order_id"], filters: { fulfillment_id: fulfillmentId } })
  const orderId = (links[0] as { order_id?: string } | undefined)?.order_id
  if (!orderId) return 0
  const { data } = await query.graph({
    entity: "order",
    fields: ["id", "payment_collections.payments.provider_id", "payment_collections.payments.captured_at", "payment_collections.payments.data"],
    filters: { id: orderId },
  })
  const order = data[0] as OrderPayments | undefined
  const providerId = invoiceboxProviderId(entry)
  const invoiceboxOrderIds = (order?.payment_collections ?? [])
    .flatMap((collection) => collection.payments ?? [])
    .filter((payment) => payment.provider_id === providerId && payment.captured_at)
    .map((payment) => payment.data?.invoicebox_order_id)
    .filter((id): id is string => typeof id === "string")
  const client = clientFor(entry.options, logger)
  let registered = 0
  for (const id of invoiceboxOrderIds) {
    const invoiceboxOrder = await client.getOrder(id)
    if (!invoiceboxOrder || invoiceboxOrder.status !== "completed") continue
    const { created, shipments } = await client.ensureShipment({ orderId: id, basketItems: invoiceboxOrder.basketItems })
    if (created) {
      registered += 1
      logger.info(`InvoiceBox shipment ${shipments[0]?.id} registered for order ${id} (Medusa order ${orderId})`)
    }
  }
  return registered
}
