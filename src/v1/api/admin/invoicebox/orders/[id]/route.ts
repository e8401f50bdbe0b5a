/**
 * GET /admin/invoicebox/orders/:id — a v1 order's InvoiceBox payment as InvoiceBox has it now (status,
 * payment page, refunds, shipments) and the notifications the store got about it: what the admin
 * widget (order.details.after) shows. Admin-only (v1 authenticates every /admin route).
 */
import type { EntityManager } from "typeorm"
import type { MedusaRequest, MedusaResponse, OrderService } from "@medusajs/medusa"

import type { InvoiceboxV1OrderResponse } from "../../../../../admin/invoicebox-order-view"
import { readSessionData } from "../../../../../../payment/session-data"
import { notificationsOf } from "../../../../../notifications/notification-log"
import { INVOICEBOX_V1_PROVIDER_ID, type InvoiceboxPaymentProcessor } from "../../../../../services/invoicebox"

export async function GET(req: MedusaRequest, res: MedusaResponse<InvoiceboxV1OrderResponse>): Promise<void> {
  const order = await req.scope
    .resolve<OrderService>("orderService")
    .retrieve(String(req.params.id), { relations: ["payments"] })
  const payment = order.payments.find((candidate) => candidate.provider_id === INVOICEBOX_V1_PROVIDER_ID)
  const orderId = payment ? readSessionData(payment.data).invoicebox_order_id : undefined
  if (!orderId) {
    res.json({ invoicebox: null })
    return
  }
  const processor = req.scope.resolve<InvoiceboxPaymentProcessor>(`pp_${INVOICEBOX_V1_PROVIDER_ID}`)
  const client = processor.client()
  const [invoiceboxOrder, refunds, shipments, notifications] = await Promise.all([
    client.getOrder(orderId),
    client.refundOrdersOf(orderId),
    client.shipmentsOf(orderId),
    notificationsOf(req.scope.resolve<EntityManager>("manager"), orderId),
  ])
  if (!invoiceboxOrder) {
    res.json({ invoicebox: null })
    return
  }
  res.json({
    invoicebox: {
      provider_id: INVOICEBOX_V1_PROVIDER_ID,
      invoicebox_order_id: invoiceboxOrder.id,
      merchant_order_id: invoiceboxOrder.merchantOrderId,
      status: invoiceboxOrder.status,
      amount: invoiceboxOrder.amount,
      currency_code: invoiceboxOrder.currencyId.toLowerCase(),
      payment_url: invoiceboxOrder.paymentUrl,
      paid_at: invoiceboxOrder.paidAt ?? null,
      capture_mode: processor.options.captureMode,
      refunds: refunds.map((refund) => ({
        id: refund.id,
        merchant_order_id: refund.merchantOrderId,
        amount: refund.amount,
        status: refund.status,
      })),
      shipments: shipments.map((shipment) => ({
        id: shipment.id,
        status: shipment.status ?? "created",
        amount: shipment.amount ?? 0,
      })),
      notifications,
    },
  })
}
