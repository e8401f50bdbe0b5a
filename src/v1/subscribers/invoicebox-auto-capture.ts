/**
 * Auto mode (`captureMode: "auto"`, the default): InvoiceBox holds the money as soon as the buyer
 * pays, so an order placed with an InvoiceBox payment is captured at once — by the buyer's return or
 * by the notification — and the admin's Refund button works on it. Manual mode leaves it authorized:
 * the admin's Capture registers the shipment.
 */
import { OrderService, type SubscriberArgs, type SubscriberConfig } from "@medusajs/medusa"

import { errorMessageOf } from "../../invoicebox/errors"
import { INVOICEBOX_V1_PROVIDER_ID, type InvoiceboxPaymentProcessor } from "../services/invoicebox"

export default async function invoiceboxAutoCapture({
  data,
  container,
}: SubscriberArgs<{ id: string }>): Promise<void> {
  const processor = container.resolve<InvoiceboxPaymentProcessor>(`pp_${INVOICEBOX_V1_PROVIDER_ID}`)
  if (processor.options.captureMode !== "auto") return
  const orderService = container.resolve<OrderService>("orderService")
  const order = await orderService.retrieve(data.id, { relations: ["payments"] })
  const ours = order.payments.some(
    (payment) => payment.provider_id === INVOICEBOX_V1_PROVIDER_ID && !payment.captured_at
  )
  if (!ours || order.payment_status !== "awaiting") return
  try {
    await orderService.capturePayment(order.id)
  } catch (error) {
    container
      .resolve<{ warn(message: string): void }>("logger")
      .warn(`InvoiceBox: capturing the payment of order ${order.id} failed: ${errorMessageOf(error)}`)
  }
}

export const config: SubscriberConfig = {
  event: OrderService.Events.PLACED,
  context: { subscriberId: "invoicebox-auto-capture" },
}
