/**
 * Which of the store's InvoiceBox providers a notification is for: the one named by the URL
 * (`/hooks/invoicebox/:id`), else the ones whose shop is the body's merchantId. The notification
 * is accepted by the first whose key verifies the signature; otherwise the first refusal is answered.
 */
import type { ConfigModule } from "@medusajs/framework/types"

import { notificationError, verifyNotification } from "../../invoicebox/notification"
import { verifyBodySignature } from "../../invoicebox/signature"
import { MONITORING_ORDER_ID, type NotificationReply, type OrderNotification } from "../../invoicebox/types"
import {
  invoiceboxProviders,
  invoiceboxProvidersOfMerchant,
  providerIdOf,
  type InvoiceboxProviderEntry,
} from "./registry"

export type RoutedNotification =
  | { ok: true; provider: InvoiceboxProviderEntry; notification: OrderNotification; monitoring: false }
  /** InvoiceBox monitoring's test: correctly signed; nothing else of its body matters */
  | { ok: true; provider: InvoiceboxProviderEntry; monitoring: true }
  | { ok: false; reply: NotificationReply; reason: string }

export function routeNotification(
  configModule: ConfigModule,
  rawBody: Buffer | string,
  signature: string | undefined,
  registrationId?: string
): RoutedNotification {
  const candidates = registrationId
    ? invoiceboxProviders(configModule).filter((entry) => entry.providerId === providerIdOf(registrationId))
    : candidatesByMerchant(configModule, rawBody)
  if (candidates.length === 0) {
    const reason = registrationId
      ? `no InvoiceBox provider with the id "${registrationId}"`
      : "no InvoiceBox provider is registered"
    return { ok: false, reply: notificationError("order_not_found", reason), reason }
  }
  let refusal: RoutedNotification | null = null
  for (const provider of candidates) {
    const { options } = provider
    if (!options.notificationKey) {
      // nothing to verify a signature with: the shop's notifications come over the WebSocket gate
      const reason = `${provider.providerId} has no notification key yet (set it in Settings → InvoiceBox)`
      refusal ??= { ok: false, reply: notificationError("signature_error", reason), reason }
      continue
    }
    if (
      isMonitoringPing(rawBody, options.merchantId) &&
      verifyBodySignature(rawBody, signature ?? "", options.notificationKey, options.signatureAlgorithm)
    ) {
      return { ok: true, provider, monitoring: true }
    }
    const verified = verifyNotification({
      rawBody,
      signature,
      notificationKey: options.notificationKey,
      merchantId: options.merchantId,
      algorithm: options.signatureAlgorithm,
    })
    if (verified.ok && !verified.monitoring)
      return { ok: true, provider, notification: verified.notification, monitoring: false }
    if (verified.ok) return { ok: true, provider, monitoring: true }
    refusal ??= verified
  }
  return refusal!
}

/** The providers of the body's merchant; every provider when the body names none of them (each refuses). */
function candidatesByMerchant(configModule: ConfigModule, rawBody: Buffer | string): InvoiceboxProviderEntry[] {
  const merchantId = merchantIdOf(rawBody)
  const matching = merchantId ? invoiceboxProvidersOfMerchant(configModule, merchantId) : []
  return matching.length > 0 ? matching : invoiceboxProviders(configModule)
}

function merchantIdOf(rawBody: Buffer | string): string | null {
  const merchantId = jsonObjectOf(rawBody)?.merchantId
  return typeof merchantId === "string" ? merchantId : null
}

/** The all-f order id with an empty (or no) merchantOrderId, for this merchant or none named. */
function isMonitoringPing(rawBody: Buffer | string, merchantId: string): boolean {
  const body = jsonObjectOf(rawBody)
  if (!body || body.id !== MONITORING_ORDER_ID) return false
  const merchant = body.merchantId
  const ours =
    merchant === undefined || (typeof merchant === "string" && merchant.toLowerCase() === merchantId.toLowerCase())
  return (body.merchantOrderId ?? "") === "" && ours
}

function jsonObjectOf(rawBody: Buffer | string): Record<string, unknown> | null {
  try {
    const body: unknown = JSON.parse(typeof rawBody === "string" ? rawBody : rawBody.toString("utf8"))
    return typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : null
  } catch {
    return null
  }
}
