/**
 * Order details → InvoiceBox: each InvoiceBox payment of the order as InvoiceBox sees it now — order id
 * and status, payment link, paid at, shipments («отгрузки»), refund orders, the last notification —
 * and a Sync button that re-reads InvoiceBox and applies a payment Medusa missed.
 */
import { defineWidgetConfig } from "@medusajs/admin-sdk"
import { Badge, Button, Container, Heading, Text } from "@medusajs/ui"
import { useCallback, useEffect, useState } from "react"

type Failure = { code: string; message: string; request_id: string | null }

type PaymentView = {
  session_id: string
  payment_id: string | null
  medusa: { session_status: string; amount: number; currency_code: string; captured: boolean; refunded_amount: number }
  invoicebox: { order_id: string; status: string; amount: number; currency_code: string; payment_url: string; paid_at: string | null } | null
  refunds: Array<{ id: string; amount: number; status: string; created_at: string }>
  shipments: Array<{ id: number; document_number: string | null; document_date: string | null }>
  last_notification: { at: string; order_status: string; reply_status: string; reply_code: string | null } | null
  synced_at: string | null
  error: Failure | null
}

type SyncOutcome = { session_id: string; result: string; message: string }

type OrderProps = { data: { id: string } }

const STATUS_COLOR: Record<string, "green" | "orange" | "red" | "grey"> = {
  completed: "green",
  created: "orange",
  draft: "grey",
  canceled: "red",
  expired: "red",
}

const money = (amount: number, currency: string) =>
  new Intl.NumberFormat("ru-RU", { style: "currency", currency: currency.toUpperCase() }).format(amount)

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString("ru-RU") : "—")

// the admin may be served apart from the backend (admin.backendUrl): Medusa's admin bundler defines
// __BACKEND_URL__ (empty when the backend serves the admin itself)
declare const __BACKEND_URL__: string | undefined
const BACKEND_URL = (typeof __BACKEND_URL__ === "string" ? __BACKEND_URL__ : "").replace(/\/$/, "")

async function call<T>(path: string, method: "GET" | "POST"): Promise<T> {
  const response = await fetch(`${BACKEND_URL}${path}`, { method, credentials: "include", headers: { Accept: "application/json" } })
  const body = await response.json().catch(() => ({}))
  if (!response.ok) throw new Error((body as { message?: string }).message ?? `HTTP ${response.status}`)
  return body as T
}

const FailureText = ({ failure }: { failure: Failure }) => (
  <Text size="small" className="text-ui-fg-error" data-testid="invoicebox-error">
    {failure.code}: {failure.message} (X-Request-Id: {failure.request_id ?? "—"})
  </Text>
)

const PaymentBlock = ({ payment }: { payment: PaymentView }) => {
  const order = payment.invoicebox
  return (
    <div className="flex flex-col gap-y-2 px-6 py-4" data-testid="invoicebox-payment">
      <div className="flex items-center justify-between gap-x-2">
        <Text size="small" weight="plus">Заказ InvoiceBox / Order</Text>
        {order ? <Badge color={STATUS_COLOR[order.status] ?? "grey"} data-testid="invoicebox-status">{order.status}</Badge> : null}
      </div>
      <Text size="small" className="break-all" data-testid="invoicebox-order-id">{order?.order_id ?? "—"}</Text>
      {order ? (
        <>
          <Text size="small">Сумма / Amount: {money(order.amount, order.currency_code)}</Text>
          <Text size="small" data-testid="invoicebox-paid-at">Оплачен / Paid: {when(order.paid_at)}</Text>
          <a className="text-ui-fg-interactive txt-small" href={order.payment_url} target="_blank" rel="noreferrer">
            Ссылка на оплату / Payment link
          </a>
        </>
      ) : null}
      <Text size="small" data-testid="invoicebox-medusa-status">
        Medusa: {payment.medusa.session_status}
        {payment.medusa.captured ? ", captured" : ""}
        {payment.medusa.refunded_amount > 0 ? `, refunded ${money(payment.medusa.refunded_amount, payment.medusa.currency_code)}` : ""}
      </Text>
      <Text size="small" weight="plus">Отгрузки / Shipments</Text>
      {payment.shipments.length === 0 ? <Text size="small" className="text-ui-fg-subtle">—</Text> : null}
      {payment.shipments.map((shipment) => (
        <Text key={shipment.id} size="small" data-testid="invoicebox-shipment">
          № {shipment.id}{shipment.document_number ? ` (${shipment.document_number}, ${shipment.document_date ?? ""})` : ""}
        </Text>
      ))}
      <Text size="small" weight="plus">Возвраты / Refunds</Text>
      {payment.refunds.length === 0 ? <Text size="small" className="text-ui-fg-subtle">—</Text> : null}
      {payment.refunds.map((refund) => (
        <div key={refund.id} className="flex items-center justify-between gap-x-2" data-testid="invoicebox-refund">
          <Text size="small">{money(refund.amount, order?.currency_code ?? payment.medusa.currency_code)} · {when(refund.created_at)}</Text>
          <Badge size="2xsmall" color={STATUS_COLOR[refund.status] ?? "grey"}>{refund.status}</Badge>
        </div>
      ))}
      <Text size="small" weight="plus">Последнее уведомление / Last notification</Text>
      <Text size="small" data-testid="invoicebox-last-notification">
        {payment.last_notification
          ? `${when(payment.last_notification.at)} · ${payment.last_notification.order_status} → ${payment.last_notification.reply_status}${payment.last_notification.reply_code ? ` (${payment.last_notification.reply_code})` : ""}`
          : "не получено / none received"}
      </Text>
      {payment.synced_at ? <Text size="small" className="text-ui-fg-subtle">Sync: {when(payment.synced_at)}</Text> : null}
      {payment.error ? <FailureText failure={payment.error} /> : null}
    </div>
  )
}

const InvoiceboxOrderWidget = ({ data }: OrderProps) => {
  const [payments, setPayments] = useState<PaymentView[] | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [outcomes, setOutcomes] = useState<SyncOutcome[]>([])
  const [syncing, setSyncing] = useState(false)
  const base = `/admin/invoicebox/orders/${data.id}`

  const load = useCallback(() => {
    call<{ payments: PaymentView[] }>(base, "GET")
      .then((body) => {
        setPayments(body.payments)
        setLoadError(null)
      })
      .catch((error: Error) => setLoadError(error.message))
  }, [base])

  // the order page hands a new `data` after every change (a refund, a capture): read InvoiceBox again
  useEffect(load, [load, data])

  const sync = async () => {
    setSyncing(true)
    try {
      const body = await call<{ outcomes: SyncOutcome[]; payments: PaymentView[] }>(`${base}/sync`, "POST")
      setOutcomes(body.outcomes)
      setPayments(body.payments)
      setLoadError(null)
    } catch (error) {
      setLoadError(error instanceof Error ? error.message : String(error))
    } finally {
      setSyncing(false)
    }
  }

  if (payments !== null && payments.length === 0 && !loadError) return null
  return (
    <Container className="divide-y p-0" data-testid="invoicebox-widget">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">InvoiceBox</Heading>
        <Button size="small" variant="secondary" isLoading={syncing} onClick={sync} data-testid="invoicebox-sync">
          Sync with InvoiceBox
        </Button>
      </div>
      {loadError ? (
        <div className="px-6 py-4">
          <Text size="small" className="text-ui-fg-error" data-testid="invoicebox-error">{loadError}</Text>
        </div>
      ) : null}
      {outcomes.length > 0 ? (
        <div className="flex flex-col gap-y-1 px-6 py-4" data-testid="invoicebox-sync-result">
          {outcomes.map((outcome) => (
            <Text key={outcome.session_id} size="small">{outcome.message}</Text>
          ))}
        </div>
      ) : null}
      {payments === null && !loadError ? (
        <div className="px-6 py-4">
          <Text size="small" className="text-ui-fg-subtle">Загрузка… / Loading…</Text>
        </div>
      ) : null}
      {(payments ?? []).map((payment) => (
        <PaymentBlock key={payment.session_id} payment={payment} />
      ))}
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "order.details.side" })

export default InvoiceboxOrderWidget
