/** Bodies of the Settings → InvoiceBox routes (`/admin/invoicebox/connections/:provider_id/…`). */
import { z } from "@medusajs/framework/zod"

import { isValidInn } from "../../../../invoicebox/russian-tax-ids"

const MERCHANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** `v3` tokens are plain; InvoiceBox.Business (`l3`) tokens read `NNN-API:token` (api/auth.md). */
const token = z
  .string()
  .trim()
  .min(8, "the token is at least 8 characters")
  .max(512, "the token is at most 512 characters")
  .regex(/^[\x21-\x7e]+$/, "the token has no spaces or non-ASCII characters")

const notificationKey = z
  .string()
  .trim()
  .min(8, "the notification key is at least 8 characters")
  .max(256, "the notification key is at most 256 characters")

export const AdminInvoiceboxConnect = z
  .object({
    merchant_id: z
      .string()
      .trim()
      .regex(MERCHANT_ID, "merchant_id must be the shop's uuid (as in the InvoiceBox personal account)"),
    token,
    notification_key: notificationKey.optional(),
    api_prefix: z.enum(["v3", "l3"]).optional(),
  })
  .strict()
export type AdminInvoiceboxConnectType = z.output<typeof AdminInvoiceboxConnect>

export const AdminInvoiceboxNotificationKey = z.object({ notification_key: notificationKey }).strict()
export type AdminInvoiceboxNotificationKeyType = z.output<typeof AdminInvoiceboxNotificationKey>

export const AdminInvoiceboxInvite = z
  .object({
    email: z.string().trim().email("must be an e-mail address").max(100),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[\d\s()-]{10,20}$/, "must be a phone number such as +7 900 111-22-33")
      .optional(),
    inn: z
      .string()
      .trim()
      .refine((value) => isValidInn(value), "must be a valid ИНН (10 or 12 digits with their check digits)")
      .optional(),
    company_name: z.string().trim().min(1).max(500).optional(),
  })
  .strict()
export type AdminInvoiceboxInviteType = z.output<typeof AdminInvoiceboxInvite>

export const AdminInvoiceboxActivate = z
  .object({
    activation_code: z
      .string()
      .trim()
      .min(1, "enter the activation code InvoiceBox sent")
      .max(36, "the activation code is at most 36 characters"),
  })
  .strict()
export type AdminInvoiceboxActivateType = z.output<typeof AdminInvoiceboxActivate>
