/**
 * Sets an existing Medusa store up for InvoiceBox: reads the store, plans, and (unless it is a dry
 * run) applies the plan, logging one line per check, the notes and a summary.
 */
import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

import { parseStoreSetupArguments } from "./arguments"
import { applyStoreSetup } from "./apply"
import { planStoreSetup } from "./plan"
import { checkLine, countOutcomes, noteLine, summaryLine, type StoreSetupCounts } from "./report"
import { readStoreState } from "./state"

export { argumentsDroppedByMedusaExec, assertNoDroppedArguments, parseStoreSetupArguments, USAGE } from "./arguments"
export { planStoreSetup, type StoreSetupPlan } from "./plan"
export { readStoreState, type StoreState } from "./state"

export interface StoreSetupReport extends StoreSetupCounts {
  dryRun: boolean
  /** what the command printed, in order */
  lines: string[]
}

/** The report of what was (or in a dry run, would be) changed. */
export async function setUpStoreForInvoicebox(
  container: MedusaContainer,
  args: readonly string[]
): Promise<StoreSetupReport> {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const options = parseStoreSetupArguments(args)
  const lines: string[] = []
  const print = (line: string) => {
    lines.push(line)
    logger.info(line)
  }

  const plan = planStoreSetup(await readStoreState(container), options)
  if (options.dryRun) {
    for (const check of plan.checks) print(checkLine(check, true))
  } else {
    await applyStoreSetup(container, plan, (check) => print(checkLine(check, false)))
  }
  for (const note of plan.notes) print(noteLine(note))
  const counts = countOutcomes(plan)
  print(summaryLine(counts, options.dryRun))
  return { dryRun: options.dryRun, lines, ...counts }
}
