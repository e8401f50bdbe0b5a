/** The signed server basket (and buyer details) a payment session is created with. */
import type { BasketLineInput } from "../invoicebox/basket"
import { companyPayerToCustomer } from "../invoicebox/company-payer"
import type { Customer } from "../invoicebox/types"
import {
  SERVER_BASKET_KEY,
  SERVER_BASKET_SIGNATURE_KEY,
  signServerBasket,
  type ServerBasket,
} from "../payment/session-data"
import { cartCompanyPayer } from "./cart-company-payer"

export interface CartCustomerLike {
  id: string
  email?: string | null
  metadata?: Record<string, unknown> | null
  billing_address?: {
    first_name?: string | null
    last_name?: string | null
    phone?: string | null
  } | null
  shipping_address?: { phone?: string | null } | null
  customer?: {
    id?: string
    first_name?: string | null
    last_name?: string | null
    phone?: string | null
    metadata?: Record<string, unknown> | null
  } | null
}

/**
 * Buyer details for the order: the company payer declared for the cart (cart-company-payer.ts) as
 * InvoiceBox's `legal` customer, else a `private` buyer with the cart's e-mail, phone and name.
 */
export function cartCustomer(cart: CartCustomerLike): Customer {
  const payer = cartCompanyPayer(cart)
  if (payer) return companyPayerToCustomer(payer)
  const billing = cart.billing_address
  const name = [billing?.first_name ?? cart.customer?.first_name, billing?.last_name ?? cart.customer?.last_name]
    .filter(Boolean)
    .join(" ")
  const phone = billing?.phone || cart.shipping_address?.phone || cart.customer?.phone || undefined
  const customer: Customer = { type: "private" }
  if (cart.email) customer.email = cart.email
  if (phone) customer.phone = phone.replace(/[^\d]/g, "")
  if (name) customer.name = name
  return customer
}

/**
 * The signed basket for a session's `data`. The payer is a cart or an order (the same buyer fields);
 * `reference` says what is paid: the cart by default, or an order (an invoice for what it still owes).
 */
export function serverBasketData(
  cart: CartCustomerLike,
  lines: BasketLineInput[],
  token: string,
  reference: NonNullable<ServerBasket["reference"]> = { cart_id: cart.id }
): Record<string, unknown> {
  // a JSON round trip first: Medusa stores `data` as JSON, so the signed text must survive it unchanged
  const basket = JSON.parse(JSON.stringify({ lines, customer: cartCustomer(cart), reference })) as ServerBasket
  return { [SERVER_BASKET_KEY]: basket, [SERVER_BASKET_SIGNATURE_KEY]: signServerBasket(basket, token) }
}
