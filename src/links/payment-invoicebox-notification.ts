/** A Medusa payment ↔ the InvoiceBox notifications about it (a payment has many). */
import { defineLink } from "@medusajs/framework/utils"
import PaymentModule from "@medusajs/medusa/payment"

import InvoiceboxModule from "../modules/invoicebox"

export default defineLink(PaymentModule.linkable.payment, {
  linkable: InvoiceboxModule.linkable.invoiceboxNotification,
  isList: true,
})
