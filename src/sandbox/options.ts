import { DEFAULT_SIGNATURE_ALGORITHM, type SignatureAlgorithm } from "../invoicebox/signature"
import { DEMO_SHOP } from "../invoicebox/types"

export interface SandboxOptions {
  /** 0 = a random free port (the CLI defaults to 9100) */
  port?: number
  /** default 127.0.0.1 */
  host?: string
  merchantId?: string
  token?: string
  notificationKey?: string
  signatureAlgorithm?: SignatureAlgorithm
  /** base of every paymentUrl; default http://host:port */
  publicUrl?: string
  /** where notifications go when an order has no notificationUrl */
  defaultNotificationUrl?: string
  /** default 100 requests per 30 s per token, as the real API; false turns it off */
  rateLimit?: { maxRequests: number; intervalMs: number } | false
  /** waits before each retry of a failed notification; default: 10 retries over about a day */
  notificationRetryDelaysMs?: number[]
  /** how long a notification reply may take (InvoiceBox: 20 s) */
  notificationTimeoutMs?: number
  /** no request log on stdout */
  quiet?: boolean
  /** keep orders, refunds and shipments in this JSON file between runs (default: memory only) */
  stateFile?: string
}

export interface ResolvedSandboxOptions {
  port: number
  host: string
  merchantId: string
  token: string
  notificationKey: string
  signatureAlgorithm: SignatureAlgorithm
  publicUrl: string | undefined
  defaultNotificationUrl: string | undefined
  rateLimit: { maxRequests: number; intervalMs: number } | false
  notificationRetryDelaysMs: number[]
  notificationTimeoutMs: number
  quiet: boolean
  stateFile: string | undefined
}

/** InvoiceBox retries a failed notification 10 times within a day (merchant/notification/status.md). */
export const INVOICEBOX_RETRY_DELAYS_MS = [1, 2, 5, 10, 20, 40, 60, 120, 240, 480].map((minutes) => minutes * 60_000)

export function resolveSandboxOptions(options: SandboxOptions = {}): ResolvedSandboxOptions {
  return {
    port: options.port ?? 0,
    host: options.host ?? "127.0.0.1",
    merchantId: options.merchantId ?? DEMO_SHOP.merchantId,
    token: options.token ?? DEMO_SHOP.token,
    notificationKey: options.notificationKey ?? DEMO_SHOP.notificationKey,
    signatureAlgorithm: options.signatureAlgorithm ?? DEFAULT_SIGNATURE_ALGORITHM,
    publicUrl: options.publicUrl?.replace(/\/+$/, ""),
    defaultNotificationUrl: options.defaultNotificationUrl,
    rateLimit: options.rateLimit ?? { maxRequests: 100, intervalMs: 30_000 },
    notificationRetryDelaysMs: options.notificationRetryDelaysMs ?? INVOICEBOX_RETRY_DELAYS_MS,
    notificationTimeoutMs: options.notificationTimeoutMs ?? 20_000,
    quiet: options.quiet ?? false,
    stateFile: options.stateFile,
  }
}
