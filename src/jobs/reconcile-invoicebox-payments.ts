/**
 * Every few seconds (in the worker): for each InvoiceBox provider whose `reconcileEverySeconds` has
 * passed since its last run, the reconciliation workflow; then the refund orders of the last
 * REFUND_WATCH_DAYS days not yet completed or canceled are read again. One summary line per run that
 * found anything.
 */
import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

import { errorMessageOf } from "../invoicebox/errors"
import { refreshInvoiceboxConnections } from "../lib/invoicebox-connections"
import { resolveInvoiceboxProviders } from "../providers/invoicebox/registry"
import { reconcileInvoiceboxPaymentsWorkflow } from "../workflows/reconcile-invoicebox-payments"
import { refreshInvoiceboxRefundsWorkflow } from "../workflows/refresh-invoicebox-refunds"

/** Refunds are followed this long after Medusa made them (InvoiceBox settles them within days). */
export const REFUND_WATCH_DAYS = 30

const lastRun = new Map<string, number>()

export default async function reconcileInvoiceboxPaymentsJob(container: MedusaContainer): Promise<void> {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  await refreshInvoiceboxConnections(container)
  let ran = false
  for (const provider of resolveInvoiceboxProviders(container)) {
    // not connected yet (to be connected from the admin): nothing to reconcile
    if (provider.accountSource === "none") continue
    const every = provider.options.reconcileEverySeconds * 1000
    const now = Date.now()
    if (every === 0 || now - (lastRun.get(provider.providerId) ?? 0) < every) continue
    lastRun.set(provider.providerId, now)
    ran = true
    try {
      const { result: s } = await reconcileInvoiceboxPaymentsWorkflow(container).run({
        input: {
          provider_id: provider.providerId,
          now: new Date(now),
          after_seconds: provider.options.reconcileAfterSeconds,
          batch_size: provider.options.reconcileBatchSize,
        },
      })
      if (s.read > 0 || s.failed > 0) {
        logger.info(
          `InvoiceBox reconciliation (${s.provider_id}): ${s.read} orders read in ${s.requests} requests; ` +
            `${s.settled} paid applied, ${s.refused} refused, ${s.closed} closed, ${s.abandoned} abandoned canceled, ` +
            `${s.pending} still unpaid, ${s.failed} failed`
        )
      }
    } catch (error) {
      logger.warn(`InvoiceBox reconciliation (${provider.providerId}) failed: ${errorMessageOf(error)}`)
    }
  }
  if (ran) await refreshRecentInvoiceboxRefunds(container)
}

/** The refund part of a run: the refunds of the last REFUND_WATCH_DAYS days not yet final; never throws. */
export async function refreshRecentInvoiceboxRefunds(container: MedusaContainer, now = new Date()): Promise<void> {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  try {
    const { result } = await refreshInvoiceboxRefundsWorkflow(container).run({
      input: { created_after: new Date(now.getTime() - REFUND_WATCH_DAYS * 24 * 3600_000) },
    })
    if (result.changes.length > 0 || result.failed > 0) {
      const count = (status: string) => result.changes.filter((change) => change.to === status).length
      logger.info(
        `InvoiceBox refunds: ${result.checked} read in ${result.requests} requests; ` +
          `${count("completed")} completed, ${count("canceled")} canceled, ${result.failed} failed`
      )
    }
  } catch (error) {
    logger.warn(`InvoiceBox refund check failed: ${errorMessageOf(error)}`)
  }
}

export const config = {
  name: "reconcile-invoicebox-payments",
  schedule: { interval: 5_000 },
}
