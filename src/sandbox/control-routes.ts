/**
 * The sandbox's own control API under `/_sandbox/` (no auth): inspect, pay, expire, notify,
 * complete or cancel refund orders, read a guarantee confirmation code, inject faults. The shops and
 * invites have their own routes (merchant-control-routes.ts), so has the WebSocket gate
 * (ws-control-routes.ts).
 */
import { Router, type Request, type Response } from "express"

import { MONITORING_ORDER_ID, type Order } from "../invoicebox/types"
import { innHasValidCheckDigits } from "./counterparty-registry"
import { DELIVERY_CHANNELS, type DeliveryChannel, type DeliveryLog } from "./delivery-log"
import { SandboxApiError, sendError } from "./envelope"
import { faultsRequestSchema, type Faults } from "./faults"
import type { GuaranteeDesk } from "./guarantee"
import type { MerchantRegistry } from "./merchant-registry"
import type { ApiRequestLog } from "./request-log"
import type { Notifier } from "./notifier"
import type { StatusNotifications } from "./status-notifications"
import { atom, type SandboxStore } from "./store"
import type { WebSocketNotifier } from "./ws-notifications"

export interface ControlContext {
  store: SandboxStore
  notifier: Notifier
  statusNotifications: StatusNotifications
  guarantee: GuaranteeDesk
  faults: Faults
  requests: ApiRequestLog
  merchants: MerchantRegistry
  deliveries: DeliveryLog
  websocketNotifier: WebSocketNotifier
  reset: () => void
}

/** A control route: its value as JSON, or the API's error envelope. */
export function handle(run: (req: Request) => Promise<unknown> | unknown) {
  return async (req: Request, res: Response): Promise<void> => {
    try {
      res.json(await run(req))
    } catch (error) {
      if (error instanceof SandboxApiError) sendError(res, error)
      else sendError(res, new SandboxApiError(500, "internal_error", error instanceof Error ? error.message : "error"))
    }
  }
}

export function controlRouter(context: ControlContext): Router {
  const router = Router()
  const { store, notifier, statusNotifications, guarantee, faults, requests, merchants, deliveries } = context

  /** `?merchantId=`: only the orders that shop created. */
  router.get(
    "/orders",
    handle((req) => {
      const merchantId = typeof req.query.merchantId === "string" ? req.query.merchantId : undefined
      return store.allOrders(merchantId).map((order) => store.viewOrder(order.id))
    })
  )
  router.get(
    "/orders/:id",
    handle((req) => store.viewOrder(String(req.params.id)))
  )

  /**
   * `?notify=wait` (default: the first delivery is awaited), `background`, or `none`.
   * `?method=guarantee` pays with a guarantee instrument (a pre-authorisation or guarantee fund, which
   * DELETE can reverse while nothing is shipped): `payer=` the ИНН, default the customer's.
   */
  router.post(
    "/orders/:id/pay",
    handle(async (req) => {
      const id = String(req.params.id)
      const order =
        req.query.method === "guarantee"
          ? store.markPaid(id, { guaranteePayer: guaranteePayerOf(req, store.getOrder(id)) })
          : store.markPaid(id)
      const mode = String(req.query.notify ?? "wait")
      if (mode === "wait") return { order, notification: await notifier.notify(order) }
      if (mode === "background") void notifier.notify(order)
      return { order, notification: null }
    })
  )

  /**
   * `times` concurrent deliveries of the order's notification, none retried: over HTTP, or with
   * `?channel=websocket` over the shop's open WebSockets (409 `no_connection` when none is open).
   */
  router.post(
    "/orders/:id/notify",
    handle(async (req) => {
      const order = store.getOrder(String(req.params.id))
      const times = Math.min(100, Math.max(1, Number(req.query.times ?? 1) || 1))
      return channelOf(req) === "websocket"
        ? context.websocketNotifier.deliverTimes(order, times)
        : notifier.deliverTimes(order, times)
    })
  )

  /** The order expires now; when expired orders are notified, the reply waits for the first delivery. */
  router.post(
    "/orders/:id/expire",
    handle(async (req) => {
      const order = store.expire(String(req.params.id))
      await statusNotifications.delivered(order.id)
      return order
    })
  )

  /** The confirmation code a guarantee payer received (merchant/guarantee/code.md). */
  router.get(
    "/orders/:id/guarantee-code",
    handle((req) => guarantee.sentCode(String(req.params.id)))
  )

  router.get(
    "/refunds/:id",
    handle((req) => store.getRefund(String(req.params.id)))
  )

  /** InvoiceBox paid the buyer back: a `created` refund order becomes `completed`. */
  router.post(
    "/refunds/:id/complete",
    handle((req) => store.completeRefund(String(req.params.id)))
  )

  /** The refund did not go through: a draft or created refund order is canceled, its lines refundable again. */
  router.post(
    "/refunds/:id/cancel",
    handle((req) => store.cancelRefund(String(req.params.id)))
  )

  /** Every delivery attempt, HTTP and WebSocket; `?orderId=`, `?channel=http|websocket`. */
  router.get(
    "/notifications",
    handle((req) =>
      deliveries.list({
        ...(typeof req.query.orderId === "string" ? { orderId: req.query.orderId } : {}),
        ...(req.query.channel !== undefined ? { channel: channelOf(req) } : {}),
      })
    )
  )

  /**
   * InvoiceBox monitoring's test notification: all-f id, empty merchantOrderId, signed with the key of
   * the shop `merchantId` (default: the options' shop).
   */
  router.post(
    "/monitoring-ping",
    handle((req) => {
      const body = (req.body ?? {}) as { url?: unknown; merchantId?: unknown }
      const merchant = typeof body.merchantId === "string" ? merchants.get(body.merchantId) : merchants.default
      const now = atom(new Date())
      const ping: Order = {
        id: MONITORING_ORDER_ID,
        description: "Monitoring",
        merchantId: merchant.id,
        merchantOrderId: "",
        amount: 0,
        vatAmount: 0,
        currencyId: "RUB",
        expirationDate: now,
        basketItems: [],
        customer: {},
        paymentUrl: "",
        createdAt: now,
        status: "completed",
      }
      return notifier.deliverBody(ping, typeof body.url === "string" ? body.url : undefined)
    })
  )

  router.post(
    "/faults",
    handle((req) => {
      const parsed = faultsRequestSchema.safeParse(req.body)
      if (!parsed.success) {
        throw new SandboxApiError(
          422,
          "validation_error",
          parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")
        )
      }
      faults.set(parsed.data)
      return faults.list()
    })
  )
  router.get(
    "/faults",
    handle(() => faults.list())
  )
  router.delete(
    "/faults",
    handle(() => {
      faults.clear()
      return {}
    })
  )

  router.get(
    "/requests",
    handle(() => requests.snapshot())
  )

  router.post(
    "/reset",
    handle(() => {
      context.reset()
      return { status: "reset" }
    })
  )

  return router
}

/** `payer=` of a guarantee payment, else the order's customer ИНН; it must be a registered ИНН. */
function guaranteePayerOf(req: Request, order: Order): string {
  const payer = typeof req.query.payer === "string" ? req.query.payer : order.customer.vatNumber
  if (payer === undefined || !innHasValidCheckDigits(payer)) {
    throw new SandboxApiError(422, "validation_error", "A guarantee payment needs the payer's valid ИНН", [
      { name: "payer", code: "wrong_value", message: "give ?payer=<ИНН> or a customer.vatNumber" },
    ])
  }
  return payer
}

/** `?channel=http|websocket` (default http). */
function channelOf(req: Request): DeliveryChannel {
  const channel = req.query.channel ?? "http"
  if (typeof channel !== "string" || !(DELIVERY_CHANNELS as readonly string[]).includes(channel)) {
    throw new SandboxApiError(400, "validation_error", "Validation Error", [
      { name: "channel", code: "wrong_value", message: `one of ${DELIVERY_CHANNELS.join(", ")}` },
    ])
  }
  return channel as DeliveryChannel
}
