/**
 * Medusa v1 admin widget (zone order.details.after): the order's InvoiceBox payment — status, payment page,
 * refunds, shipments and the last notifications — read from the plugin's `GET /admin/invoicebox/orders/:id`.
 *
 * Written in the v1 admin's idioms: medusa-react's useAdminCustomQuery (the admin's own client, session and
 * query cache) and the admin's Tailwind classes (BodyCard, StatusIndicator, Table, .btn). The default export and
 * `config` are kept in the forms that the v1 admin's widget validator accepts, so `medusa-admin bundle` would
 * take this file too; scripts/build-v1-admin.js bundles it with esbuild into dist/admin/_virtual_entry.js.
 */
import { useAdminCustomQuery } from "medusa-react"
import type { ReactNode } from "react"

import type {
  InvoiceboxV1Notification,
  InvoiceboxV1OrderResponse,
  InvoiceboxV1OrderView,
  InvoiceboxV1Refund,
  InvoiceboxV1Shipment,
} from "../invoicebox-order-view"
import {
  INDICATOR_DOT,
  NOTIFICATIONS_SHOWN,
  errorMessage,
  formatAmount,
  formatDateTime,
  humanize,
  latest,
  orderStatusLabel,
  statusVariant,
} from "../lib/display"
import type { OrderDetailsWidgetProps, WidgetConfig } from "../widget-types"

const StatusIndicator = ({ status, label }: { status: string; label: string }) => (
  <div className="inter-small-regular flex items-center">
    <div className={`h-1.5 w-1.5 self-center rounded-full ${INDICATOR_DOT[statusVariant(status)]}`} />
    <span className="ml-2">{label}</span>
  </div>
)

const Field = ({ label, children }: { label: string; children: ReactNode }) => (
  <div className="flex justify-between gap-x-4 py-1">
    <dt className="text-grey-50">{label}</dt>
    <dd className="text-grey-90 break-all text-right">{children}</dd>
  </div>
)

const Section = ({ title, children }: { title: string; children: ReactNode }) => (
  <div className="mt-large">
    <h2 className="inter-base-semibold text-grey-90 mb-xsmall">{title}</h2>
    {children}
  </div>
)

const Empty = ({ children }: { children: ReactNode }) => <p className="inter-small-regular text-grey-50">{children}</p>

function DataTable({ headers, rows }: { headers: string[]; rows: { key: string; cells: ReactNode[] }[] }) {
  return (
    <table className="inter-small-regular w-full table-auto">
      <thead className="inter-small-semibold text-grey-50 border-grey-20 whitespace-nowrap border-t border-b">
        <tr>
          {headers.map((header) => (
            <th key={header} className="h-[40px] pr-2 text-left">
              {header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} className="border-grey-20 border-b last:border-b-0">
            {row.cells.map((cell, index) => (
              <td key={headers[index]} className="text-grey-90 h-[40px] break-all pr-2">
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

const refundRow = (refund: InvoiceboxV1Refund, currency: string) => ({
  key: refund.id,
  cells: [
    refund.id,
    refund.merchant_order_id,
    formatAmount(refund.amount, currency),
    <StatusIndicator key="status" status={refund.status} label={humanize(refund.status)} />,
  ],
})

const shipmentRow = (shipment: InvoiceboxV1Shipment, currency: string) => ({
  key: String(shipment.id),
  cells: [
    String(shipment.id),
    <StatusIndicator key="status" status={shipment.status} label={humanize(shipment.status)} />,
    formatAmount(shipment.amount, currency),
  ],
})

const notificationRow = (notification: InvoiceboxV1Notification, index: number) => ({
  key: `${notification.received_at}-${index}`,
  cells: [formatDateTime(notification.received_at), humanize(notification.status), notification.reply],
})

function PaymentDetails({ view }: { view: InvoiceboxV1OrderView }) {
  const currency = view.currency_code
  const notifications = latest(view.notifications, NOTIFICATIONS_SHOWN)
  return (
    <div>
      <dl className="inter-small-regular">
        <Field label="Amount">{formatAmount(view.amount, currency)}</Field>
        <Field label="Payment page">
          <a
            className="text-violet-60 hover:text-violet-50"
            href={view.payment_url}
            target="_blank"
            rel="noopener noreferrer"
          >
            Open payment page
          </a>
        </Field>
        <Field label="Paid at">{view.paid_at ? formatDateTime(view.paid_at) : "Not paid yet"}</Field>
        <Field label="Capture mode">{view.capture_mode === "manual" ? "Manual" : "Automatic"}</Field>
        <Field label="InvoiceBox order">{view.invoicebox_order_id}</Field>
        <Field label="Merchant order">{view.merchant_order_id}</Field>
      </dl>

      <Section title="Refunds">
        {view.refunds.length ? (
          <DataTable
            headers={["Refund", "Merchant order", "Amount", "Status"]}
            rows={view.refunds.map((refund) => refundRow(refund, currency))}
          />
        ) : (
          <Empty>No refunds</Empty>
        )}
      </Section>

      <Section title="Shipments">
        {view.shipments.length ? (
          <DataTable
            headers={["Shipment", "Status", "Amount"]}
            rows={view.shipments.map((shipment) => shipmentRow(shipment, currency))}
          />
        ) : (
          <Empty>No shipments</Empty>
        )}
      </Section>

      <Section title="Last notifications">
        {notifications.length ? (
          <DataTable headers={["Received", "Status", "Reply"]} rows={notifications.map(notificationRow)} />
        ) : (
          <Empty>No notifications received yet</Empty>
        )}
      </Section>
    </div>
  )
}

const InvoiceboxOrderWidget = ({ order }: OrderDetailsWidgetProps) => {
  const { data, isLoading, isFetching, isError, error, refetch } = useAdminCustomQuery<
    Record<string, never>,
    InvoiceboxV1OrderResponse
  >(`/invoicebox/orders/${encodeURIComponent(order.id)}`, ["invoicebox", "v1", "order", order.id])

  // undefined (not null) when the body is not the route's: another route answered, or a proxy did
  const view = data?.invoicebox
  const failed = isError || (!isLoading && view === undefined)

  let body: ReactNode
  if (isLoading) {
    body = <Empty>Loading the InvoiceBox payment…</Empty>
  } else if (failed) {
    body = (
      <div role="alert" className="inter-small-regular">
        <p className="text-rose-50">
          Could not load the InvoiceBox payment:{" "}
          {isError ? errorMessage(error) : "the server's answer is not the InvoiceBox route's"}
        </p>
      </div>
    )
  } else if (!view) {
    body = <Empty>This order has no InvoiceBox payment.</Empty>
  } else {
    body = <PaymentDetails view={view} />
  }

  return (
    <div className="rounded-rounded bg-grey-0 border-grey-20 px-xlarge py-large flex w-full flex-col border">
      <div className="mb-base flex items-start justify-between">
        <h1 className="inter-xlarge-semibold text-grey-90">InvoiceBox payment</h1>
        <div className="flex items-center space-x-2">
          {view ? <StatusIndicator status={view.status} label={orderStatusLabel(view.status)} /> : null}
          {!isLoading ? (
            <button
              type="button"
              className="btn btn-secondary btn-small"
              disabled={isFetching}
              onClick={() => void refetch()}
            >
              {failed ? "Try again" : "Refresh"}
            </button>
          ) : null}
        </div>
      </div>
      {body}
    </div>
  )
}

export const config: WidgetConfig = {
  zone: "order.details.after",
}

export default InvoiceboxOrderWidget
