/** The signed server basket (and buyer details) a payment session is created with. */
import type { BasketLineInput } from "../invoicebox/basket"
import type { Customer } from "../invoicebox/types"
import {
  SERVER_BASKET_KEY,
  SERVER_BASKET_SIGNATURE_KEY,
  signServerBasket,
  type ServerBasket,
} from "../providers/invoicebox/session-data"

export interface CartCustomerLike {
  id: string
  email?: string | null
  metadata?: Record<string, unknown> | null
  billing_address?: {
    first_name?: string | null
    last_name?: string | null
    company?: string | null
    phone?: string | null
  } | null
  shipping_address?: { phone?: string | null } | null
  customer?: {
    first_name?: string | null
    last_name?: string | null
    phone?: string | null
    company_name?: string | null
  } | null
}

/** Buyer details for the receipt: e-mail / phone; a company with an INN (metadata `inn`) is `legal`. */
export function cartCustomer(cart: CartCustomerLike): Customer {
  const billing = cart.billing_address
  const name = [billing?.first_name ?? cart.customer?.first_name, billing?.last_name ?? cart.customer?.last_name]
    .filter(Boolean)
    .join(" ")
  const phone = billing?.phone || cart.shipping_address?.phone || cart.customer?.phone || undefined
  const company = billing?.company || cart.customer?.company_name || undefined
  const inn = typeof cart.metadata?.inn === "string" ? cart.metadata.inn : undefined
  const kpp = typeof cart.metadata?.kpp === "string" ? cart.metadata.kpp : undefined
  const customer: Customer = { type: company && inn ? "legal" : "private" }
  if (cart.email) customer.email = cart.email
  if (phone) customer.phone = phone.replace(/[^\d]/g, "")
  if (company && inn) {
    customer.name = company
    customer.vatNumber = inn
    if (kpp) customer.taxRegistrationReasonCode = kpp
  } else if (name) {
    customer.name = name
  }
  return customer
}

export function serverBasketData(
  cart: CartCustomerLike,
  lines: BasketLineInput[],
  token: string
): Record<string, unknown> {
  // a JSON round trip first: Medusa stores `data` as JSON, so the signed text must survive it unchanged
  const basket = JSON.parse(
    JSON.stringify({ lines, customer: cartCustomer(cart), reference: { cart_id: cart.id } })
  ) as ServerBasket
  return { [SERVER_BASKET_KEY]: basket, [SERVER_BASKET_SIGNATURE_KEY]: signServerBasket(basket, token) }
}
