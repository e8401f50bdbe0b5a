import { StatusBadge, Table } from "@medusajs/ui"

import { useFormat } from "../lib/format"
import { label, useT } from "../lib/i18n"
import { replyStatusColor } from "../lib/status"
import type { NotificationView } from "../lib/types"
import { TableSection } from "./table-section"

const ROWS = 10

const time = (iso: string): number => {
  const ms = Date.parse(iso)
  return Number.isNaN(ms) ? 0 : ms
}

/** The latest notifications the payment's InvoiceBox order got (HTTP, Sync, reconciliation), newest first. */
export const NotificationsTable = ({ notifications }: { notifications: NotificationView[] }) => {
  const t = useT()
  const format = useFormat()
  const latest = [...notifications].sort((a, b) => time(b.received_at) - time(a.received_at)).slice(0, ROWS)
  return (
    <TableSection title={t.notificationLog} isEmpty={latest.length === 0}>
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>{t.time}</Table.HeaderCell>
            <Table.HeaderCell>{t.source}</Table.HeaderCell>
            <Table.HeaderCell>{t.status}</Table.HeaderCell>
            <Table.HeaderCell>{t.reply}</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {latest.map((notification) => (
            <Table.Row key={notification.id}>
              <Table.Cell className="pr-3">{format.dateTime(notification.received_at)}</Table.Cell>
              <Table.Cell className="pr-3">{t.notificationSource[notification.source]}</Table.Cell>
              <Table.Cell className="pr-3">{label(t.orderStatus, notification.order_status)}</Table.Cell>
              <Table.Cell>
                <StatusBadge color={replyStatusColor(notification.reply_status)}>
                  {t.replyStatus[notification.reply_status]}
                  {notification.reply_code ? ` (${notification.reply_code})` : ""}
                </StatusBadge>
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </TableSection>
  )
}
