/**
 * Order notifications (merchant/notification/status.md): InvoiceBox POSTs the order as JSON to the
 * shop's notification URL with `X-Signature` = hex HMAC (sha1 by default) of the raw body. The shop
 * must answer HTTP 200 with `{"status":"success"}` or `{"status":"error","code":...}`.
 */
import { z } from "zod"

import { InvoiceboxError } from "./errors"
import { verifyBodySignature, type SignatureAlgorithm } from "./signature"
import {
  MONITORING_ORDER_ID,
  ORDER_STATUSES,
  type NotificationErrorCode,
  type NotificationReply,
  type OrderNotification,
} from "./types"

const amountSchema = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)]).transform(Number)

/** Required fields of an OrderNotification; everything else of the order passes through. */
const notificationSchema = z
  .object({
    id: z.string().min(1),
    status: z.enum(ORDER_STATUSES),
    merchantId: z.string().min(1),
    merchantOrderId: z.string(),
    amount: amountSchema,
    currencyId: z.string().length(3),
    createdAt: z.string().min(1),
  })
  .passthrough()

/** Parses and validates a notification body; throws InvoiceboxError `invalid_notification`. */
export function parseOrderNotification(rawBody: Buffer | string): OrderNotification {
  const text = typeof rawBody === "string" ? rawBody : rawBody.toString("utf8")
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new InvoiceboxError("invalid_notification", "InvoiceBox notification: the body is not valid JSON")
  }
  return validateOrderNotification(json)
}

/**
 * Checks an already parsed order (e.g. `params[0]` of the WebSocket gate's `onOrderStatusChange`)
 * against the required fields of an OrderNotification; throws InvoiceboxError `invalid_notification`.
 */
export function validateOrderNotification(json: unknown): OrderNotification {
  const parsed = notificationSchema.safeParse(json)
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join(".") || "(body)").join(", ")
    throw new InvoiceboxError("invalid_notification", `InvoiceBox notification: invalid or missing ${fields}`)
  }
  const notification = parsed.data as unknown as OrderNotification
  if (notification.merchantOrderId === "" && notification.id !== MONITORING_ORDER_ID) {
    throw new InvoiceboxError("invalid_notification", "InvoiceBox notification: empty merchantOrderId")
  }
  return notification
}

/** InvoiceBox monitoring's test notification: the all-f id and an empty merchantOrderId. */
export function isMonitoringNotification(notification: Pick<OrderNotification, "id" | "merchantOrderId">): boolean {
  return notification.id === MONITORING_ORDER_ID && notification.merchantOrderId === ""
}

export function notificationSuccess(): NotificationReply {
  return { status: "success" }
}

export function notificationError(code: NotificationErrorCode, message?: string): NotificationReply {
  return message === undefined ? { status: "error", code } : { status: "error", code, message: message.slice(0, 500) }
}

export interface VerifyNotificationInput {
  /** the exact bytes received (not re-serialized JSON) */
  rawBody: Buffer | string
  /** the `X-Signature` header */
  signature: string | undefined
  notificationKey: string
  /** this shop's merchant id */
  merchantId: string
  algorithm?: SignatureAlgorithm
}

export type VerifiedNotification =
  | { ok: true; notification: OrderNotification; monitoring: boolean }
  | { ok: false; reply: NotificationReply; reason: string }

/**
 * Signature first (a missing or wrong `X-Signature` → `signature_error`), then the body. A correctly
 * signed body that is not a valid order, or that names another merchant, gets `order_not_found`:
 * the docs have no closer code, and "this shop has no such order" is true in both cases while
 * telling InvoiceBox not to retry (out_of_service would make it retry a message that can never pass).
 */
export function verifyNotification(input: VerifyNotificationInput): VerifiedNotification {
  if (!input.signature) {
    return {
      ok: false,
      reply: notificationError("signature_error", "missing X-Signature"),
      reason: "missing signature",
    }
  }
  if (!verifyBodySignature(input.rawBody, input.signature, input.notificationKey, input.algorithm)) {
    return {
      ok: false,
      reply: notificationError("signature_error", "signature mismatch"),
      reason: "signature mismatch",
    }
  }
  let notification: OrderNotification
  try {
    notification = parseOrderNotification(input.rawBody)
  } catch (error) {
    const reason = error instanceof Error ? error.message : "invalid notification"
    return { ok: false, reply: notificationError("order_not_found", reason), reason }
  }
  if (notification.merchantId !== input.merchantId) {
    return {
      ok: false,
      reply: notificationError("order_not_found", "the notification is for another merchant"),
      reason: `merchant ${notification.merchantId} is not this shop`,
    }
  }
  return { ok: true, notification, monitoring: isMonitoringNotification(notification) }
}
