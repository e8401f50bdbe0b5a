import { useMutation, useQueryClient } from "@tanstack/react-query"

import { invoiceboxOrderKey, medusaOrderDetailKey } from "../lib/query-keys"
import { sdk } from "../lib/sdk"
import type { PaymentsResponse, SyncResponse } from "../lib/types"

/** Sync: re-reads InvoiceBox and applies a payment whose notification Medusa never got. */
export function useInvoiceboxSync(orderId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () =>
      sdk.client.fetch<SyncResponse>(`/admin/invoicebox/orders/${encodeURIComponent(orderId)}/sync`, {
        method: "POST",
      }),
    onSuccess: async ({ payments }) => {
      // the answer already is the fresh view: show it at once (over any read still under way)
      await queryClient.cancelQueries({ queryKey: invoiceboxOrderKey(orderId) })
      queryClient.setQueriesData<PaymentsResponse>({ queryKey: invoiceboxOrderKey(orderId) }, { payments })
      // a payment Sync applied changes Medusa's own order page too (payments, totals); its new order makes
      // the widget read InvoiceBox again (see orderVersion). Not awaited: the result shows meanwhile.
      void queryClient.invalidateQueries({ queryKey: medusaOrderDetailKey(orderId) })
    },
  })
}
