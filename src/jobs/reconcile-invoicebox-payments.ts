/**
 * Every few seconds (in the worker): for each InvoiceBox provider whose `reconcileEverySeconds` has
 * passed since its last run, the reconciliation workflow; one summary line per run that found anything.
 */
import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

import { errorMessageOf } from "../invoicebox/errors"
import { resolveInvoiceboxProviders } from "../providers/invoicebox/registry"
import { reconcileInvoiceboxPaymentsWorkflow } from "../workflows/reconcile-invoicebox-payments"

const lastRun = new Map<string, number>()

export default async function reconcileInvoiceboxPaymentsJob(container: MedusaContainer): Promise<void> {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  for (const provider of resolveInvoiceboxProviders(container)) {
    const every = provider.options.reconcileEverySeconds * 1000
    const now = Date.now()
    if (every === 0 || now - (lastRun.get(provider.providerId) ?? 0) < every) continue
    lastRun.set(provider.providerId, now)
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
}

export const config = {
  name: "reconcile-invoicebox-payments",
  schedule: { interval: 5_000 },
}
