/** The sandbox's own control API under `/_sandbox/` (no auth): inspect, pay, notify, inject faults. */
import { Router, type Request, type Response } from "express"

import { MONITORING_ORDER_ID, type Order } from "../invoicebox/types"
import { SandboxApiError, sendError } from "./envelope"
import { faultsRequestSchema, type Faults } from "./faults"
import type { ApiRequestLog } from "./request-log"
import type { Notifier } from "./notifier"
import { atom, type SandboxStore } from "./store"

export interface ControlContext {
  store: SandboxStore
  notifier: Notifier
  faults: Faults
  requests: ApiRequestLog
  merchantId: string
  reset: () => void
}

function handle(run: (req: Request) => Promise<unknown> | unknown) {
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
  const { store, notifier, faults, requests } = context

  router.get(
    "/orders",
    handle(() => store.allOrders().map((order) => store.viewOrder(order.id)))
  )
  router.get(
    "/orders/:id",
    handle((req) => store.viewOrder(String(req.params.id)))
  )

  /** `?notify=wait` (default: the first delivery is awaited), `background`, or `none`. */
  router.post(
    "/orders/:id/pay",
    handle(async (req) => {
      const order = store.markPaid(String(req.params.id))
      const mode = String(req.query.notify ?? "wait")
      if (mode === "wait") return { order, notification: await notifier.notify(order) }
      if (mode === "background") void notifier.notify(order)
      return { order, notification: null }
    })
  )

  router.post(
    "/orders/:id/notify",
    handle(async (req) => {
      const order = store.getOrder(String(req.params.id))
      const times = Math.min(100, Math.max(1, Number(req.query.times ?? 1) || 1))
      return notifier.deliverTimes(order, times)
    })
  )

  router.post(
    "/orders/:id/expire",
    handle((req) => store.expire(String(req.params.id)))
  )

  router.get(
    "/notifications",
    handle((req) => notifier.list(typeof req.query.orderId === "string" ? req.query.orderId : undefined))
  )

  /** InvoiceBox monitoring's test notification: all-f id, empty merchantOrderId, signed. */
  router.post(
    "/monitoring-ping",
    handle((req) => {
      const body = (req.body ?? {}) as { url?: unknown }
      const now = atom(new Date())
      const ping: Order = {
        id: MONITORING_ORDER_ID,
        description: "Monitoring",
        merchantId: context.merchantId,
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
