/**
 * The InvoiceBox account a provider is connected to from the admin (Settings → InvoiceBox): the shop's
 * merchant id and, sealed with the store's connection key (secret-box.ts), its API token and
 * notification key. Stored settings win over the provider's options; without a row, the options are used.
 */
import { model } from "@medusajs/framework/utils"

export const CONNECTION_SOURCES = ["credentials", "partner"] as const
export type ConnectionSource = (typeof CONNECTION_SOURCES)[number]

export const InvoiceboxConnection = model
  .define("invoicebox_connection", {
    id: model.id({ prefix: "ibconn" }).primaryKey(),
    /** Medusa's provider id (`pp_invoicebox_invoicebox`) */
    provider_id: model.text(),
    merchant_id: model.text(),
    /** `v3`, or `l3` for InvoiceBox.Business shops; null: the provider's option */
    api_prefix: model.text().nullable(),
    /** the API token, sealed */
    token_sealed: model.text(),
    /** the notification key, sealed; null until the shop sets it (notifications then come over WebSocket) */
    notification_key_sealed: model.text().nullable(),
    /** credentials: pasted by an admin; partner: a partner activation */
    source: model.enum([...CONNECTION_SOURCES]),
    connected_at: model.dateTime(),
    /** the last check of the token against InvoiceBox (security/api/auth/auth) */
    checked_at: model.dateTime().nullable(),
    /** null when the last check succeeded, else InvoiceBox's error */
    check_error: model.text().nullable(),
  })
  .indexes([{ on: ["provider_id"], unique: true }])
