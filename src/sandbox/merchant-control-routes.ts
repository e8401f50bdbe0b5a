/**
 * Control API for the shops and the partners' invites (no auth): what InvoiceBox's staff and a
 * shop's personal account would show or do.
 *
 * - `GET /_sandbox/merchants`, `GET /_sandbox/merchants/:id`: id, name, token, notificationKey,
 *   source (options | activation | control), createdAt
 * - `POST /_sandbox/merchants` `{ merchantId?, name?, token?, notificationKey? }`: a new shop (source
 *   `control`), the rest random
 * - `POST /_sandbox/merchants/:id/notification-key` `{ notificationKey }`: the shop sets or changes its
 *   key in its personal account; notifications are signed with it from then on
 * - `GET /_sandbox/invites[?partnerId=]`: every invite with its activation code
 */
import { Router } from "express"
import { z } from "zod"

import { handle } from "./control-routes"
import type { MerchantRegistry } from "./merchant-registry"
import type { PartnerInvites } from "./partner-invites"
import { parseRequest, uuid } from "./request-validation"

export interface MerchantControlContext {
  merchants: MerchantRegistry
  invites: PartnerInvites
}

const notificationKeySchema = z.object({ notificationKey: z.string().trim().min(1).max(512) })

const newMerchantSchema = z.object({
  merchantId: uuid.optional(),
  name: z.string().min(1).max(500).optional(),
  token: z.string().min(1).max(512).optional(),
  notificationKey: z.string().min(1).max(512).optional(),
})

export function merchantControlRouter(context: MerchantControlContext): Router {
  const router = Router()
  const { merchants, invites } = context

  router.get(
    "/merchants",
    handle(() => merchants.list())
  )

  router.get(
    "/merchants/:id",
    handle((req) => ({ ...merchants.get(String(req.params.id)) }))
  )

  router.post(
    "/merchants",
    handle((req) => {
      const request = parseRequest(newMerchantSchema, req.body ?? {}, 400)
      return merchants.create({
        source: "control",
        ...(request.merchantId !== undefined ? { id: request.merchantId } : {}),
        ...(request.name !== undefined ? { name: request.name } : {}),
        ...(request.token !== undefined ? { token: request.token } : {}),
        ...(request.notificationKey !== undefined ? { notificationKey: request.notificationKey } : {}),
      })
    })
  )

  router.post(
    "/merchants/:id/notification-key",
    handle((req) => {
      const id = String(req.params.id)
      merchants.get(id)
      const { notificationKey } = parseRequest(notificationKeySchema, req.body ?? {}, 400)
      return merchants.setNotificationKey(id, notificationKey)
    })
  )

  router.get(
    "/invites",
    handle((req) => {
      const partnerId = typeof req.query.partnerId === "string" ? req.query.partnerId : undefined
      return invites.list().filter((invite) => partnerId === undefined || invite.partnerId === partnerId)
    })
  )

  return router
}
