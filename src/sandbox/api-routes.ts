/** The InvoiceBox API v3 endpoints, under `/v3/` and `/l3/` (merchant and partner APIs). */
import { Router, type Request, type Response } from "express"

import type { Order } from "../invoicebox/types"
import { SandboxApiError, sendData, sendError } from "./envelope"
import type { EndpointName, Faults } from "./faults"
import { filterSortPage } from "./list-filter"
import type { Notifier } from "./notifier"
import type { RequestWindow } from "./rate-limit"
import {
  activationSchema,
  createOrderSchema,
  createRefundSchema,
  createShipmentSchema,
  inviteSchema,
  parseRequest,
  updateOrderSchema,
  updateStatusSchema,
} from "./request-validation"
import type { SandboxStore } from "./store"

export interface ApiContext {
  store: SandboxStore
  notifier: Notifier
  faults: Faults
  window: RequestWindow | undefined
  token: string
  merchantId: string
}

type Auth = "required" | "optional"
type Handler = (req: Request) => { data: unknown; extra?: Record<string, unknown> }

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function bearer(req: Request): string | undefined {
  const header = req.header("authorization")
  const match = header ? /^Bearer\s+(.+)$/i.exec(header.trim()) : null
  return match ? match[1] : undefined
}

export function apiRouter(context: ApiContext): Router {
  const router = Router({ mergeParams: true })
  const { store, notifier, faults } = context

  const endpoint =
    (name: EndpointName, auth: Auth, handler: Handler) =>
    async (req: Request, res: Response): Promise<void> => {
      try {
        const token = bearer(req)
        if (context.window) {
          const waitMs = context.window.hit(token ?? `ip:${req.ip ?? ""}`)
          if (waitMs > 0) {
            res.setHeader("Retry-After", String(Math.max(1, Math.ceil(waitMs / 1000))))
            throw new SandboxApiError(429, "too_many_requests", "Too Many Requests")
          }
        }
        if (token !== undefined ? token !== context.token : auth === "required") {
          throw new SandboxApiError(401, "unauthorized", "Unauthorized")
        }
        const fault = faults.decide(name)
        if (fault.latencyMs > 0) await sleep(fault.latencyMs)
        if (fault.respond500) throw new SandboxApiError(500, "internal_error", "Internal Server Error (injected)")
        if (fault.respond429) {
          res.setHeader("Retry-After", "1")
          throw new SandboxApiError(429, "too_many_requests", "Too Many Requests (injected)")
        }
        const result = handler(req)
        if (fault.loseReply) {
          req.socket.destroy()
          return
        }
        sendData(res, result.data, result.extra)
      } catch (error) {
        if (error instanceof SandboxApiError) sendError(res, error)
        else
          sendError(res, new SandboxApiError(500, "internal_error", error instanceof Error ? error.message : "error"))
      }
    }

  const paid = (order: Order): Order => {
    void notifier.notify(order)
    return order
  }

  router.get(
    "/security/api/auth/auth",
    endpoint("auth", "optional", (req) => ({
      data: { userId: bearer(req) ? "017c3c54-5df4-4a72-e90b-b811795fc379" : null, profile: null, accessToken: null },
    }))
  )

  router.post(
    "/billing/api/order/order",
    endpoint("createOrder", "required", (req) => ({
      data: store.createOrder(parseRequest(createOrderSchema, req.body)),
    }))
  )

  router.get(
    "/filter/api/order/order",
    endpoint("getOrders", "required", (req) => {
      const page = filterSortPage(store.allOrders(), req.query)
      return { data: page.items, extra: { metaData: page.meta } }
    })
  )

  router.put(
    "/billing/api/order/order/:id",
    endpoint("updateOrder", "required", (req) => ({
      data: store.updateOrder(String(req.params.id), parseRequest(updateOrderSchema, req.body)),
    }))
  )

  router.delete(
    "/billing/api/order/order/:id",
    endpoint("cancelOrder", "required", (req) => ({
      data: store.cancelOrder(String(req.params.id)),
    }))
  )

  router.put(
    "/billing/api/order/:id/status",
    endpoint("updateOrderStatus", "required", (req) => {
      const order = store.setStatus(String(req.params.id), parseRequest(updateStatusSchema, req.body).status)
      return { data: order.status === "completed" ? paid(order) : order }
    })
  )

  router.get(
    "/billing/api/order/order/:id/refund-basket-item",
    endpoint("refundBasket", "required", (req) => ({
      data: store.refundableItems(String(req.params.id)),
    }))
  )

  router.post(
    "/billing/api/order/refund-order",
    endpoint("createRefund", "required", (req) => ({
      data: store.createRefund(parseRequest(createRefundSchema, req.body)),
    }))
  )

  router.get(
    "/filter/api/order/refund-order",
    endpoint("getRefunds", "required", (req) => {
      const page = filterSortPage(store.allRefunds(), req.query)
      return { data: page.items, extra: { metaData: page.meta } }
    })
  )

  router.post(
    "/billing/api/order/shipment",
    endpoint("createShipment", "required", (req) => ({
      data: store.createShipment(parseRequest(createShipmentSchema, req.body)),
    }))
  )

  router.get(
    "/filter/api/order/shipment",
    endpoint("getShipments", "required", (req) => {
      const page = filterSortPage(store.allShipments(), req.query)
      return { data: page.items, extra: { metaData: page.meta } }
    })
  )

  let inviteId = 0
  router.post(
    "/notification/api/invite",
    endpoint("invite", "required", (req) => {
      parseRequest(inviteSchema, req.body)
      inviteId += 1
      return { data: { id: inviteId } }
    })
  )

  router.post(
    "/billing/api/merchant/merchant-integration-setting/activation",
    endpoint("activation", "required", (req) => {
      parseRequest(activationSchema, req.body)
      return { data: { merchantId: context.merchantId, token: context.token } }
    })
  )

  router.use((req, res) =>
    sendError(
      res,
      new SandboxApiError(404, "not_found", `No such method: ${req.method} ${req.originalUrl.split("?")[0]}`)
    )
  )
  return router
}
