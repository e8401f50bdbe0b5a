import { useFormat } from "../lib/format"
import { label, useT } from "../lib/i18n"
import type { LastNotification as LastNotificationView } from "../lib/types"
import { FieldRow } from "./field-row"

/** The last notification, e.g. "26.11.2025, 17:31 · completed → success". */
export const LastNotification = ({ notification }: { notification: LastNotificationView | null }) => {
  const t = useT()
  const format = useFormat()
  const text = notification
    ? `${format.dateTime(notification.at)} · ${label(t.orderStatus, notification.order_status)} → ` +
      `${t.replyStatus[notification.reply_status]}${notification.reply_code ? ` (${notification.reply_code})` : ""}`
    : t.noneReceived
  return (
    <FieldRow label={t.lastNotification} testId="invoicebox-last-notification">
      {text}
    </FieldRow>
  )
}
