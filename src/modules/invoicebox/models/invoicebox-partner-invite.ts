/**
 * A partner invitation sent from the admin (partner/integration/invite.md): the shop registers with
 * InvoiceBox, receives an activation code and enters it on the settings page, which activates it.
 */
import { model } from "@medusajs/framework/utils"

export const InvoiceboxPartnerInvite = model
  .define("invoicebox_partner_invite", {
    id: model.id({ prefix: "ibinvite" }).primaryKey(),
    provider_id: model.text(),
    /** InvoiceBox's id of the invitation */
    invoicebox_invite_id: model.text(),
    email: model.text(),
    phone: model.text().nullable(),
    inn: model.text().nullable(),
    company_name: model.text().nullable(),
    /** sent, then activated (the shop's merchant id is then known) */
    status: model.enum(["sent", "activated"]),
    merchant_id: model.text().nullable(),
    activated_at: model.dateTime().nullable(),
  })
  .indexes([{ on: ["provider_id"] }])
