import { useMutation, useQueryClient } from "@tanstack/react-query"

import { invoiceboxOrderKey, medusaOrderDetailKey } from "../lib/query-keys"
import { sdk } from "../lib/sdk"
import type { InvoiceRequest, InvoiceResponse } from "../lib/types"

/** Issue InvoiceBox invoice: the invoice for what the order owes (the open one when there is one). */
export function useIssueInvoice(orderId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (request: InvoiceRequest) =>
      sdk.client.fetch<InvoiceResponse>(`/admin/invoicebox/orders/${encodeURIComponent(orderId)}/invoice`, {
        method: "POST",
        body: request,
      }),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: invoiceboxOrderKey(orderId) }),
        queryClient.invalidateQueries({ queryKey: medusaOrderDetailKey(orderId) }),
      ])
    },
  })
}
