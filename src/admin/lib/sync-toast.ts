import { toast } from "@medusajs/ui"

import type { Messages } from "./i18n"
import type { RefundChange, SyncOutcome, SyncResult } from "./types"

const ORDER: SyncResult[] = ["applied", "up_to_date", "refused", "failed"]

/**
 * One toast for a Sync: how many payments it applied, found up to date, could not apply; and an error
 * toast when InvoiceBox canceled refunds (the buyer did not get that money back).
 */
export function toastSyncOutcomes(outcomes: SyncOutcome[], refunds: RefundChange[], t: Messages): void {
  const canceled = refunds.filter((refund) => refund.to === "canceled")
  if (canceled.length > 0) toast.error(t.refundsCanceled(canceled.length), { description: t.refundCanceledHint })
  if (outcomes.length === 0) {
    toast.info(t.syncDone, { description: t.syncNothing })
    return
  }
  const description = ORDER.map((result) => [result, outcomes.filter((o) => o.result === result).length] as const)
    .filter(([, count]) => count > 0)
    .map(([result, count]) => `${t.syncResult[result]}: ${count}`)
    .join(" · ")
  const troubled = outcomes.some((outcome) => outcome.result === "refused" || outcome.result === "failed")
  if (troubled) toast.warning(t.syncDone, { description })
  else toast.success(t.syncDone, { description })
}
