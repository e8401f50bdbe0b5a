/** The body of `POST /admin/invoicebox/payments/:id/refund-items` (and its `/preview`): goods to refund. */
import { z } from "@medusajs/framework/zod"

export const AdminInvoiceboxRefundItems = z
  .object({
    /** the goods by the sku of their InvoiceBox basket line, and how many */
    items: z
      .array(z.object({ sku: z.string().min(1).max(500), quantity: z.number().positive().max(1_000_000) }).strict())
      .max(1000)
      .default([]),
    /** refund the delivery line(s) still refundable too */
    include_shipping: z.boolean().default(false),
  })
  .strict()

export type AdminInvoiceboxRefundItemsType = z.output<typeof AdminInvoiceboxRefundItems>
