/**
 * Notifications of orders that end unpaid — canceled (DELETE, a guarantee payment reversed) or
 * expired — for shops whose settings ask for every status change (merchant/notification/status.md:
 * «уведомления о смене статуса Заказа»). Payments are notified where they happen; this covers the
 * rest, for the statuses the sandbox was told to notify.
 */
import type { Order, OrderStatus } from "../invoicebox/types"
import type { DeliveryRecord, Notifier } from "./notifier"

export class StatusNotifications {
  private readonly statuses: ReadonlySet<OrderStatus>
  private readonly pending = new Map<string, Promise<DeliveryRecord>>()

  constructor(
    private readonly notifier: Notifier,
    statuses: readonly OrderStatus[]
  ) {
    this.statuses = new Set(statuses.filter((status) => status !== "completed"))
  }

  /** Whether orders with this status are notified when they change to it. */
  notifies(status: OrderStatus): boolean {
    return this.statuses.has(status)
  }

  /** The store reports a change: the order is notified in the background when its status is notified. */
  changed(order: Order): void {
    if (!this.statuses.has(order.status)) return
    const delivery = this.notifier.notify(order).finally(() => {
      if (this.pending.get(order.id) === delivery) this.pending.delete(order.id)
    })
    this.pending.set(order.id, delivery)
  }

  /** The first delivery of the order's last change, once it is over; null when none is under way. */
  async delivered(orderId: string): Promise<DeliveryRecord | null> {
    return (await this.pending.get(orderId)) ?? null
  }
}
