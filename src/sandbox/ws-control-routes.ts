/**
 * Control API of the WebSocket gate (no auth):
 *
 * - `GET /_sandbox/ws/connections`: per shop, its open sockets and the orders whose WebSocket
 *   notification is still pending
 * - `POST /_sandbox/ws/get-status` `{ merchantId, logQuantity? = 40, timeoutMs? }`: InvoiceBox's
 *   diagnostic `getStatus` call over the shop's sockets; the first `result` as `{ rpcId, result }`.
 *   409 `no_connection` without an open socket, 502 `bad_gateway` when every socket answered an
 *   error, 504 `gateway_timeout` without an answer in time (default: the notification timeout)
 * - `POST /_sandbox/ws/drop` `{ merchantId }`: closes the shop's sockets from the server side (close
 *   code 1001), to test reconnects; `{ merchantId, closed }`
 */
import { Router } from "express"
import { z } from "zod"

import { handle } from "./control-routes"
import { SandboxApiError } from "./envelope"
import type { MerchantRegistry } from "./merchant-registry"
import { parseRequest } from "./request-validation"
import type { WebSocketGate } from "./ws-gate"
import type { WebSocketNotifier } from "./ws-notifications"

export const GET_STATUS_METHOD = "getStatus"

export interface WsControlContext {
  gate: WebSocketGate
  websocketNotifier: WebSocketNotifier
  merchants: MerchantRegistry
  /** how long an answer is waited for by default (the notification timeout) */
  timeoutMs: number
}

const merchantSchema = z.object({ merchantId: z.string().min(1) })

const getStatusSchema = merchantSchema.extend({
  logQuantity: z.number().int().min(0).max(10_000).optional(),
  timeoutMs: z.number().int().min(1).max(120_000).optional(),
})

export function wsControlRouter(context: WsControlContext): Router {
  const router = Router()
  const { gate, websocketNotifier, merchants } = context

  router.get(
    "/ws/connections",
    handle(() =>
      gate.connectionsView().map((view) => ({ ...view, pending: websocketNotifier.pendingOf(view.merchantId) }))
    )
  )

  router.post(
    "/ws/get-status",
    handle(async (req) => {
      const request = parseRequest(getStatusSchema, req.body ?? {}, 400)
      const merchant = merchants.get(request.merchantId)
      if (!gate.isOpen(merchant.id)) {
        throw new SandboxApiError(409, "no_connection", `Merchant ${merchant.id} has no open WebSocket`)
      }
      const rpcId = gate.newRpcId()
      const timeoutMs = request.timeoutMs ?? context.timeoutMs
      const { answer } = await gate.call(
        merchant.id,
        { jsonrpc: "2.0", id: rpcId, method: GET_STATUS_METHOD, params: { logQuantity: request.logQuantity ?? 40 } },
        timeoutMs
      )
      switch (answer.kind) {
        case "result":
          return { rpcId, result: answer.result }
        case "error":
          throw new SandboxApiError(502, "bad_gateway", `getStatus answered an error: ${JSON.stringify(answer.error)}`)
        default:
          throw new SandboxApiError(504, "gateway_timeout", `No getStatus answer within ${timeoutMs} ms`)
      }
    })
  )

  router.post(
    "/ws/drop",
    handle((req) => {
      const { merchantId } = parseRequest(merchantSchema, req.body ?? {}, 400)
      merchants.get(merchantId)
      return { merchantId, closed: gate.drop(merchantId) }
    })
  )

  return router
}
