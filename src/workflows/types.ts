/** Shapes the plugin's workflows share. */
import type { Order } from "../invoicebox/types"

/** What of a paid InvoiceBox order is needed to apply it. */
export type PaidInvoiceboxOrder = Pick<Order, "id" | "merchantOrderId" | "amount" | "currencyId">

export type { NotificationSource } from "../modules/invoicebox/models/invoicebox-notification"
