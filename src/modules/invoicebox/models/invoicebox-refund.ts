/**
 * One InvoiceBox refund order the plugin made for a Medusa refund, with the status InvoiceBox last
 * reported: refunds are created `created` (or `draft`) and become `completed` — or `canceled`, when
 * the buyer did not get the money back (merchant/refund/refund.md). Sync and reconciliation keep it
 * up to date.
 */
import { model } from "@medusajs/framework/utils"

export const InvoiceboxRefund = model
  .define("invoicebox_refund", {
    id: model.id({ prefix: "ibrefund" }).primaryKey(),
    /** Medusa's provider id of the InvoiceBox account */
    provider_id: model.text(),
    /** the Medusa payment refunded */
    payment_id: model.text(),
    /** the refund order's id at InvoiceBox */
    invoicebox_refund_id: model.text(),
    /** the refund order's merchantOrderId (`<session order>:refund:<Medusa refund id>`) */
    merchant_order_id: model.text().nullable(),
    amount: model.bigNumber(),
    currency_code: model.text().nullable(),
    /** InvoiceBox's status of the refund order: draft, created, completed or canceled */
    status: model.text(),
    /** when InvoiceBox was last asked */
    checked_at: model.dateTime(),
  })
  .indexes([{ on: ["invoicebox_refund_id"], unique: true }, { on: ["payment_id"] }, { on: ["status"] }])
