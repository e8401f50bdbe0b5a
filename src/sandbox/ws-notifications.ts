/**
 * Order status notifications over the WebSocket gate (api/websockets.md): the JSON-RPC request
 * `onOrderStatusChange` with the order as its only parameter, over every open socket of the order's
 * shop, next to the HTTP notification. A `result` answer (any) within the notification timeout
 * delivers it; an `error` answer, no answer or no open socket is a failed attempt, retried on the
 * HTTP notifications' schedule — and a pending notification goes out as soon as a socket of its shop
 * connects. Attempts made while the shop had no socket open sent nothing and are not recorded.
 */
import type { Order } from "../invoicebox/types"
import type { DeliveryLog, DeliveryRecord } from "./delivery-log"
import { SandboxApiError } from "./envelope"
import type { NotificationFault } from "./faults"
import type { RpcAnswer, WebSocketGate } from "./ws-gate"

export const ORDER_STATUS_METHOD = "onOrderStatusChange"

export interface WebSocketNotifierSettings {
  retryDelaysMs: number[]
  timeoutMs: number
  /** the shop an order's notifications go to */
  merchantOf: (order: Order) => string
}

interface PendingDelivery {
  order: Order
  merchantId: string
  attempts: number
  timer: NodeJS.Timeout | undefined
  inFlight: boolean
}

export class WebSocketNotifier {
  private readonly pending = new Set<PendingDelivery>()

  constructor(
    private readonly gate: WebSocketGate,
    private readonly deliveries: DeliveryLog,
    private readonly settings: WebSocketNotifierSettings
  ) {
    gate.onConnect((merchantId) => this.connected(merchantId))
  }

  /** Notifies the order in the background, dropped or duplicated as the injected fault says. */
  notify(order: Order, fault: NotificationFault): void {
    const merchantId = this.settings.merchantOf(order)
    if (fault.drop) {
      if (this.gate.isOpen(merchantId)) {
        this.deliveries.add({ ...this.blankRecord(order, merchantId, 1), outcome: "dropped" })
      }
      return
    }
    if (this.gate.isOpen(merchantId)) {
      for (let i = 0; i < fault.duplicates; i++) void this.send(order, merchantId, 1)
    }
    const delivery: PendingDelivery = { order, merchantId, attempts: 0, timer: undefined, inFlight: false }
    this.pending.add(delivery)
    void this.attempt(delivery)
  }

  /** `times` concurrent calls of the same notification, none retried (control API). */
  async deliverTimes(order: Order, times: number): Promise<DeliveryRecord[]> {
    const merchantId = this.settings.merchantOf(order)
    if (!this.gate.isOpen(merchantId)) {
      throw new SandboxApiError(409, "no_connection", `Merchant ${merchantId} has no open WebSocket`)
    }
    const records = await Promise.all(Array.from({ length: times }, () => this.send(order, merchantId, 1)))
    return records.filter((record): record is DeliveryRecord => record !== null)
  }

  /** Orders whose WebSocket notification is not delivered yet and will be tried again. */
  pendingOf(merchantId: string): Array<{ orderId: string; attempts: number }> {
    return [...this.pending]
      .filter((delivery) => delivery.merchantId === merchantId)
      .map((delivery) => ({ orderId: delivery.order.id, attempts: delivery.attempts }))
  }

  reset(): void {
    this.stop()
  }

  stop(): void {
    for (const delivery of this.pending) clearTimeout(delivery.timer)
    this.pending.clear()
  }

  /** A socket of the merchant opened: its pending notifications go now. */
  private connected(merchantId: string): void {
    for (const delivery of this.pending) {
      if (delivery.merchantId !== merchantId || delivery.inFlight) continue
      clearTimeout(delivery.timer)
      delivery.timer = undefined
      void this.attempt(delivery)
    }
  }

  private async attempt(delivery: PendingDelivery): Promise<void> {
    delivery.attempts += 1
    delivery.inFlight = true
    const record = await this.send(delivery.order, delivery.merchantId, delivery.attempts)
    delivery.inFlight = false
    if (!this.pending.has(delivery)) return
    const delay = this.settings.retryDelaysMs[delivery.attempts - 1]
    if (record?.outcome === "success" || delay === undefined) {
      this.pending.delete(delivery)
      return
    }
    delivery.timer = setTimeout(() => {
      delivery.timer = undefined
      void this.attempt(delivery)
    }, delay)
    delivery.timer.unref?.()
  }

  /** One call over the merchant's open sockets; null when none was open (nothing sent). */
  private async send(order: Order, merchantId: string, attempt: number): Promise<DeliveryRecord | null> {
    const rpcId = this.gate.newRpcId()
    const { answer, requestBody, sockets } = await this.gate.call(
      merchantId,
      { jsonrpc: "2.0", id: rpcId, method: ORDER_STATUS_METHOD, params: [order] },
      this.settings.timeoutMs
    )
    if (answer.kind === "no_socket") return null
    return this.deliveries.add({
      ...this.blankRecord(order, merchantId, attempt),
      requestBody,
      replyBody: answer.kind === "result" || answer.kind === "error" ? answer.raw : null,
      error: this.describe(answer),
      outcome: answer.kind === "result" ? "success" : "retry",
      rpcId,
      sockets,
    })
  }

  private blankRecord(order: Order, merchantId: string, attempt: number): Omit<DeliveryRecord, "id" | "at"> {
    return {
      channel: "websocket",
      orderId: order.id,
      merchantId,
      url: null,
      requestBody: "",
      signature: "",
      attempt,
      replyStatus: null,
      replyBody: null,
      error: null,
      outcome: "retry",
    }
  }

  private describe(answer: RpcAnswer): string | null {
    switch (answer.kind) {
      case "result":
      case "no_socket":
        return null
      case "error":
        return `JSON-RPC error: ${JSON.stringify(answer.error)}`
      case "timeout":
        return `no answer within ${this.settings.timeoutMs} ms`
      case "closed":
        return "every socket closed before answering"
    }
  }
}
