/**
 * Tells InvoiceBox the goods of an order went out («отгрузка»): it then issues the 54-FZ
 * full-settlement receipt. For each paid InvoiceBox payment of the order whose provider registers
 * shipments on this event (auto capture mode); once per InvoiceBox order (the core's ensureShipment
 * finds an existing one first). A registered shipment cannot be withdrawn: no compensation.
 */
import type { Logger } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

import { invoiceboxClient, resolveInvoiceboxProviders } from "../../providers/invoicebox/registry"

export const registerInvoiceboxShipmentsStepId = "register-invoicebox-shipments"

export interface OrderPaymentRow {
  provider_id: string
  captured_at?: unknown
  data?: Record<string, unknown> | null
}

export interface RegisterInvoiceboxShipmentsInput {
  order_id: string | null
  payments: OrderPaymentRow[]
  event: "shipped" | "delivered"
}

export const registerInvoiceboxShipmentsStep = createStep(
  registerInvoiceboxShipmentsStepId,
  async ({ order_id, payments, event }: RegisterInvoiceboxShipmentsInput, { container }) => {
    const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
    const providers = resolveInvoiceboxProviders(container)
    const registered: Array<{ invoicebox_order_id: string; shipment_id: number }> = []
    for (const payment of payments) {
      const provider = providers.find((entry) => entry.providerId === payment.provider_id)
      const invoiceboxOrderId = payment.data?.invoicebox_order_id
      if (!provider || !payment.captured_at || typeof invoiceboxOrderId !== "string") continue
      if (provider.options.captureMode !== "auto" || provider.options.shipmentOn !== event) continue
      const client = invoiceboxClient(provider.options, logger)
      const order = await client.getOrder(invoiceboxOrderId)
      if (!order || order.status !== "completed") continue
      const { created, shipments } = await client.ensureShipment({ orderId: order.id, basketItems: order.basketItems })
      if (created && shipments[0]) {
        registered.push({ invoicebox_order_id: order.id, shipment_id: shipments[0].id })
        logger.info(
          `InvoiceBox shipment ${shipments[0].id} registered for order ${order.id} (Medusa order ${order_id ?? "?"})`
        )
      }
    }
    return new StepResponse(registered)
  }
)
