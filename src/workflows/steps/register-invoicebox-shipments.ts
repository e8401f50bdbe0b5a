/**
 * Tells InvoiceBox that the goods of one Medusa fulfillment went out («отгрузка»): it then issues the
 * 54-FZ full-settlement receipt for exactly them. For each paid InvoiceBox payment of the order whose
 * provider registers shipments on this event (auto capture mode): a shipment numbered with the
 * fulfillment's id (so never twice) listing the fulfillment's goods not yet shipped, the delivery line
 * with the first (or the final) shipment, `final` on the one that leaves nothing. A registered
 * shipment cannot be withdrawn: no compensation.
 */
import type { Logger } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

import { planShipment } from "../../invoicebox/shipment-plan"
import { invoiceboxClient, resolveInvoiceboxProviders } from "../../providers/invoicebox/registry"

export const registerInvoiceboxShipmentsStepId = "register-invoicebox-shipments"

export interface OrderPaymentRow {
  provider_id: string
  captured_at?: unknown
  data?: Record<string, unknown> | null
}

/** A fulfilled line item by the sku of its basket line. */
export interface FulfilledGoods {
  sku: string
  quantity: number
}

export interface RegisterInvoiceboxShipmentsInput {
  fulfillment_id: string
  order_id: string | null
  payments: OrderPaymentRow[]
  goods: FulfilledGoods[]
  /** `YYYY-MM-DD`: the day the fulfillment was shipped (or delivered) */
  document_date: string
  event: "shipped" | "delivered"
}

export interface RegisteredInvoiceboxShipment {
  invoicebox_order_id: string
  shipment_id: number
  final: boolean
}

export const registerInvoiceboxShipmentsStep = createStep(
  registerInvoiceboxShipmentsStepId,
  async (
    { fulfillment_id, order_id, payments, goods, document_date, event }: RegisterInvoiceboxShipmentsInput,
    { container }
  ) => {
    const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
    const providers = resolveInvoiceboxProviders(container)
    const registered: RegisteredInvoiceboxShipment[] = []
    for (const payment of payments) {
      const provider = providers.find((entry) => entry.providerId === payment.provider_id)
      const invoiceboxOrderId = payment.data?.invoicebox_order_id
      if (!provider || !payment.captured_at || typeof invoiceboxOrderId !== "string") continue
      if (provider.options.captureMode !== "auto" || provider.options.shipmentOn !== event) continue
      const client = invoiceboxClient(provider.options, logger)
      const order = await client.getOrder(invoiceboxOrderId)
      if (!order || order.status !== "completed") continue
      const { shipment, created } = await client.ensureDocumentShipment(order.id, fulfillment_id, (shipped) => {
        const plan = planShipment({
          basket: order.basketItems,
          shipped,
          goods,
          shippingLine: provider.options.shipmentShippingLine,
        })
        if (plan && plan.unmatched.length > 0) {
          logger.warn(
            `InvoiceBox order ${order.id}: fulfillment ${fulfillment_id} has goods its basket has none left of ` +
              `(${plan.unmatched.map((entry) => `${entry.sku} × ${entry.quantity}`).join(", ")}); not listed`
          )
        }
        return plan && { documentDate: document_date, basketItems: plan.basketItems, final: plan.final }
      })
      if (shipment && created) {
        registered.push({ invoicebox_order_id: order.id, shipment_id: shipment.id, final: shipment.final === true })
        logger.info(
          `InvoiceBox shipment ${shipment.id}${shipment.final ? " (final)" : ""} registered for order ${order.id} ` +
            `(Medusa order ${order_id ?? "?"}, fulfillment ${fulfillment_id})`
        )
      }
    }
    return new StepResponse(registered)
  }
)
