/**
 * Notification delivery as InvoiceBox does it (merchant/notification/status.md): a JSON POST of the
 * order with `X-Signature` = HMAC of the exact bytes sent, with the key of the order's shop as it is
 * at the time of the attempt. Only HTTP 200 with `{"status":"success"}` counts as delivered;
 * `out_of_service` (the default error code), another HTTP status, a body that is not JSON or no reply
 * in time are retried on the schedule; other error codes are final. Each notification also goes to
 * the shop's open WebSockets (ws-notifications.ts).
 */
import axios from "axios"

import { signBody, type SignatureAlgorithm } from "../invoicebox/signature"
import type { Order } from "../invoicebox/types"
import type { DeliveryLog, DeliveryOutcome, DeliveryRecord } from "./delivery-log"
import type { Faults } from "./faults"
import type { WebSocketNotifier } from "./ws-notifications"

export type { DeliveryOutcome, DeliveryRecord } from "./delivery-log"

export interface NotifierSettings {
  /** the current notification key of the order's shop */
  notificationKeyOf: (order: Order) => string
  /** the shop an order's notifications go to */
  merchantOf: (order: Order) => string
  signatureAlgorithm: SignatureAlgorithm
  defaultNotificationUrl: string | undefined
  retryDelaysMs: number[]
  timeoutMs: number
}

export class Notifier {
  private readonly timers = new Set<NodeJS.Timeout>()

  constructor(
    private readonly settings: NotifierSettings,
    private readonly faults: Faults,
    private readonly deliveries: DeliveryLog,
    private readonly websocket?: WebSocketNotifier
  ) {}

  /**
   * Delivers the order's notification (plus any injected duplicates) over HTTP and, in the
   * background, over the shop's WebSockets; retries run in the background. The HTTP delivery's
   * first attempt is the answer.
   */
  async notify(order: Order): Promise<DeliveryRecord> {
    const fault = this.faults.notificationFault()
    this.websocket?.notify(order, fault)
    if (fault.drop) return this.record(order, null, "", "", 1, { outcome: "dropped" })
    const duplicates = Array.from({ length: fault.duplicates }, () => this.attempt(order, 1, false))
    const [first] = await Promise.all([this.attempt(order, 1, true), ...duplicates])
    return first!
  }

  /** `times` concurrent deliveries of the same notification, none retried (control API). */
  async deliverTimes(order: Order, times: number): Promise<DeliveryRecord[]> {
    return Promise.all(Array.from({ length: times }, () => this.attempt(order, 1, false)))
  }

  /** One signed delivery of an arbitrary body, e.g. the monitoring test notification. */
  async deliverBody(order: Order, url: string | undefined): Promise<DeliveryRecord> {
    return this.attempt(order, 1, false, url)
  }

  list(orderId?: string): DeliveryRecord[] {
    return this.deliveries.list(orderId === undefined ? {} : { orderId })
  }

  reset(): void {
    this.stop()
    this.deliveries.reset()
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
    this.websocket?.stop()
  }

  private async attempt(order: Order, attempt: number, retry: boolean, urlOverride?: string): Promise<DeliveryRecord> {
    const url = urlOverride ?? order.notificationUrl ?? this.settings.defaultNotificationUrl
    const body = JSON.stringify(order)
    const signature = signBody(body, this.settings.notificationKeyOf(order), this.settings.signatureAlgorithm)
    if (!url) return this.record(order, null, body, signature, attempt, { outcome: "no_url" })
    let replyStatus: number | null = null
    let replyBody: string | null = null
    let error: string | null = null
    try {
      const response = await axios.post<string>(url, body, {
        headers: {
          "Content-Type": "application/json",
          "X-Signature": signature,
          "User-Agent": "Invoicebox-Sandbox/3.0",
        },
        timeout: this.settings.timeoutMs,
        responseType: "text",
        transformResponse: (data: unknown) => data,
        validateStatus: () => true,
        maxRedirects: 0,
      })
      replyStatus = response.status
      replyBody = typeof response.data === "string" ? response.data : String(response.data)
    } catch (cause) {
      error = cause instanceof Error ? cause.message : "delivery failed"
    }
    const outcome = classifyReply(replyStatus, replyBody)
    const record = this.record(order, url, body, signature, attempt, { outcome, replyStatus, replyBody, error })
    if (outcome === "retry" && retry) this.scheduleRetry(order, attempt)
    return record
  }

  private scheduleRetry(order: Order, attempt: number): void {
    const delay = this.settings.retryDelaysMs[attempt - 1]
    if (delay === undefined) return
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      void this.attempt(order, attempt + 1, true)
    }, delay)
    timer.unref?.()
    this.timers.add(timer)
  }

  private record(
    order: Order,
    url: string | null,
    requestBody: string,
    signature: string,
    attempt: number,
    result: { outcome: DeliveryOutcome; replyStatus?: number | null; replyBody?: string | null; error?: string | null }
  ): DeliveryRecord {
    return this.deliveries.add({
      channel: "http",
      orderId: order.id,
      merchantId: this.settings.merchantOf(order),
      url,
      requestBody,
      signature,
      attempt,
      replyStatus: result.replyStatus ?? null,
      replyBody: result.replyBody ?? null,
      error: result.error ?? null,
      outcome: result.outcome,
    })
  }
}

/** What InvoiceBox makes of a reply. */
export function classifyReply(status: number | null, body: string | null): DeliveryOutcome {
  if (status !== 200 || body === null) return "retry"
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    return "retry"
  }
  if (typeof json !== "object" || json === null) return "retry"
  const reply = json as { status?: unknown; code?: unknown }
  if (reply.status === "success") return "success"
  if (reply.status === "error") {
    const code = typeof reply.code === "string" && reply.code !== "" ? reply.code : "out_of_service"
    return code === "out_of_service" ? "retry" : "final_error"
  }
  return "retry"
}
