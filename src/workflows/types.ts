/** Shapes the plugin's workflows share. */
import type { Order } from "../invoicebox/types"

/** A paid InvoiceBox order as InvoiceBox reported it (a verified notification or a fresh read). */
export type PaidInvoiceboxOrder = Order

export type { NotificationSource } from "../modules/invoicebox/models/invoicebox-notification"
