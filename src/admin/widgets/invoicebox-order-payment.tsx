/**
 * Order details → InvoiceBox: each InvoiceBox payment of the order as InvoiceBox sees it now — order id
 * and status, payment page, paid at, refund orders, shipments («отгрузки»), the notification log — and
 * a Sync button that re-reads InvoiceBox and applies a payment Medusa missed; for an order that owes
 * money (an order edit, a draft order, an exchange) Issue InvoiceBox invoice.
 */
import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminOrder, DetailWidgetProps } from "@medusajs/framework/types"
import { Container, Text, toast } from "@medusajs/ui"

import { ErrorText } from "../components/error-text"
import { InvoiceSection } from "../components/invoice-section"
import { PaymentSection } from "../components/payment-section"
import { SyncResult } from "../components/sync-result"
import { WidgetHeader } from "../components/widget-header"
import { useInvoiceboxPayments } from "../hooks/use-invoicebox-payments"
import { useInvoiceboxSync } from "../hooks/use-invoicebox-sync"
import { errorMessage } from "../lib/errors"
import { useT } from "../lib/i18n"
import { toastSyncOutcomes } from "../lib/sync-toast"

const InvoiceboxOrderWidget = ({ data: order }: DetailWidgetProps<AdminOrder>) => {
  const t = useT()
  const query = useInvoiceboxPayments(order)
  const sync = useInvoiceboxSync(order.id)
  const payments = query.data?.payments
  const errors = [query.error, sync.error].filter((error) => error !== null).map(errorMessage)

  const outstanding = Number(order.summary?.pending_difference ?? 0)

  // not an InvoiceBox order, and nothing to invoice
  if (payments && payments.length === 0 && errors.length === 0 && !(outstanding > 0)) return null

  const onSync = () =>
    sync.mutate(undefined, {
      onSuccess: ({ outcomes, refunds }) => toastSyncOutcomes(outcomes, refunds, t),
      onError: (error) => toast.error(t.syncFailed, { description: errorMessage(error) }),
    })

  return (
    <Container className="divide-y p-0" data-testid="invoicebox-widget">
      <WidgetHeader syncing={sync.isPending} onSync={onSync} />
      {errors.length > 0 ? (
        <div className="flex flex-col gap-y-1 px-6 py-4">
          {errors.map((message, index) => (
            <ErrorText key={index} message={message} />
          ))}
        </div>
      ) : null}
      {sync.data ? <SyncResult outcomes={sync.data.outcomes} /> : null}
      {outstanding > 0 ? (
        <InvoiceSection orderId={order.id} outstanding={outstanding} currencyCode={order.currency_code} />
      ) : null}
      {!payments && errors.length === 0 ? (
        <div className="px-6 py-4">
          <Text size="small" leading="compact" className="text-ui-fg-subtle">
            {t.loading}
          </Text>
        </div>
      ) : null}
      {payments?.map((payment) => (
        <PaymentSection key={payment.session_id} payment={payment} orderId={order.id} />
      ))}
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "order.details.side" })

export default InvoiceboxOrderWidget
