/**
 * On `POST /store/payment-collections/:id/payment-sessions` for an InvoiceBox provider: load the cart
 * behind the payment collection and replace the session's `data` with the server-made basket, signed
 * with that provider's token. A collection of an order rather than a cart (one the admin created for an
 * extra amount) gets the goods the order still owes by name, or «Доплата по заказу №N», with the
 * order's number for the buyer (order-invoice.ts). Whatever the storefront sent in `data` (lines,
 * prices, VAT, merchant, URLs) is dropped. Bad receipt data (marked goods metadata, a VAT code, an invalid company payer)
 * stops the session here with a 400 naming it, before any InvoiceBox request.
 */
import type { Query } from "@medusajs/framework"
import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { ConfigModule } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

import { InvoiceboxError } from "../../invoicebox/errors"
import { loadCartOfPaymentCollection } from "../../lib/cart-for-basket"
import { orderCollectionSessionData } from "../../lib/order-invoice"
import { serverBasketData } from "../../lib/server-basket"
import { cartBasketLines } from "../../payment/cart-basket"
import { toMedusaError } from "../../providers/invoicebox/errors"
import { invoiceboxProvider } from "../../providers/invoicebox/registry"

type SessionBody = { provider_id?: string; data?: Record<string, unknown> }

export async function attachServerBasket(
  req: MedusaRequest,
  _res: MedusaResponse,
  next: MedusaNextFunction
): Promise<void> {
  try {
    const body = req.body as SessionBody | undefined
    const configModule = req.scope.resolve<ConfigModule>(ContainerRegistrationKeys.CONFIG_MODULE)
    const provider = body?.provider_id ? invoiceboxProvider(configModule, body.provider_id) : null
    if (!body || !provider) return next()
    const collectionId = String(req.params.id)
    const cart = await loadCartOfPaymentCollection(
      req.scope.resolve<Query>(ContainerRegistrationKeys.QUERY),
      collectionId
    )
    const data = cart
      ? serverBasketData(cart, cartBasketLines(cart, provider.options), provider.options.token)
      : ((await orderCollectionSessionData(req.scope, collectionId, provider)) ?? {})
    body.data = data
    const validated = (req as MedusaRequest & { validatedBody?: SessionBody }).validatedBody
    if (validated) validated.data = data
    next()
  } catch (error) {
    // a bad receipt value (VAT code, marked goods...) is the store's data to fix: a 400 naming it
    next(error instanceof InvoiceboxError ? toMedusaError(error, "building the receipt basket") : error)
  }
}
