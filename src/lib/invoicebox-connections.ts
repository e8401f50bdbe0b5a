/**
 * The InvoiceBox connection of each provider as the admin's Settings → InvoiceBox sees and changes
 * it: paste an account's credentials (checked with InvoiceBox before anything is saved), set or rotate
 * the notification key, disconnect. Secrets go straight into the module's sealed columns and the
 * process's snapshot (providers/invoicebox/stored-connections.ts) — never into a workflow's stored
 * input, an answer or a log line.
 */
import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"

import { errorMessageOf, InvoiceboxApiError } from "../invoicebox/errors"
import { INVOICEBOX_MODULE, type InvoiceboxModuleService } from "../modules/invoicebox"
import type { InvoiceboxProviderOptions } from "../payment/options"
import {
  invoiceboxClient,
  resolveInvoiceboxProviders,
  type InvoiceboxProviderEntry,
} from "../providers/invoicebox/registry"
import {
  refreshStoredConnections,
  replaceStoredCredentials,
  storedCredentialsOf,
  type StoredCredentials,
} from "../providers/invoicebox/stored-connections"
import { maskSecret } from "../modules/invoicebox/secret-box"

export interface InvoiceboxConnectionView {
  provider_id: string
  /** connected: payments and notifications work; needs_notification_key: payments work, notifications
   * come over the WebSocket gate until the key is set; not_connected: no account */
  status: "connected" | "needs_notification_key" | "not_connected"
  /** stored: connected from the admin; options: medusa-config's account; none */
  account_source: "stored" | "options" | "none"
  merchant_id: string | null
  token_masked: string | null
  notification_key_set: boolean
  api_prefix: string
  api_url: string
  connected_at: string | null
  checked_at: string | null
  check_error: string | null
  last_notification_at: string | null
  /** the URL to paste into the InvoiceBox personal account (notifications) */
  notification_url: string | null
  notification_channel: "http" | "websocket" | "both"
  /** why connections cannot be stored here (no connection key); null when they can */
  storage_problem: string | null
  partner_enabled: boolean
  pending_invite: {
    id: string
    email: string
    company_name: string | null
    inn: string | null
    created_at: string
  } | null
}

export interface PastedCredentials {
  merchant_id: string
  token: string
  notification_key?: string
  api_prefix?: "v3" | "l3"
}

/** The plugin's module, or null when the store did not register it (connections then come from options). */
export function invoiceboxModuleOf(container: MedusaContainer): InvoiceboxModuleService | null {
  try {
    return container.resolve<InvoiceboxModuleService>(INVOICEBOX_MODULE)
  } catch {
    return null
  }
}

/** Brings this process's snapshot of the stored connections up to date (at most every few seconds). */
export async function refreshInvoiceboxConnections(container: MedusaContainer, maxAgeMs?: number): Promise<void> {
  const module = invoiceboxModuleOf(container)
  if (!module) return
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  await refreshStoredConnections(() => module.storedCredentials(), logger, maxAgeMs)
  for (const provider of resolveInvoiceboxProviders(container)) {
    const reason = storedCredentialsOf(provider.providerId)?.unreadable
    const said = `${provider.providerId}:${reason}`
    if (!reason || unreadableSaid.has(said)) continue
    unreadableSaid.add(said)
    logger.error(
      `InvoiceBox: the stored connection of ${provider.providerId} cannot be opened in this process (${reason}); ` +
        "it takes no payments here until every server and the worker have the same INVOICEBOX_CONNECTION_KEY, " +
        "or the shop is connected again in Settings → InvoiceBox"
    )
  }
}

/** Unreadable stored connections already logged by this process (once each). */
const unreadableSaid = new Set<string>()

export function requireInvoiceboxModule(container: MedusaContainer): InvoiceboxModuleService {
  const module = invoiceboxModuleOf(container)
  if (module) return module
  throw new MedusaError(
    MedusaError.Types.NOT_ALLOWED,
    "The plugin's module is not registered: add medusa-payment-invoicebox to `plugins` in medusa-config"
  )
}

export function requireProvider(container: MedusaContainer, providerId: string): InvoiceboxProviderEntry {
  const entry = resolveInvoiceboxProviders(container).find((candidate) => candidate.providerId === providerId)
  if (entry) return entry
  throw new MedusaError(MedusaError.Types.NOT_FOUND, `${providerId} is not an InvoiceBox provider of this store`)
}

/**
 * InvoiceBox's answer to the token (security/api/auth/auth): null when it is accepted, else
 * InvoiceBox's error as the admin should read it, and whether InvoiceBox refused the token.
 */
export async function checkInvoiceboxToken(
  options: InvoiceboxProviderOptions,
  logger: Logger
): Promise<{ error: string; refused: boolean } | null> {
  try {
    await invoiceboxClient(options, logger).checkAuth()
    return null
  } catch (error) {
    // a 4xx (not 429) is InvoiceBox turning the token down; anything else says nothing about the token
    const refused =
      error instanceof InvoiceboxApiError &&
      error.httpStatus >= 400 &&
      error.httpStatus < 500 &&
      error.httpStatus !== 429
    return { error: errorMessageOf(error), refused }
  }
}

/** Checks pasted credentials with InvoiceBox and stores them; a refused token saves nothing. */
export async function connectWithCredentials(
  container: MedusaContainer,
  providerId: string,
  pasted: PastedCredentials
): Promise<void> {
  const entry = requireProvider(container, providerId)
  const module = requireInvoiceboxModule(container)
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const storageProblem = module.storageProblem()
  if (storageProblem) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `InvoiceBox: ${storageProblem}`)
  const candidate = {
    ...entry.configured,
    merchantId: pasted.merchant_id,
    token: pasted.token,
    notificationKey: pasted.notification_key ?? "",
    apiPrefix: pasted.api_prefix ?? entry.configured.apiPrefix,
  }
  const failed = await checkInvoiceboxToken(candidate, logger)
  if (failed?.refused) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `InvoiceBox did not accept the token: ${failed.error}`)
  }
  if (failed) {
    throw new MedusaError(
      MedusaError.Types.UNEXPECTED_STATE,
      `InvoiceBox could not check the token (${failed.error}); nothing was saved — try again in a moment`
    )
  }
  // the same shop pasted again without a key (a new token): the key set before stays
  const sameShop = entry.accountSource === "stored" && entry.options.merchantId === pasted.merchant_id
  await storeConnection(container, {
    provider_id: providerId,
    merchant_id: pasted.merchant_id,
    token: pasted.token,
    notification_key: pasted.notification_key ?? (sameShop ? undefined : null),
    api_prefix: pasted.api_prefix ?? null,
    source: "credentials",
    checked_at: new Date(),
  })
  logger.info(`InvoiceBox: ${providerId} is connected to shop ${pasted.merchant_id}`)
}

/** Stores a connection and puts it in effect in this process at once. */
export async function storeConnection(
  container: MedusaContainer,
  input: Parameters<InvoiceboxModuleService["saveConnection"]>[0]
): Promise<StoredCredentials> {
  const stored = await requireInvoiceboxModule(container).saveConnection(input)
  replaceStoredCredentials(input.provider_id, stored)
  return stored
}

/** Sets (or rotates) the notification key of a stored connection: from now on only it verifies. */
export async function setNotificationKey(container: MedusaContainer, providerId: string, key: string): Promise<void> {
  requireProvider(container, providerId)
  const stored = await requireInvoiceboxModule(container).setNotificationKey(providerId, key)
  replaceStoredCredentials(providerId, stored)
  container
    .resolve<Logger>(ContainerRegistrationKeys.LOGGER)
    .info(`InvoiceBox: ${providerId} has a new notification key`)
}

/** Removes the stored connection; medusa-config's account (if any) is in effect again. */
export async function disconnect(container: MedusaContainer, providerId: string): Promise<boolean> {
  requireProvider(container, providerId)
  const removed = await requireInvoiceboxModule(container).removeConnection(providerId)
  replaceStoredCredentials(providerId, null)
  if (removed) {
    container.resolve<Logger>(ContainerRegistrationKeys.LOGGER).info(`InvoiceBox: ${providerId} is disconnected`)
  }
  return removed
}

/** Checks the token in effect and records the result (for a stored connection). */
export async function checkConnection(container: MedusaContainer, providerId: string): Promise<string | null> {
  const entry = requireProvider(container, providerId)
  if (entry.accountSource === "none") return "not connected"
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const failed = await checkInvoiceboxToken(entry.options, logger)
  if (entry.accountSource === "stored") {
    await requireInvoiceboxModule(container).recordConnectionCheck(providerId, new Date(), failed?.error ?? null)
  }
  return failed?.error ?? null
}

/** Every InvoiceBox provider's connection as the settings page shows it (no secret in it). */
export async function connectionViews(container: MedusaContainer): Promise<InvoiceboxConnectionView[]> {
  await refreshInvoiceboxConnections(container, 0)
  const module = invoiceboxModuleOf(container)
  return Promise.all(resolveInvoiceboxProviders(container).map((entry) => connectionView(entry, module)))
}

export async function connectionViewOf(
  container: MedusaContainer,
  providerId: string
): Promise<InvoiceboxConnectionView> {
  return connectionView(requireProvider(container, providerId), invoiceboxModuleOf(container))
}

async function connectionView(
  entry: InvoiceboxProviderEntry,
  module: InvoiceboxModuleService | null
): Promise<InvoiceboxConnectionView> {
  const options = entry.options
  const source = entry.accountSource
  const unreadable = storedCredentialsOf(entry.providerId)?.unreadable
  const [row] = module ? await module.listInvoiceboxConnections({ provider_id: entry.providerId }) : []
  const [lastNotification] = module
    ? await module.listInvoiceboxNotifications(
        { provider_id: entry.providerId },
        { order: { received_at: "DESC" }, take: 1 }
      )
    : []
  const [invite] = module
    ? await module.listInvoiceboxPartnerInvites(
        { provider_id: entry.providerId, status: "sent" },
        { order: { created_at: "DESC" }, take: 1 }
      )
    : []
  const keySet = options.notificationKey !== ""
  return {
    provider_id: entry.providerId,
    status: source === "none" ? "not_connected" : keySet ? "connected" : "needs_notification_key",
    account_source: source,
    merchant_id: source === "none" ? null : options.merchantId,
    token_masked: source === "none" ? null : maskSecret(options.token),
    notification_key_set: keySet,
    api_prefix: options.apiPrefix,
    api_url: options.apiUrl,
    connected_at: source === "stored" && row ? iso(row.connected_at) : null,
    checked_at: source === "stored" && row?.checked_at ? iso(row.checked_at) : null,
    check_error: unreadable
      ? `the stored credentials cannot be opened here (${unreadable}): connect the shop again`
      : source === "stored"
        ? (row?.check_error ?? null)
        : null,
    last_notification_at: lastNotification ? iso(lastNotification.received_at) : null,
    notification_url: options.notificationUrl ?? null,
    notification_channel: notificationChannelOf(options),
    storage_problem: module ? module.storageProblem() : "the plugin's module is not registered",
    partner_enabled: Boolean(module?.partner),
    pending_invite: invite
      ? {
          id: invite.id,
          email: invite.email,
          company_name: invite.company_name ?? null,
          inn: invite.inn ?? null,
          created_at: iso(invite.created_at),
        }
      : null,
  }
}

/** How notifications reach the store: over the WebSocket gate whenever there is no key to verify HTTP ones. */
export function notificationChannelOf(options: InvoiceboxProviderOptions): "http" | "websocket" | "both" {
  if (!options.notificationKey) return "websocket"
  return options.notificationChannel
}

function iso(value: Date | string): string {
  return new Date(value).toISOString()
}
