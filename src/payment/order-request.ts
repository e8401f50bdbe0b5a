/** The InvoiceBox create-order request for a Medusa payment session. */
import { basketOrderAmounts, buildBasketForAmount, type Basket, type BasketLineInput } from "../invoicebox/basket"
import type { MoneyInput } from "../invoicebox/money"
import type { CreateOrderRequest, Customer, InvoiceSetting, UpdateOrderRequest } from "../invoicebox/types"
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

/** Fills `{cart_id}`, `{session_id}`, `{order_id}`, `{display_id}` placeholders (URI-encoded). */
export function fillTemplate(template: string, values: Record<string, string | undefined>): string {
  return template.replace(/\{(cart_id|session_id|order_id|display_id)\}/g, (_, key: string) =>
    encodeURIComponent(values[key] ?? "")
  )
}

/**
 * The payment page's description: the option's text; for a payment of a placed order (an invoice)
 * with the order's number as the buyer knows it, unless the text already places it (`{display_id}`).
 */
export function orderDescription(template: string, values: Record<string, string | undefined>): string {
  const text = template.includes("{display_id}")
    ? template.replace(/\{display_id\}/g, values.display_id ?? "")
    : template
  const filled = fillTemplate(text, values)
  const number = values.display_id
  const description = number && !template.includes("{display_id}") ? `${filled} (заказ №${number})` : filled
  return description.slice(0, 1000)
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
      // the amount charged, whatever the code (an `_ADDED` defaultVatCode adds no VAT on top)
      grossTotal: input.amount,
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
    display_id: input.basket?.reference?.order_display_id,
  }
  const url = (template: string | undefined) => (template ? fillTemplate(template, placeholders) : undefined)
  const request: CreateOrderRequest = {
    merchantId: options.merchantId,
    merchantOrderId: input.merchantOrderId,
    description: orderDescription(options.description, placeholders),
    // the buyer sees the store's order number on the payment page, never a session id
    ...(placeholders.display_id ? { merchantOrderIdVisible: placeholders.display_id.slice(0, 256) } : {}),
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
      ...(placeholders.order_id ? { order_id: placeholders.order_id } : {}),
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
  const invoiceSetting = options.lockCustomerFields ? customerLocking(input.customer) : undefined
  if (invoiceSetting) request.invoiceSetting = invoiceSetting
  return { request, basket }
}

/** Customer fields in the order of the docs' Customer table (merchant/order/create.md). */
const CUSTOMER_FIELDS = [
  "type",
  "name",
  "phone",
  "email",
  "vatNumber",
  "taxRegistrationReasonCode",
  "registrationAddress",
] as const satisfies ReadonlyArray<keyof Customer>

/**
 * `invoiceSetting.customerLockedFields` (merchant/order/create.md, InvoiceSetting): the payer details
 * the store sent cannot be edited on the payment page; the ones it did not send stay editable.
 * Undefined when the customer has no fields.
 */
export function customerLocking(customer: Customer): InvoiceSetting | undefined {
  const locked = CUSTOMER_FIELDS.filter((field) => {
    const value = customer[field]
    return typeof value === "string" && value !== ""
  })
  return locked.length > 0 ? { customerLockedFields: locked } : undefined
}

/**
 * Buyer details: the company payer declared for the cart (a `legal` customer in the signed server
 * basket) as it is; anyone else a private person, from Medusa's customer and the cart.
 */
export function customerFrom(
  context:
    | {
        customer?: {
          email?: string | null
          phone?: string | null
          first_name?: string | null
          last_name?: string | null
        }
      }
    | undefined,
  serverCustomer: Customer | undefined
): Customer {
  if (serverCustomer?.type === "legal") return { ...serverCustomer }
  const fromContext = context?.customer
  const name = [fromContext?.first_name, fromContext?.last_name].filter(Boolean).join(" ")
  return {
    ...(fromContext?.email ? { email: fromContext.email } : {}),
    ...(fromContext?.phone ? { phone: fromContext.phone } : {}),
    ...(name ? { name } : {}),
    ...(serverCustomer ?? {}),
    type: "private",
  }
}

/** What an unpaid order takes of a new create request when its cart changed (the merchantOrderId stays). */
export function orderUpdateOf(request: CreateOrderRequest): UpdateOrderRequest {
  return {
    amount: request.amount,
    vatAmount: request.vatAmount,
    basketItems: request.basketItems,
    customer: request.customer,
    description: request.description,
    expirationDate: request.expirationDate,
  }
}
