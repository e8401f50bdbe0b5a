/**
 * medusa-payment-invoicebox/v1: the InvoiceBox payment processor for Medusa v1 (1.20) stores. A v1
 * store lists `{ resolve: "medusa-payment-invoicebox/v1", options: {...} }` in its `plugins`; Medusa v1
 * then loads this directory's services (the processor), api (the notification route, the admin
 * widget's route), subscribers (auto capture), migrations and admin widget.
 */
export { InvoiceboxPaymentProcessor, INVOICEBOX_V1_PROVIDER_ID, v1SessionStatusOf } from "./services/invoicebox"
export { V1_CART_BASKET_RELATIONS, v1CartBasketLines, v1Amount } from "./cart-basket"
