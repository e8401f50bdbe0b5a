import { StatusBadge, Text } from "@medusajs/ui"

import { useT } from "../lib/i18n"
import { syncResultColor } from "../lib/status"
import type { SyncOutcome } from "../lib/types"

/** What the last Sync did, payment by payment. */
export const SyncResult = ({ outcomes }: { outcomes: SyncOutcome[] }) => {
  const t = useT()
  return (
    <div className="flex flex-col gap-y-2 px-6 py-4" data-testid="invoicebox-sync-result">
      {outcomes.length === 0 ? (
        <Text size="small" leading="compact" className="text-ui-fg-subtle">
          {t.syncNothing}
        </Text>
      ) : null}
      {outcomes.map((outcome) => (
        <div key={outcome.session_id} className="flex items-start gap-x-2">
          <StatusBadge color={syncResultColor(outcome.result)} className="shrink-0">
            {t.syncResult[outcome.result]}
          </StatusBadge>
          <Text size="small" leading="compact" className="break-words">
            {outcome.message}
          </Text>
        </div>
      ))}
    </div>
  )
}
