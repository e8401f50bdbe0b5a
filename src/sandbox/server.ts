/**
 * Starts the local InvoiceBox API v3 simulator (express, plus the WebSocket gate on the same HTTP
 * server) and wires its parts together.
 */
import type { AddressInfo } from "node:net"
import { randomUUID } from "node:crypto"
import type { Server } from "node:http"

import express, { type NextFunction, type Request, type Response } from "express"

import type { Order } from "../invoicebox/types"
import { apiRouter } from "./api-routes"
import { controlRouter } from "./control-routes"
import { DeliveryLog } from "./delivery-log"
import { SandboxApiError, sendError } from "./envelope"
import { Faults } from "./faults"
import { GuaranteeDesk } from "./guarantee"
import { merchantControlRouter } from "./merchant-control-routes"
import { MerchantRegistry } from "./merchant-registry"
import { Notifier } from "./notifier"
import { resolveSandboxOptions, type SandboxOptions } from "./options"
import { PartnerInvites } from "./partner-invites"
import { messagePageHtml, paymentPageHtml } from "./payment-page"
import { RequestWindow } from "./rate-limit"
import { ApiRequestLog } from "./request-log"
import { StateFile } from "./state-file"
import { StatusNotifications } from "./status-notifications"
import { SandboxStore } from "./store"
import { wsControlRouter } from "./ws-control-routes"
import { GATE_PATH, WebSocketGate } from "./ws-gate"
import { WebSocketNotifier } from "./ws-notifications"

/** How often unpaid orders past their lifetime are looked for, when expired orders are notified. */
const EXPIRY_SWEEP_MS = 1_000

export interface RunningSandbox {
  /** base URL, e.g. http://127.0.0.1:9100 */
  url: string
  port: number
  /** the WebSocket gate, e.g. ws://127.0.0.1:9100/v3/gate/rpc (add ?token=<shop token>) */
  gateUrl: string
  close(): Promise<void>
  /**
   * forget every order, refund, shipment, notification and fault, every shop but the options' one
   * (whose key is the options' again) and every invite but the docs' example
   */
  reset(): void
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const settings = resolveSandboxOptions(options)
  let publicUrl = settings.publicUrl ?? ""
  const faults = new Faults()
  const merchants = new MerchantRegistry({
    merchantId: settings.merchantId,
    token: settings.token,
    notificationKey: settings.notificationKey,
  })
  const invites = new PartnerInvites(settings.partners, merchants)
  const gate = new WebSocketGate(merchants, settings.quiet ? undefined : (line) => console.log(line))
  const deliveries = new DeliveryLog()
  // an order is its creator's: its notifications go to that shop, signed with that shop's key
  const merchantOf = (order: Order): string => store.ownerOf(order.id) ?? order.merchantId
  const websocketNotifier = new WebSocketNotifier(gate, deliveries, {
    retryDelaysMs: settings.notificationRetryDelaysMs,
    timeoutMs: settings.notificationTimeoutMs,
    merchantOf,
  })
  const notifier = new Notifier(
    {
      notificationKeyOf: (order) => (merchants.find(merchantOf(order)) ?? merchants.default).notificationKey,
      merchantOf,
      signatureAlgorithm: settings.signatureAlgorithm,
      defaultNotificationUrl: settings.defaultNotificationUrl,
      retryDelaysMs: settings.notificationRetryDelaysMs,
      timeoutMs: settings.notificationTimeoutMs,
    },
    faults,
    deliveries,
    websocketNotifier
  )
  const statusNotifications = new StatusNotifications(notifier, settings.notifyStatuses)
  const store = new SandboxStore({
    merchantId: settings.merchantId,
    paymentUrlFor: (containerId) => `${publicUrl}/order/${containerId}`,
    refundCompletion: settings.refundCompletion,
    guaranteeFund: BigInt(Math.round(settings.guaranteeFund * 100)),
    onStatusChange: (order) => statusNotifications.changed(order),
  })
  const guarantee = new GuaranteeDesk(store, settings.guaranteeCodeResendMs, (order) => void notifier.notify(order))
  // expiry is lazy (on reads); a shop that is notified of expired orders hears of them without one
  const expirySweep = statusNotifications.notifies("expired")
    ? setInterval(() => store.allOrders(), EXPIRY_SWEEP_MS)
    : undefined
  expirySweep?.unref()
  const requests = new ApiRequestLog()
  const window = settings.rateLimit === false ? undefined : new RequestWindow(settings.rateLimit)
  const stateFile = settings.stateFile ? new StateFile(settings.stateFile, { store, merchants, invites }) : undefined
  stateFile?.load()
  const reset = (): void => {
    store.reset()
    guarantee.reset()
    merchants.reset()
    invites.reset()
    gate.dropUnregistered()
    stateFile?.schedule()
    notifier.reset()
    faults.clear()
    window?.reset()
    requests.reset()
  }

  const app = express()
  app.disable("x-powered-by")
  app.set("trust proxy", false)
  app.use((req, res, next) => {
    res.setHeader("X-Request-Id", randomUUID())
    if (stateFile && req.method !== "GET") res.on("finish", () => res.statusCode < 400 && stateFile.schedule())
    if (!settings.quiet) {
      res.on("finish", () => console.log(`[invoicebox-sandbox] ${req.method} ${req.originalUrl} → ${res.statusCode}`))
    }
    next()
  })
  app.use(express.json({ limit: "5mb" }))
  app.use(express.urlencoded({ extended: false }))

  app.use(
    "/_sandbox",
    controlRouter({
      store,
      notifier,
      statusNotifications,
      guarantee,
      faults,
      requests,
      merchants,
      deliveries,
      websocketNotifier,
      reset,
    }),
    merchantControlRouter({ merchants, invites }),
    wsControlRouter({ gate, websocketNotifier, merchants, timeoutMs: settings.notificationTimeoutMs })
  )
  app.use(
    "/:prefix(v3|l3)",
    (req, res, next) => {
      requests.track(req, res)
      next()
    },
    apiRouter({ store, notifier, faults, guarantee, window, merchants, invites })
  )

  app.get("/order/:containerId", (req, res) => {
    const order = store.findOrderByContainer(String(req.params.containerId))
    if (!order) {
      res.status(404).type("html").send(messagePageHtml("Заказ не найден", "Order not found"))
      return
    }
    res.type("html").send(paymentPageHtml(order))
  })

  app.post("/order/:containerId/pay", async (req, res) => {
    const order = store.findOrderByContainer(String(req.params.containerId))
    if (!order) {
      res.status(404).type("html").send(messagePageHtml("Заказ не найден", "Order not found"))
      return
    }
    if (order.status !== "created") {
      res.status(409).type("html").send(paymentPageHtml(order))
      return
    }
    const paid = store.markPaid(order.id)
    await notifier.notify(paid)
    if (paid.successUrl) res.redirect(303, paid.successUrl)
    else res.type("html").send(messagePageHtml("Оплачено", "Payment received / Оплата получена"))
  })

  app.post("/order/:containerId/decline", (req, res) => {
    const order = store.findOrderByContainer(String(req.params.containerId))
    if (!order) {
      res.status(404).type("html").send(messagePageHtml("Заказ не найден", "Order not found"))
      return
    }
    if (order.failUrl) res.redirect(303, order.failUrl)
    else res.type("html").send(messagePageHtml("Оплата отклонена", "Payment declined / Оплата не проведена"))
  })

  app.use((req: Request, res: Response) =>
    sendError(res, new SandboxApiError(404, "not_found", `Not found: ${req.method} ${req.path}`))
  )
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = typeof error === "object" && error !== null && "status" in error ? Number(error.status) : 500
    const message = error instanceof Error ? error.message : "error"
    sendError(
      res,
      new SandboxApiError(
        status >= 400 && status < 500 ? 400 : 500,
        status < 500 ? "validation_error" : "internal_error",
        message
      )
    )
  })

  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(settings.port, settings.host, () => resolve(listening))
    listening.once("error", reject)
  })
  gate.attach(server)
  const port = (server.address() as AddressInfo).port
  const url = `http://${settings.host}:${port}`
  if (!publicUrl) publicUrl = url

  return {
    url,
    port,
    gateUrl: `ws://${settings.host}:${port}${GATE_PATH}`,
    reset,
    close: async () => {
      clearInterval(expirySweep)
      notifier.stop()
      stateFile?.save()
      await gate.close()
      await new Promise<void>((resolve, reject) => {
        server.closeAllConnections?.()
        server.close((error) => (error ? reject(error) : resolve()))
      })
    },
  }
}
