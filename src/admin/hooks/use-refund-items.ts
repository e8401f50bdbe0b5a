import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"

import { invoiceboxOrderKey, medusaOrderDetailKey } from "../lib/query-keys"
import { sdk } from "../lib/sdk"
import type { RefundableItemsResponse, RefundItemsChoice, RefundItemsPreview } from "../lib/types"

const base = (paymentId: string) => `/admin/invoicebox/payments/${encodeURIComponent(paymentId)}`

/** What is still refundable of the payment's InvoiceBox order (read when the drawer opens). */
export function useRefundableItems(paymentId: string, enabled: boolean) {
  return useQuery({
    queryKey: ["invoicebox", "refundable", paymentId],
    queryFn: () => sdk.client.fetch<RefundableItemsResponse>(`${base(paymentId)}/refundable-items`),
    enabled,
  })
}

/** The receipt a choice would print. */
export function usePreviewRefundItems(paymentId: string) {
  return useMutation({
    mutationFn: (choice: RefundItemsChoice) =>
      sdk.client.fetch<RefundItemsPreview>(`${base(paymentId)}/refund-items/preview`, { method: "POST", body: choice }),
  })
}

/** The refund itself; the order page and the widget read again afterwards. */
export function useRefundItems(paymentId: string, orderId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (choice: RefundItemsChoice) =>
      sdk.client.fetch<RefundItemsPreview>(`${base(paymentId)}/refund-items`, { method: "POST", body: choice }),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: invoiceboxOrderKey(orderId) }),
        queryClient.invalidateQueries({ queryKey: medusaOrderDetailKey(orderId) }),
        queryClient.invalidateQueries({ queryKey: ["invoicebox", "refundable", paymentId] }),
      ])
    },
  })
}
