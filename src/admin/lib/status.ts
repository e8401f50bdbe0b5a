/** StatusBadge colours for InvoiceBox's statuses, the widget's results and the connections' statuses. */
import type { ConnectionStatus, InvoiceboxOrderStatus, ReplyStatus, SyncResult } from "./types"

export type StatusColor = "green" | "orange" | "red" | "grey"

const ORDER_STATUS_COLOR: Record<InvoiceboxOrderStatus, StatusColor> = {
  completed: "green",
  created: "orange",
  canceled: "red",
  expired: "red",
}

/** An InvoiceBox order's (or refund order's) status; grey for one InvoiceBox may add later. */
export const orderStatusColor = (status: string): StatusColor =>
  (ORDER_STATUS_COLOR as Readonly<Record<string, StatusColor | undefined>>)[status] ?? "grey"

export const replyStatusColor = (status: ReplyStatus): StatusColor => (status === "success" ? "green" : "red")

const SYNC_RESULT_COLOR: Record<SyncResult, StatusColor> = {
  applied: "green",
  up_to_date: "grey",
  refused: "orange",
  failed: "red",
}

export const syncResultColor = (result: SyncResult): StatusColor => SYNC_RESULT_COLOR[result]

const CONNECTION_STATUS_COLOR: Record<ConnectionStatus, StatusColor> = {
  connected: "green",
  needs_notification_key: "orange",
  not_connected: "grey",
}

/** An InvoiceBox connection's status (Settings → InvoiceBox). */
export const connectionStatusColor = (status: ConnectionStatus): StatusColor => CONNECTION_STATUS_COLOR[status]
