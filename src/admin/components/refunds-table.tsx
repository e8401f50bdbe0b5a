import { Table, Text } from "@medusajs/ui"

import { useFormat } from "../lib/format"
import { useT } from "../lib/i18n"
import type { RefundView } from "../lib/types"
import { OrderStatusBadge } from "./order-status-badge"
import { TableSection } from "./table-section"

type Props = {
  refunds: RefundView[]
  currencyCode: string
}

/** The payment's InvoiceBox refund orders. */
export const RefundsTable = ({ refunds, currencyCode }: Props) => {
  const t = useT()
  const format = useFormat()
  return (
    <TableSection title={t.refunds} isEmpty={refunds.length === 0}>
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>{t.amount}</Table.HeaderCell>
            <Table.HeaderCell>{t.status}</Table.HeaderCell>
            <Table.HeaderCell>{t.createdAt}</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {refunds.map((refund) => (
            <Table.Row key={refund.id} data-testid="invoicebox-refund">
              <Table.Cell className="whitespace-nowrap">{format.money(refund.amount, currencyCode)}</Table.Cell>
              <Table.Cell>
                <OrderStatusBadge status={refund.status} kind="refund" />
                {refund.status === "canceled" ? (
                  <Text
                    size="xsmall"
                    leading="compact"
                    className="text-ui-fg-error mt-1 whitespace-normal"
                    data-testid="invoicebox-refund-canceled"
                  >
                    {t.refundCanceledHint}
                  </Text>
                ) : null}
              </Table.Cell>
              <Table.Cell>{format.dateTime(refund.created_at)}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </TableSection>
  )
}
