/** A Medusa payment ↔ the InvoiceBox refund orders made for its refunds (a payment has many). */
import { defineLink } from "@medusajs/framework/utils"
import PaymentModule from "@medusajs/medusa/payment"

import InvoiceboxModule from "../modules/invoicebox"

export default defineLink(PaymentModule.linkable.payment, {
  linkable: InvoiceboxModule.linkable.invoiceboxRefund,
  isList: true,
})
