/**
 * Every notification delivery attempt, over both channels: HTTP POSTs to the notification URL
 * (notifier.ts) and `onOrderStatusChange` calls over the shop's WebSockets (ws-notifications.ts).
 * `GET /_sandbox/notifications[?orderId=…][&channel=http|websocket]`.
 */
import { randomUUID } from "node:crypto"

import { atom } from "./store"

export type DeliveryOutcome = "success" | "retry" | "final_error" | "dropped" | "no_url"

export const DELIVERY_CHANNELS = ["http", "websocket"] as const
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number]

export interface DeliveryRecord {
  id: string
  /** `http`: a POST to the notification URL; `websocket`: a JSON-RPC call over the shop's sockets */
  channel: DeliveryChannel
  orderId: string
  /** the shop the notification went to */
  merchantId: string
  /** the notification URL (http), null for WebSocket deliveries or when the order had none */
  url: string | null
  /** the exact bytes sent: the order (http) or the JSON-RPC request (websocket) */
  requestBody: string
  /** X-Signature of the HTTP body; "" over WebSocket (the docs sign nothing there) */
  signature: string
  attempt: number
  replyStatus: number | null
  /** the shop's reply: the HTTP body, or the JSON-RPC answer as received */
  replyBody: string | null
  error: string | null
  outcome: DeliveryOutcome
  at: string
  /** websocket only: the JSON-RPC request id */
  rpcId?: string
  /** websocket only: over how many open sockets the request went */
  sockets?: number
}

export type NewDeliveryRecord = Omit<DeliveryRecord, "id" | "at">

export class DeliveryLog {
  private readonly records: DeliveryRecord[] = []

  add(record: NewDeliveryRecord): DeliveryRecord {
    const stored: DeliveryRecord = { id: randomUUID(), ...record, at: atom(new Date()) }
    this.records.push(stored)
    return stored
  }

  list(filter: { orderId?: string; channel?: DeliveryChannel } = {}): DeliveryRecord[] {
    return this.records.filter(
      (record) =>
        (filter.orderId === undefined || record.orderId === filter.orderId) &&
        (filter.channel === undefined || record.channel === filter.channel)
    )
  }

  reset(): void {
    this.records.length = 0
  }
}
