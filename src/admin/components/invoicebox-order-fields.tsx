import { useFormat } from "../lib/format"
import { useT } from "../lib/i18n"
import type { InvoiceboxOrderView } from "../lib/types"
import { FieldRow } from "./field-row"

const UNPAID = new Set(["created"])

/** The InvoiceBox order: id, amount, when it was paid, its payment page. */
export const InvoiceboxOrderFields = ({ order }: { order: InvoiceboxOrderView | null }) => {
  const t = useT()
  const format = useFormat()
  if (!order) {
    return (
      <FieldRow label={t.orderId} testId="invoicebox-order-id">
        —
      </FieldRow>
    )
  }
  return (
    <>
      <FieldRow label={t.orderId} testId="invoicebox-order-id">
        {order.order_id}
      </FieldRow>
      <FieldRow label={t.amount}>{format.money(order.amount, order.currency_code)}</FieldRow>
      <FieldRow label={t.paidAt} testId="invoicebox-paid-at">
        {format.dateTime(order.paid_at)}
      </FieldRow>
      {UNPAID.has(order.status) ? <FieldRow label={t.payBy}>{format.dateTime(order.expires_at)}</FieldRow> : null}
      <FieldRow label={t.paymentPage}>
        <a
          className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover"
          href={order.payment_url}
          target="_blank"
          rel="noreferrer"
        >
          {t.open}
        </a>
      </FieldRow>
    </>
  )
}
