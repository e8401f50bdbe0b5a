/**
 * What both Medusa adapters' notification routes share: the request's bytes as InvoiceBox sent them
 * (its signature is over them), and InvoiceBox's reply limit — the shop must answer within 20 s, so
 * work that fails or takes longer than 18 s is answered `out_of_service` (InvoiceBox then retries).
 */
import { notificationError } from "../invoicebox/notification"
import type { NotificationReply } from "../invoicebox/types"

/** An order notification is a few kilobytes; a 1 000-line basket stays well below this. */
export const MAX_NOTIFICATION_BYTES = 2 * 1024 * 1024
export const REPLY_WITHIN_MS = 18_000

/** The request's bytes as sent (the route has no body parser); an error past `maxBytes`. */
export async function readRawBody(
  request: AsyncIterable<Buffer | string>,
  maxBytes = MAX_NOTIFICATION_BYTES
): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : chunk
    size += buffer.length
    if (size > maxBytes) throw new Error(`notification body over ${maxBytes} bytes`)
    chunks.push(buffer)
  }
  return Buffer.concat(chunks)
}

/**
 * `work`'s result, or — when it fails or is not done within `ms` — what `answer` makes of an
 * out_of_service reply (`error` is what failed, undefined when it was late).
 */
export async function withinReplyDeadline<T>(
  work: Promise<T>,
  answer: (reply: NotificationReply, error?: unknown) => T,
  ms = REPLY_WITHIN_MS
): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)))
  try {
    return (
      (await Promise.race([work, late])) ??
      answer(notificationError("out_of_service", "processing took too long, please retry"))
    )
  } catch (error) {
    return answer(notificationError("out_of_service", "temporary failure, please retry"), error)
  } finally {
    clearTimeout(timer)
  }
}
