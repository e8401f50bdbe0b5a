/**
 * Which of the store's InvoiceBox providers a notification is for: the one named by the URL
 * (`/hooks/invoicebox/:id`), else the ones whose shop is the body's merchantId. The notification
 * is accepted by the first whose key verifies the signature; otherwise the first refusal is answered.
 */
import type { ConfigModule } from "@medusajs/framework/types"

import { notificationError, verifyNotification } from "../../invoicebox/notification"
import type { NotificationReply, OrderNotification } from "../../invoicebox/types"
import {
  invoiceboxProviders,
  invoiceboxProvidersOfMerchant,
  providerIdOf,
  type InvoiceboxProviderEntry,
} from "./registry"

export type RoutedNotification =
  | { ok: true; provider: InvoiceboxProviderEntry; notification: OrderNotification; monitoring: boolean }
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
    const verified = verifyNotification({
      rawBody,
      signature,
      notificationKey: options.notificationKey,
      merchantId: options.merchantId,
      algorithm: options.signatureAlgorithm,
    })
    if (verified.ok) return { ok: true, provider, notification: verified.notification, monitoring: verified.monitoring }
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
  try {
    const body: unknown = JSON.parse(typeof rawBody === "string" ? rawBody : rawBody.toString("utf8"))
    const merchantId =
      typeof body === "object" && body !== null ? (body as { merchantId?: unknown }).merchantId : undefined
    return typeof merchantId === "string" ? merchantId : null
  } catch {
    return null
  }
}
