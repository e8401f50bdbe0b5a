/** The InvoiceBox API v3 endpoints, under `/v3/` and `/l3/` (merchant and partner APIs). */
import { Router, type Request, type Response } from "express"

import type { Order } from "../invoicebox/types"
import { counterpartyByInn } from "./counterparty-registry"
import { SandboxApiError, sendData, sendError } from "./envelope"
import type { EndpointName, Faults } from "./faults"
import type { GuaranteeDesk } from "./guarantee"
import { COUNTERPARTY_FIELDS, ORDER_FIELDS, REFUND_FIELDS, SHIPMENT_FIELDS } from "./list-fields"
import { filterSortPage } from "./list-filter"
import type { Merchant, MerchantRegistry } from "./merchant-registry"
import type { Notifier } from "./notifier"
import type { Partner, PartnerInvites } from "./partner-invites"
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
import { bearer } from "./tokens"

export interface ApiContext {
  store: SandboxStore
  notifier: Notifier
  faults: Faults
  guarantee: GuaranteeDesk
  window: RequestWindow | undefined
  merchants: MerchantRegistry
  invites: PartnerInvites
}

type Result = { data: unknown; extra?: Record<string, unknown> }
type Handler<Caller> = (req: Request, caller: Caller) => Result

/** Who a token is: the caller, or a 401 (thrown). `undefined` presented: no Authorization header. */
type Authenticate<Caller> = (presented: string | undefined, prefix: string) => Caller

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const unauthorized = (): SandboxApiError => new SandboxApiError(401, "unauthorized", "Unauthorized")

export function apiRouter(context: ApiContext): Router {
  const router = Router({ mergeParams: true })
  const { store, notifier, faults, guarantee, merchants, invites } = context

  /** Merchant API: the shop whose token it is. */
  const merchant: Authenticate<Merchant> = (presented, prefix) => {
    const found = presented === undefined ? undefined : merchants.byToken(presented, prefix)
    if (!found) throw unauthorized()
    return found
  }
  /** Partner API (partner/*): the partner whose token it is. */
  const partner: Authenticate<Partner> = (presented, prefix) => {
    const found = presented === undefined ? undefined : invites.partnerByToken(presented, prefix)
    if (!found) throw unauthorized()
    return found
  }
  /** The auth check: anonymous without a token, else a shop's or a partner's token. */
  const anyone: Authenticate<boolean> = (presented, prefix) => {
    if (presented === undefined) return false
    if (!merchants.byToken(presented, prefix) && !invites.partnerByToken(presented, prefix)) throw unauthorized()
    return true
  }

  const endpoint =
    <Caller>(name: EndpointName, authenticate: Authenticate<Caller>, handler: Handler<Caller>) =>
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
        const caller = authenticate(token, String(req.params.prefix ?? "v3"))
        const fault = faults.decide(name)
        if (fault.latencyMs > 0) await sleep(fault.latencyMs)
        if (fault.respond500) throw new SandboxApiError(500, "internal_error", "Internal Server Error (injected)")
        if (fault.respond429) {
          res.setHeader("Retry-After", "1")
          throw new SandboxApiError(429, "too_many_requests", "Too Many Requests (injected)")
        }
        const result = handler(req, caller)
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

  /** The order of the path, which must be the shop's (else 404, as an unknown order). */
  const ownOrder = (req: Request, shop: Merchant): string => store.getOrder(String(req.params.id), shop.id).id

  const paid = (order: Order): Order => {
    void notifier.notify(order)
    return order
  }

  router.get(
    "/security/api/auth/auth",
    endpoint("auth", anyone, (_req, known) => ({
      data: { userId: known ? "017c3c54-5df4-4a72-e90b-b811795fc379" : null, profile: null, accessToken: null },
    }))
  )

  router.post(
    "/billing/api/order/order",
    endpoint("createOrder", merchant, (req, shop) => ({
      data: store.createOrder(parseRequest(createOrderSchema, req.body), shop.id),
    }))
  )

  router.get(
    "/filter/api/order/order",
    endpoint("getOrders", merchant, (req, shop) => {
      const page = filterSortPage(store.allOrders(shop.id), req.query, ORDER_FIELDS)
      return { data: page.items, extra: { metaData: page.meta } }
    })
  )

  router.put(
    "/billing/api/order/order/:id",
    endpoint("updateOrder", merchant, (req, shop) => ({
      data: store.updateOrder(String(req.params.id), parseRequest(updateOrderSchema, req.body), shop.id),
    }))
  )

  router.delete(
    "/billing/api/order/order/:id",
    endpoint("cancelOrder", merchant, (req, shop) => ({
      data: store.cancelOrder(String(req.params.id), shop.id),
    }))
  )

  router.put(
    "/billing/api/order/:id/status",
    endpoint("updateOrderStatus", merchant, (req, shop) => {
      const { status } = parseRequest(updateStatusSchema, req.body)
      const order = store.setStatus(String(req.params.id), status, shop.id)
      return { data: order.status === "completed" ? paid(order) : order }
    })
  )

  router.get(
    "/billing/api/order/order/:id/refund-basket-item",
    endpoint("refundBasket", merchant, (req, shop) => ({
      data: store.refundableItems(String(req.params.id), shop.id),
    }))
  )

  router.post(
    "/billing/api/order/refund-order",
    endpoint("createRefund", merchant, (req, shop) => ({
      data: store.createRefund(parseRequest(createRefundSchema, req.body), shop.id),
    }))
  )

  router.get(
    "/filter/api/order/refund-order",
    endpoint("getRefunds", merchant, (req, shop) => {
      const page = filterSortPage(store.allRefunds(shop.id), req.query, REFUND_FIELDS)
      return { data: page.items, extra: { metaData: page.meta } }
    })
  )

  router.post(
    "/billing/api/order/shipment",
    endpoint("createShipment", merchant, (req, shop) => ({
      data: store.createShipment(parseRequest(createShipmentSchema, req.body), shop.id),
    }))
  )

  // the docs' path, and the one InvoiceBox's official clients read an order's shipments from
  for (const path of ["/filter/api/order/shipment", "/billing/api/order/shipment"]) {
    router.get(
      path,
      endpoint("getShipments", merchant, (req, shop) => {
        const page = filterSortPage(store.allShipments(shop.id), req.query, SHIPMENT_FIELDS)
        return { data: page.items, extra: { metaData: page.meta } }
      })
    )
  }

  router.get(
    "/billing/api/order/order/:id",
    endpoint("getOrder", merchant, (req, shop) => ({ data: store.getOrder(String(req.params.id), shop.id) }))
  )

  router.post(
    "/billing/api/order/correction-order",
    endpoint("createCorrectionOrder", merchant, (req, shop) => ({
      data: store.createCorrectionOrder(parseRequest(createCorrectionOrderSchema, req.body), shop.id),
    }))
  )

  router.put(
    "/billing/api/order/order-merchant-move",
    endpoint("moveOrder", merchant, (req, shop) => {
      const request = parseRequest(merchantMoveSchema, req.body)
      return { data: store.moveOrder(request.orderId, request.merchantId, shop.id) }
    })
  )

  router.post(
    "/adapter/api/subagent/order",
    endpoint("createAgentOrder", merchant, (req, shop) => ({
      data: store.createAgentOrder(parseRequest(createAgentOrderSchema, req.body), shop.id),
    }))
  )

  router.post(
    "/billing/api/order/:id/payment-method-action/validate",
    endpoint("validateGuarantee", merchant, (req, shop) => ({
      data: guarantee.validate(ownOrder(req, shop), parseRequest(guaranteeSchema, req.body)),
    }))
  )

  router.post(
    "/billing/api/order/:id/payment-method-action/send-code",
    endpoint("sendGuaranteeCode", merchant, (req, shop) => ({
      data: guarantee.sendCode(ownOrder(req, shop), parseRequest(guaranteeSchema, req.body)),
    }))
  )

  router.post(
    "/billing/api/order/:id/payment-method-action/pay",
    endpoint("payWithGuarantee", merchant, (req, shop) => ({
      data: guarantee.pay(ownOrder(req, shop), parseRequest(guaranteePaySchema, req.body)),
    }))
  )

  router.get(
    "/filter/api/counterparty-detail",
    endpoint("getCounterparty", merchant, (req) => {
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

  router.post(
    "/notification/api/invite",
    endpoint("invite", partner, (req, inviter) => ({
      data: { id: invites.invite(inviter, parseRequest(inviteSchema, req.body)).id },
    }))
  )

  router.post(
    "/billing/api/merchant/merchant-integration-setting/activation",
    endpoint("activation", partner, (req, activator) => ({
      data: invites.activate(activator, parseRequest(activationSchema, req.body)),
    }))
  )

  router.use((req, res) =>
    sendError(
      res,
      new SandboxApiError(404, "not_found", `No such method: ${req.method} ${req.originalUrl.split("?")[0]}`)
    )
  )
  return router
}
