import { Table } from "@medusajs/ui"

import { useFormat } from "../lib/format"
import { useT } from "../lib/i18n"
import type { ShipmentView } from "../lib/types"
import { TableSection } from "./table-section"

/** The payment's InvoiceBox shipments («отгрузки»). */
export const ShipmentsTable = ({ shipments }: { shipments: ShipmentView[] }) => {
  const t = useT()
  const format = useFormat()
  return (
    <TableSection title={t.shipments} isEmpty={shipments.length === 0}>
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>{t.shipmentNumber}</Table.HeaderCell>
            <Table.HeaderCell>{t.document}</Table.HeaderCell>
            <Table.HeaderCell>{t.date}</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {shipments.map((shipment) => (
            <Table.Row key={shipment.id} data-testid="invoicebox-shipment">
              <Table.Cell>{shipment.id}</Table.Cell>
              <Table.Cell className="break-all">{shipment.document_number ?? "—"}</Table.Cell>
              <Table.Cell>{format.date(shipment.document_date)}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </TableSection>
  )
}
