/** The InvoiceBox create-order request for a Medusa payment session. */
import { basketOrderAmounts, buildBasketForAmount, type Basket, type BasketLineInput } from "../../invoicebox/basket"
import type { MoneyInput } from "../../invoicebox/money"
import type { CreateOrderRequest, Customer } from "../../invoicebox/types"
import type { InvoiceboxProviderOptions } from "./options"
import type { ServerBasket } from "./session-data"

export interface OrderRequestInput {
  sessionId: string
  merchantOrderId: string
  amount: MoneyInput
  currencyCode: string
  basket: ServerBasket | null
  customer: Customer
  now?: Date
}

export interface PreparedOrder {
  request: CreateOrderRequest
  basket: Basket
}

/** Fills `{cart_id}`, `{session_id}`, `{order_id}` placeholders (URI-encoded). */
export function fillTemplate(template: string, values: Record<string, string | undefined>): string {
  return template.replace(/\{(cart_id|session_id|order_id)\}/g, (_, key: string) =>
    encodeURIComponent(values[key] ?? "")
  )
}

/** The lines to charge: the server-made basket, or one clearly named line for the whole amount. */
export function basketLines(input: OrderRequestInput, options: InvoiceboxProviderOptions): BasketLineInput[] {
  if (input.basket) return input.basket.lines
  return [
    {
      sku: "payment",
      name: `${options.fallbackLineName} ${input.sessionId}`.slice(0, 500),
      unitPrice: input.amount,
      quantity: 1,
      vatCode: options.defaultVatCode,
      type: "service",
    },
  ]
}

export function buildOrderRequest(input: OrderRequestInput, options: InvoiceboxProviderOptions): PreparedOrder {
  const basket = buildBasketForAmount(basketLines(input, options), input.amount, {
    type: options.defaultItemType,
    measure: options.defaultMeasure,
    measureCode: options.defaultMeasureCode,
    paymentType: options.defaultPaymentType,
  })
  const now = input.now ?? new Date()
  const placeholders = {
    cart_id: input.basket?.reference?.cart_id,
    session_id: input.sessionId,
    order_id: input.basket?.reference?.order_id,
  }
  const url = (template: string | undefined) => (template ? fillTemplate(template, placeholders) : undefined)
  const request: CreateOrderRequest = {
    merchantId: options.merchantId,
    merchantOrderId: input.merchantOrderId,
    description: fillTemplate(options.description, placeholders).slice(0, 1000),
    currencyId: input.currencyCode.toUpperCase(),
    languageId: options.language,
    expirationDate: new Date(now.getTime() + options.orderLifetimeMinutes * 60_000)
      .toISOString()
      .replace(/\.\d{3}Z$/, "+00:00"),
    customer: input.customer,
    basketItems: basket.items,
    ...basketOrderAmounts(basket),
    metaData: {
      source: "medusa",
      payment_session_id: input.sessionId,
      ...(placeholders.cart_id ? { cart_id: placeholders.cart_id } : {}),
    },
  }
  const optional = {
    successUrl: url(options.successUrl),
    failUrl: url(options.failUrl),
    returnUrl: url(options.returnUrl),
    notificationUrl: options.notificationUrl,
  }
  for (const [key, value] of Object.entries(optional)) {
    if (value) (request as unknown as Record<string, unknown>)[key] = value
  }
  return { request, basket }
}

/** Buyer details: a company with an INN is a legal entity, anyone else a private person. */
export function customerFrom(
  context:
    | {
        customer?: {
          email?: string | null
          phone?: string | null
          first_name?: string | null
          last_name?: string | null
          company_name?: string | null
        }
      }
    | undefined,
  serverCustomer: Customer | undefined
): Customer {
  const fromContext = context?.customer
  const name = [fromContext?.first_name, fromContext?.last_name].filter(Boolean).join(" ")
  const merged: Customer = {
    ...(fromContext?.email ? { email: fromContext.email } : {}),
    ...(fromContext?.phone ? { phone: fromContext.phone } : {}),
    ...(name ? { name } : {}),
    ...(serverCustomer ?? {}),
  }
  const company = fromContext?.company_name ?? undefined
  if (merged.vatNumber && (company || merged.name)) {
    merged.type = "legal"
    if (company) merged.name = company
  } else {
    merged.type = merged.type ?? "private"
  }
  return merged
}
