/** The InvoiceBox API v3 endpoints, under `/v3/` and `/l3/` (merchant and partner APIs). */
import { Router, type Request, type Response } from "express"

import type { Order } from "../invoicebox/types"
import { counterpartyByInn } from "./counterparty-registry"
import { SandboxApiError, sendData, sendError } from "./envelope"
import type { EndpointName, Faults } from "./faults"
import type { GuaranteeDesk } from "./guarantee"
import { COUNTERPARTY_FIELDS, ORDER_FIELDS, REFUND_FIELDS, SHIPMENT_FIELDS } from "./list-fields"
import { filterSortPage } from "./list-filter"
import type { Notifier } from "./notifier"
import type { RequestWindow } from "./rate-limit"
import {
  activationSchema,
  createAgentOrderSchema,
  createCorrectionOrderSchema,
  createOrderSchema,
  createRefundSchema,
  createShipmentSchema,
  guaranteePaySchema,
  guaranteeSchema,
  inviteSchema,
  merchantMoveSchema,
  parseRequest,
  updateOrderSchema,
  updateStatusSchema,
} from "./request-validation"
import type { SandboxStore } from "./store"

export interface ApiContext {
  store: SandboxStore
  notifier: Notifier
  faults: Faults
  guarantee: GuaranteeDesk
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

/**
 * The shop's token, or under `/l3/` (InvoiceBox.Business shops) the same token in the form
 * `NNN-API:token` (api/auth.md).
 */
function acceptsToken(presented: string, token: string, prefix: string): boolean {
  if (presented === token) return true
  const business = /^\d+-API:(.+)$/.exec(presented)
  return prefix === "l3" && business !== null && business[1] === token
}

export function apiRouter(context: ApiContext): Router {
  const router = Router({ mergeParams: true })
  const { store, notifier, faults, guarantee } = context

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
        const prefix = String(req.params.prefix ?? "v3")
        if (token !== undefined ? !acceptsToken(token, context.token, prefix) : auth === "required") {
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
      const page = filterSortPage(store.allOrders(), req.query, ORDER_FIELDS)
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
      const page = filterSortPage(store.allRefunds(), req.query, REFUND_FIELDS)
      return { data: page.items, extra: { metaData: page.meta } }
    })
  )

  router.post(
    "/billing/api/order/shipment",
    endpoint("createShipment", "required", (req) => ({
      data: store.createShipment(parseRequest(createShipmentSchema, req.body)),
    }))
  )

  // the docs' path, and the one InvoiceBox's official clients read an order's shipments from
  for (const path of ["/filter/api/order/shipment", "/billing/api/order/shipment"]) {
    router.get(
      path,
      endpoint("getShipments", "required", (req) => {
        const page = filterSortPage(store.allShipments(), req.query, SHIPMENT_FIELDS)
        return { data: page.items, extra: { metaData: page.meta } }
      })
    )
  }

  router.get(
    "/billing/api/order/order/:id",
    endpoint("getOrder", "required", (req) => ({ data: store.getOrder(String(req.params.id)) }))
  )

  router.post(
    "/billing/api/order/correction-order",
    endpoint("createCorrectionOrder", "required", (req) => ({
      data: store.createCorrectionOrder(parseRequest(createCorrectionOrderSchema, req.body)),
    }))
  )

  router.put(
    "/billing/api/order/order-merchant-move",
    endpoint("moveOrder", "required", (req) => {
      const request = parseRequest(merchantMoveSchema, req.body)
      return { data: store.moveOrder(request.orderId, request.merchantId) }
    })
  )

  router.post(
    "/adapter/api/subagent/order",
    endpoint("createAgentOrder", "required", (req) => ({
      data: store.createAgentOrder(parseRequest(createAgentOrderSchema, req.body)),
    }))
  )

  router.post(
    "/billing/api/order/:id/payment-method-action/validate",
    endpoint("validateGuarantee", "required", (req) => ({
      data: guarantee.validate(String(req.params.id), parseRequest(guaranteeSchema, req.body)),
    }))
  )

  router.post(
    "/billing/api/order/:id/payment-method-action/send-code",
    endpoint("sendGuaranteeCode", "required", (req) => ({
      data: guarantee.sendCode(String(req.params.id), parseRequest(guaranteeSchema, req.body)),
    }))
  )

  router.post(
    "/billing/api/order/:id/payment-method-action/pay",
    endpoint("payWithGuarantee", "required", (req) => ({
      data: guarantee.pay(String(req.params.id), parseRequest(guaranteePaySchema, req.body)),
    }))
  )

  router.get(
    "/filter/api/counterparty-detail",
    endpoint("getCounterparty", "required", (req) => {
      const vatNumber = req.query.vatNumber
      if (typeof vatNumber !== "string" || vatNumber === "") {
        throw new SandboxApiError(422, "validation_error", "Validation Error", [
          { name: "vatNumber", code: "required", message: "the ИНН to look up is required" },
        ])
      }
      const company = counterpartyByInn(vatNumber)
      const page = filterSortPage(company ? [company] : [], req.query, COUNTERPARTY_FIELDS)
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
