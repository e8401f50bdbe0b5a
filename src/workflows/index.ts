/**
 * The plugin's workflows (every Medusa-side write), for stores that run or extend them:
 * `import { settleInvoiceboxPaymentWorkflow } from "medusa-payment-invoicebox/workflows"`.
 */
export * from "./settle-invoicebox-payment"
export * from "./record-invoicebox-notification"
export * from "./sync-invoicebox-payments"
export * from "./register-invoicebox-shipment"
export * from "./refresh-invoicebox-cart-basket"
export * from "./prune-invoicebox-notifications"
export * from "./close-invoicebox-session"
export * from "./reconcile-invoicebox-payments"
export * from "./steps/reconcile-invoicebox-sessions"
export * from "./steps/cancel-invoicebox-session"
export * from "./steps/process-invoicebox-payment"
export * from "./steps/check-paid-invoicebox-order"
export * from "./steps/create-invoicebox-notification"
export * from "./steps/delete-expired-invoicebox-notifications"
export * from "./steps/refresh-invoicebox-baskets"
export * from "./steps/register-invoicebox-shipments"
export * from "./steps/reverse-invoicebox-payment"
export * from "./steps/sync-invoicebox-sessions"
export * from "./types"
