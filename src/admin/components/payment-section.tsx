import { failureMessage } from "../lib/errors"
import { useFormat } from "../lib/format"
import { useT } from "../lib/i18n"
import type { PaymentView } from "../lib/types"
import { ErrorText } from "./error-text"
import { FieldRow } from "./field-row"
import { InvoiceboxOrderFields } from "./invoicebox-order-fields"
import { LastNotification } from "./last-notification"
import { MedusaStatus } from "./medusa-status"
import { NotificationsTable } from "./notifications-table"
import { PaymentHeading } from "./payment-heading"
import { RefundItemsDrawer } from "./refund-items-drawer"
import { RefundsTable } from "./refunds-table"
import { ShipmentsTable } from "./shipments-table"

/** One InvoiceBox payment of the order. */
export const PaymentSection = ({ payment, orderId }: { payment: PaymentView; orderId: string }) => {
  const t = useT()
  const format = useFormat()
  const currencyCode = payment.invoicebox?.currency_code ?? payment.medusa.currency_code
  // goods can be refunded from a captured payment whose InvoiceBox order is paid
  const refundable =
    payment.payment_id !== null && payment.medusa.captured && payment.invoicebox?.status === "completed"
  return (
    <div className="flex flex-col" data-testid="invoicebox-payment">
      <div className="flex flex-col gap-y-3 px-6 py-4">
        <PaymentHeading payment={payment} />
        <div className="flex flex-col gap-y-2">
          <InvoiceboxOrderFields order={payment.invoicebox} />
          <LastNotification notification={payment.last_notification} />
          {payment.synced_at ? <FieldRow label={t.syncedAt}>{format.dateTime(payment.synced_at)}</FieldRow> : null}
        </div>
        <MedusaStatus medusa={payment.medusa} />
        {payment.error ? <ErrorText message={failureMessage(payment.error)} /> : null}
        {refundable && payment.payment_id ? (
          <div>
            <RefundItemsDrawer paymentId={payment.payment_id} orderId={orderId} currencyCode={currencyCode} />
          </div>
        ) : null}
      </div>
      <RefundsTable refunds={payment.refunds} currencyCode={currencyCode} />
      <ShipmentsTable shipments={payment.shipments} />
      <NotificationsTable notifications={payment.notifications} />
    </div>
  )
}
