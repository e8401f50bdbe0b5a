import type { AdminOrder } from "@medusajs/framework/types"
import { useQuery } from "@tanstack/react-query"

import { orderVersion } from "../lib/order-version"
import { invoiceboxOrderVersionKey } from "../lib/query-keys"
import { sdk } from "../lib/sdk"
import type { PaymentsResponse } from "../lib/types"

/**
 * The order's InvoiceBox payments as InvoiceBox sees them now; read again whenever the order page hands
 * a changed order (after Medusa's Refund, a capture, …).
 */
export function useInvoiceboxPayments(order: AdminOrder) {
  return useQuery({
    queryKey: invoiceboxOrderVersionKey(order.id, orderVersion(order)),
    queryFn: () => sdk.client.fetch<PaymentsResponse>(`/admin/invoicebox/orders/${encodeURIComponent(order.id)}`),
    // while the same order is read again, keep showing the last answer instead of "Loading…"
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[2] === order.id ? previous : undefined),
  })
}
