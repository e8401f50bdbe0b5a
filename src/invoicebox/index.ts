/**
 * The InvoiceBox API v3 core: no Medusa import. Published as `medusa-payment-invoicebox/invoicebox`
 * for Medusa v1 adapters, CLIs and any Node.js code.
 */
export * from "./types"
export * from "./errors"
export * from "./signature"
export * from "./money"
export * from "./vat"
export * from "./marked-goods"
export * from "./basket"
export * from "./basket-reconcile"
export * from "./refund-allocation"
export * from "./retry"
export * from "./rate-limiter"
export * from "./list-query"
export * from "./client"
export * from "./notification"
export * from "./version"
export * from "./russian-tax-ids"
export * from "./company-payer"
export * from "./basket-by-items"
export * from "./shipment-plan"
export * from "./refund-by-goods"
