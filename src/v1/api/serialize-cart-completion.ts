/**
 * `POST /store/carts/:id/complete` of a cart paid (or being paid) with InvoiceBox waits for, and then
 * holds, its InvoiceBox order's lock (order-lock.ts) until the answer is sent: a buyer coming back from
 * the payment page while the notification is completing the cart gets the order the notification made
 * (v1's completion returns an existing order), never a duplicate-key error.
 */
import type { Logger, MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import { errorMessageOf } from "../../invoicebox/errors"
import { ORDER_LOCK_WAIT, orderLockKey } from "../order-lock"
import { INVOICEBOX_V1_PROVIDER_ID } from "../services/invoicebox"

export async function serializeCartCompletion(
  req: MedusaRequest,
  res: MedusaResponse,
  next: MedusaNextFunction
): Promise<void> {
  const manager = req.scope.resolve<EntityManager>("manager")
  const rows = (await manager.query(
    `SELECT data->>'invoicebox_order_id' AS invoicebox_order_id FROM payment_session
      WHERE cart_id = $1 AND provider_id = $2 AND is_selected = true`,
    [String(req.params.id), INVOICEBOX_V1_PROVIDER_ID]
  )) as Array<{ invoicebox_order_id: string | null }>
  const orderId = rows[0]?.invoicebox_order_id
  if (!orderId) return next()
  const connection = manager.connection.createQueryRunner()
  const key = orderLockKey(orderId)
  try {
    await connection.connect()
    await connection.query(`SET lock_timeout = '${ORDER_LOCK_WAIT}'`)
    await connection.query(`SELECT pg_advisory_lock(hashtext($1))`, [key])
  } catch (error) {
    // not waited for: v1's one-order-per-cart constraint still keeps a second order out
    req.scope
      .resolve<Logger>("logger")
      .warn(`InvoiceBox: completing cart ${req.params.id} unlocked: ${errorMessageOf(error)}`)
    await connection.query(`RESET lock_timeout`).catch(() => undefined)
    await connection.release()
    return next()
  }
  let released = false
  const release = (): void => {
    if (released) return
    released = true
    void connection
      .query(`SELECT pg_advisory_unlock(hashtext($1))`, [key])
      .then(() => connection.query(`RESET lock_timeout`))
      .catch(() => undefined)
      .finally(() => connection.release())
  }
  res.once("finish", release)
  res.once("close", release)
  next()
}
