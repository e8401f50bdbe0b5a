/** What a storefront does up to the InvoiceBox redirect: cart, payment collection, payment session. */
import type { AxiosInstance } from "axios"

import type { SeededStore } from "./seed"

export interface CheckoutOptions {
  items: Array<{ variant_id: string; quantity: number }>
  /** extra cart fields, e.g. shipping_address */
  cart?: Record<string, unknown>
  /** a shipping option to add before the session */
  shippingOptionId?: string
  /** promotion codes to apply before the session */
  promotionCodes?: string[]
  /** the InvoiceBox provider to pay with (default pp_invoicebox_invoicebox) */
  providerId?: string
  /** what the storefront puts in the session's `data` (the plugin drops it) */
  sessionData?: Record<string, unknown>
  /** what the storefront does with the cart just before the payment session (e.g. declare a company payer) */
  beforeSession?: (cartId: string) => Promise<void>
}

interface StoreCart {
  id: string
  total: number
  discount_total: number
  shipping_total: number
  items: Array<{ id: string; variant_id: string; quantity: number }>
}

interface StoreSession {
  id: string
  data: Record<string, unknown>
}

export interface CheckoutSession {
  cart: StoreCart
  session: StoreSession
  invoiceboxOrderId: string
}

/** A Russian delivery address for carts that need shipping. */
export const SHIPPING_ADDRESS = {
  first_name: "Иван",
  last_name: "Петров",
  address_1: "ул. Ленина, 1",
  city: "Казань",
  country_code: "ru",
  postal_code: "420000",
  phone: "+7 900 111-22-33",
}

export function publishableHeaders(store: SeededStore): Record<string, string> {
  return { "x-publishable-api-key": store.publishableKey }
}

export async function checkoutWithInvoicebox(
  api: AxiosInstance,
  store: SeededStore,
  options: CheckoutOptions
): Promise<CheckoutSession> {
  const headers = publishableHeaders(store)
  const {
    data: { cart },
  } = await api.post<{ cart: StoreCart }>(
    "/store/carts",
    {
      region_id: store.regionId,
      sales_channel_id: store.salesChannelId,
      email: "buyer@example.com",
      items: options.items,
      ...options.cart,
    },
    { headers }
  )
  if (options.shippingOptionId) {
    await api.post(`/store/carts/${cart.id}/shipping-methods`, { option_id: options.shippingOptionId }, { headers })
  }
  if (options.promotionCodes?.length) {
    await api.post(`/store/carts/${cart.id}/promotions`, { promo_codes: options.promotionCodes }, { headers })
  }
  await options.beforeSession?.(cart.id)
  const {
    data: { payment_collection: collection },
  } = await api.post<{ payment_collection: { id: string } }>(
    "/store/payment-collections",
    { cart_id: cart.id },
    { headers }
  )
  const {
    data: { payment_collection: withSession },
  } = await api.post<{ payment_collection: { payment_sessions: StoreSession[] } }>(
    `/store/payment-collections/${collection.id}/payment-sessions`,
    { provider_id: options.providerId ?? "pp_invoicebox_invoicebox", data: options.sessionData ?? {} },
    { headers }
  )
  const session = withSession.payment_sessions[0]!
  const {
    data: { cart: final },
  } = await api.get<{ cart: StoreCart }>(`/store/carts/${cart.id}`, { headers })
  return { cart: final, session, invoiceboxOrderId: String(session.data.invoicebox_order_id) }
}
