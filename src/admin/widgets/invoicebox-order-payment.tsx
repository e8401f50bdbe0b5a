/**
 * Order details → InvoiceBox: the InvoiceBox order id, status and payment link of the order's
 * InvoiceBox payments, with the refund orders made from Medusa.
 */
import { defineWidgetConfig } from "@medusajs/admin-sdk"
import { Badge, Container, Heading, Text } from "@medusajs/ui"

type PaymentData = {
  invoicebox_order_id?: string
  payment_url?: string
  status?: string
  paid_at?: string | null
  refunds?: Array<{ id: string; amount: number; status: string }>
}

type OrderProps = {
  data: {
    payment_collections?: Array<{ payments?: Array<{ id: string; provider_id: string; data?: PaymentData | null }> | null }> | null
  }
}

const InvoiceboxOrderWidget = ({ data }: OrderProps) => {
  const payments = (data.payment_collections ?? [])
    .flatMap((collection) => collection.payments ?? [])
    .filter((payment) => payment.provider_id.startsWith("pp_invoicebox_"))
  if (payments.length === 0) return null
  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">InvoiceBox</Heading>
      </div>
      {payments.map((payment) => {
        const info = payment.data ?? {}
        return (
          <div key={payment.id} className="flex flex-col gap-y-2 px-6 py-4">
            <Text size="small" weight="plus">Заказ / Order: {info.invoicebox_order_id ?? "—"}</Text>
            <div>
              <Badge color={info.status === "completed" ? "green" : "orange"}>{info.status ?? "unknown"}</Badge>
            </div>
            {info.paid_at ? <Text size="small">Оплачен / Paid: {new Date(info.paid_at).toLocaleString()}</Text> : null}
            {info.payment_url ? (
              <a className="text-ui-fg-interactive text-small" href={info.payment_url} target="_blank" rel="noreferrer">
                Ссылка на оплату / Payment link
              </a>
            ) : null}
            {(info.refunds ?? []).map((refund) => (
              <Text key={refund.id} size="small">
                Возврат / Refund {refund.amount} — {refund.status}
              </Text>
            ))}
          </div>
        )
      })}
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "order.details.side" })

export default InvoiceboxOrderWidget
