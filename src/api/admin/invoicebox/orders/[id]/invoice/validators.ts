/** The body of `POST /admin/invoicebox/orders/:id/invoice`: which InvoiceBox account, and whether to e-mail the link. */
import { z } from "@medusajs/framework/zod"

export const AdminInvoiceboxInvoice = z
  .object({
    /** an InvoiceBox provider id (`pp_invoicebox_…`); default: the one the order was paid with */
    provider_id: z.string().min(1).max(200).optional(),
    /** e-mail the payment link to the order's e-mail (Notification Module, channel `email`) */
    send_email: z.boolean().default(false),
  })
  .strict()

export type AdminInvoiceboxInvoiceType = z.output<typeof AdminInvoiceboxInvoice>
