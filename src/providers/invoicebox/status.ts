import { PaymentSessionStatus } from "@medusajs/framework/utils"

import type { OrderStatus } from "../../invoicebox/types"

/**
 * InvoiceBox order status → Medusa session status. An unpaid order is `pending` (never
 * `pending_authorization`, which would let a cart become an order without payment); a paid one is
 * `captured` in auto mode (InvoiceBox holds the money; Medusa's Refund button needs a capture) and
 * `authorized` in manual mode (the admin's Capture registers the shipment).
 */
export function sessionStatusOf(status: OrderStatus, captureMode: "auto" | "manual"): PaymentSessionStatus {
  switch (status) {
    case "completed":
      return captureMode === "auto" ? PaymentSessionStatus.CAPTURED : PaymentSessionStatus.AUTHORIZED
    case "created":
      return PaymentSessionStatus.PENDING
    case "expired":
    case "canceled":
      return PaymentSessionStatus.CANCELED
  }
}
