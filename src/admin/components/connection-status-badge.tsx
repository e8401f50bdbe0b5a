import { StatusBadge } from "@medusajs/ui"

import { useT } from "../lib/i18n"
import { connectionStatusColor } from "../lib/status"
import type { ConnectionStatus } from "../lib/types"

/** connected / needs a notification key / not connected; data-status holds the status itself. */
export const ConnectionStatusBadge = ({ status }: { status: ConnectionStatus }) => {
  const t = useT()
  return (
    <StatusBadge
      color={connectionStatusColor(status)}
      className="shrink-0"
      data-testid="invoicebox-connection-status"
      data-status={status}
    >
      {t.connectionStatus[status]}
    </StatusBadge>
  )
}
