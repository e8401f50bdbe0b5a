/** The setup command's output: one line per check, the notes and a summary. Pure. */
import type { StoreSetupCheck, StoreSetupOutcome, StoreSetupPlan } from "./plan"

const DONE: Record<StoreSetupOutcome, string> = { unchanged: "unchanged", create: "created", update: "updated" }
const WOULD: Record<StoreSetupOutcome, string> = {
  unchanged: "unchanged",
  create: "would create",
  update: "would update",
}

export function checkLine(check: StoreSetupCheck, dryRun: boolean): string {
  const verb = (dryRun ? WOULD : DONE)[check.outcome]
  return `${verb}: ${check.subject}${check.detail ? ` — ${check.detail}` : ""}`
}

export function noteLine(note: string): string {
  return `note: ${note}`
}

export interface StoreSetupCounts {
  created: number
  updated: number
  unchanged: number
}

export function countOutcomes(plan: StoreSetupPlan): StoreSetupCounts {
  const count = (outcome: StoreSetupOutcome) => plan.checks.filter((check) => check.outcome === outcome).length
  return { created: count("create"), updated: count("update"), unchanged: count("unchanged") }
}

export function summaryLine(counts: StoreSetupCounts, dryRun: boolean): string {
  if (dryRun)
    return (
      `InvoiceBox store setup, dry run: would create ${counts.created}, would update ${counts.updated}, ` +
      `${counts.unchanged} unchanged. Nothing was changed` +
      (counts.created + counts.updated ? "; run the command without dry-run to apply." : ".")
    )
  return (
    `InvoiceBox store setup: ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged.` +
    (counts.created + counts.updated ? "" : " The store was already set up.")
  )
}
