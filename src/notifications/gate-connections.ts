/**
 * Notifications without a public URL: for every InvoiceBox account whose notifications come over the
 * WebSocket gate (option notificationChannel `websocket` / `both`, or no notification key yet — a shop
 * just activated by a partner), the worker keeps one gate connection (core ws-gate.ts: reconnects with
 * backoff) and feeds each `onOrderStatusChange` to the same path as an HTTP notification
 * (apply-invoicebox-notification.ts), so a payment arriving both ways is applied once. Kept in step
 * with the stored connections by the `keep-invoicebox-gate-connections` job; stopped at shutdown.
 */
import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

import type { OrderNotification } from "../invoicebox/types"
import { gateUrlForApiBase, InvoiceboxGateConnection } from "../invoicebox/ws-gate"
import { resolveInvoiceboxProviders, type InvoiceboxProviderEntry } from "../providers/invoicebox/registry"
import { applyInvoiceboxNotification } from "./apply-invoicebox-notification"
import { gateConnectionPool } from "../invoicebox/gate-connection-pool"
import { notificationChannelOf, refreshInvoiceboxConnections } from "../lib/invoicebox-connections"

/** Opens, replaces or closes gate connections so that they match the accounts in effect now. */
export async function keepGateConnections(container: MedusaContainer): Promise<void> {
  await refreshInvoiceboxConnections(container)
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const wanted = new Map<string, InvoiceboxProviderEntry>()
  for (const provider of resolveInvoiceboxProviders(container)) {
    if (provider.accountSource !== "none" && notificationChannelOf(provider.options) !== "http") {
      wanted.set(provider.providerId, provider)
    }
  }
  for (const [providerId, current] of gateConnectionPool) {
    const provider = wanted.get(providerId)
    if (provider && accountOf(provider) === current.account) continue
    gateConnectionPool.delete(providerId)
    await current.connection.stop()
    logger.info(`InvoiceBox gate (${providerId}): closed (${provider ? "the account changed" : "not needed"})`)
  }
  for (const [providerId, provider] of wanted) {
    if (gateConnectionPool.has(providerId)) continue
    const connection = openGateConnection(container, provider, logger)
    gateConnectionPool.set(providerId, { account: accountOf(provider), connection })
    connection.start()
  }
}

function gateUrlOf(provider: InvoiceboxProviderEntry): string {
  return provider.options.wsGateUrl ?? gateUrlForApiBase(provider.options.apiUrl)
}

function accountOf(provider: InvoiceboxProviderEntry): string {
  const { merchantId, token } = provider.options
  return JSON.stringify([merchantId, token, gateUrlOf(provider)])
}

function openGateConnection(
  container: MedusaContainer,
  provider: InvoiceboxProviderEntry,
  logger: Logger
): InvoiceboxGateConnection {
  const providerId = provider.providerId
  return new InvoiceboxGateConnection({
    url: gateUrlOf(provider),
    token: provider.options.token,
    onOrderStatusChange: (order) => takeOrder(container, providerId, order),
    logger: {
      info: (message) => logger.info(`InvoiceBox gate (${providerId}): ${message}`),
      warn: (message) => logger.warn(`InvoiceBox gate (${providerId}): ${message}`),
      error: (message) => logger.error(`InvoiceBox gate (${providerId}): ${message}`),
    },
  })
}

/**
 * One order from the gate: it must be this account's; applied as an HTTP notification would be. A
 * temporary failure is thrown, so the gate sends it again; a final refusal (a wrong amount, an
 * unknown order) is answered and logged, as over HTTP.
 */
async function takeOrder(container: MedusaContainer, providerId: string, order: OrderNotification): Promise<unknown> {
  await refreshInvoiceboxConnections(container)
  const provider = resolveInvoiceboxProviders(container).find((entry) => entry.providerId === providerId)
  if (!provider || provider.accountSource === "none") throw new Error(`${providerId} is not connected any more`)
  const merchantId = provider.options.merchantId.toLowerCase()
  if (String(order.merchantId ?? "").toLowerCase() !== merchantId) {
    throw new Error(`order ${order.id} is not of shop ${provider.options.merchantId}`)
  }
  const reply = await applyInvoiceboxNotification(container, provider, order, "websocket")
  if (reply.status === "error" && reply.code === "out_of_service") {
    throw new Error(reply.message ?? "temporary failure, please retry")
  }
  if (reply.status === "error") {
    container
      .resolve<Logger>(ContainerRegistrationKeys.LOGGER)
      .warn(`InvoiceBox gate (${providerId}): order ${order.id} refused: ${reply.code} ${reply.message ?? ""}`)
  }
  return reply
}
