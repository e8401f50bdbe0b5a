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
import { RefundsTable } from "./refunds-table"
import { ShipmentsTable } from "./shipments-table"

/** One InvoiceBox payment of the order. */
export const PaymentSection = ({ payment }: { payment: PaymentView }) => {
  const t = useT()
  const format = useFormat()
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
      </div>
      <RefundsTable
        refunds={payment.refunds}
        currencyCode={payment.invoicebox?.currency_code ?? payment.medusa.currency_code}
      />
      <ShipmentsTable shipments={payment.shipments} />
      <NotificationsTable notifications={payment.notifications} />
    </div>
  )
}
