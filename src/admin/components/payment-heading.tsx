import { Heading, Text } from "@medusajs/ui"

import { useT } from "../lib/i18n"
import type { PaymentView } from "../lib/types"
import { OrderStatusBadge } from "./order-status-badge"

/** The payment's title, its InvoiceBox status and its provider (a store may have two InvoiceBox providers). */
export const PaymentHeading = ({ payment }: { payment: PaymentView }) => {
  const t = useT()
  return (
    <div className="flex items-start justify-between gap-x-2">
      <div className="flex min-w-0 flex-col">
        <Heading level="h3">{t.invoiceboxOrder}</Heading>
        <Text size="xsmall" leading="compact" className="text-ui-fg-muted break-all">
          {payment.provider_id}
        </Text>
      </div>
      {payment.invoicebox ? (
        <OrderStatusBadge status={payment.invoicebox.status} className="shrink-0" data-testid="invoicebox-status" />
      ) : null}
    </div>
  )
}
