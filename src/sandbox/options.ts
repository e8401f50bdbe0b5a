import { DEFAULT_SIGNATURE_ALGORITHM, type SignatureAlgorithm } from "../invoicebox/signature"
import { DEMO_SHOP, ORDER_STATUSES, type OrderStatus } from "../invoicebox/types"
import { DOCS_PARTNER, type PartnerAccount as Partner } from "../invoicebox/types"

/**
 * When a refund order completes. `immediate`: it is created `completed` (the sandbox's behaviour so
 * far, which the plugin's tests rely on). `manual`: it is created `created`, as the real API answers,
 * and stays so until POST /_sandbox/refunds/:id/complete (or /cancel).
 */
export const REFUND_COMPLETIONS = ["immediate", "manual"] as const
export type RefundCompletion = (typeof REFUND_COMPLETIONS)[number]

export interface SandboxOptions {
  /** 0 = a random free port (the CLI defaults to 9100) */
  port?: number
  /** default 127.0.0.1 */
  host?: string
  /** the default shop (more come from partner activations and the control API); default the docs' demo shop */
  merchantId?: string
  token?: string
  notificationKey?: string
  /**
   * the partners that may invite and activate shops (partner/integration/*); default the docs'
   * partner `dda90c3d-e2f8-4f90-aa8b-87b1cd2956a1` with token `b37c4c689295904ed21eee5d9a48d42e`
   */
  partners?: Partner[]
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
  /** when refund orders complete; default `immediate` (see RefundCompletion) */
  refundCompletion?: RefundCompletion
  /**
   * the order statuses the shop is notified of — the shop's setting for status-change notifications
   * (merchant/notification/status.md); default `["completed"]`. With `canceled` / `expired`, an order
   * canceled (DELETE, a guarantee payment reversed) or expired is notified too.
   */
  notifyStatuses?: OrderStatus[]
  /** each guarantee payer's fund (merchant/guarantee/*), in roubles; default 1 000 000 */
  guaranteeFund?: number
  /** how long a guarantee confirmation code must be waited for before it may be sent again; default 60 s */
  guaranteeCodeResendMs?: number
}

export interface ResolvedSandboxOptions {
  port: number
  host: string
  merchantId: string
  token: string
  notificationKey: string
  partners: Partner[]
  signatureAlgorithm: SignatureAlgorithm
  publicUrl: string | undefined
  defaultNotificationUrl: string | undefined
  rateLimit: { maxRequests: number; intervalMs: number } | false
  notificationRetryDelaysMs: number[]
  notificationTimeoutMs: number
  quiet: boolean
  stateFile: string | undefined
  refundCompletion: RefundCompletion
  notifyStatuses: OrderStatus[]
  guaranteeFund: number
  guaranteeCodeResendMs: number
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
    partners: (options.partners ?? [DOCS_PARTNER]).map(checkPartner),
    signatureAlgorithm: options.signatureAlgorithm ?? DEFAULT_SIGNATURE_ALGORITHM,
    publicUrl: options.publicUrl?.replace(/\/+$/, ""),
    defaultNotificationUrl: options.defaultNotificationUrl,
    rateLimit: options.rateLimit ?? { maxRequests: 100, intervalMs: 30_000 },
    notificationRetryDelaysMs: options.notificationRetryDelaysMs ?? INVOICEBOX_RETRY_DELAYS_MS,
    notificationTimeoutMs: options.notificationTimeoutMs ?? 20_000,
    quiet: options.quiet ?? false,
    stateFile: options.stateFile,
    refundCompletion: oneOf("refundCompletion", options.refundCompletion ?? "immediate", REFUND_COMPLETIONS),
    notifyStatuses: (options.notifyStatuses ?? ["completed"]).map((status) =>
      oneOf("notifyStatuses", status, ORDER_STATUSES)
    ),
    guaranteeFund: options.guaranteeFund ?? 1_000_000,
    guaranteeCodeResendMs: options.guaranteeCodeResendMs ?? 60_000,
  }
}

function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new Error(`sandbox option ${option}: "${value}" is not one of ${allowed.join(", ")}`)
  }
  return value as T
}

function checkPartner(partner: Partner): Partner {
  if (!partner.partnerId || !partner.token) {
    throw new Error("sandbox option partners: every partner needs a partnerId and a token")
  }
  return { partnerId: partner.partnerId, token: partner.token }
}
