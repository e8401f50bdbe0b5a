/**
 * The JSON of GET /admin/invoicebox/orders/:id, POST /admin/invoicebox/orders/:id/sync and the
 * /admin/invoicebox/connections routes: the server's own types (type-only imports, erased from the
 * admin bundle).
 */
import type { InvoiceboxFailure } from "../../invoicebox/errors"
import type { InvoiceboxConnectionView, PastedCredentials } from "../../lib/invoicebox-connections"
import type { InvoiceboxPaymentView, NotificationLogView } from "../../lib/order-payment-view"
import type { InviteInput } from "../../lib/partner-onboarding"
import type { RefundableLineView, RefundItemsPreview as ServerRefundItemsPreview } from "../../lib/refund-items-preview"
import type { IssuedInvoiceboxInvoice } from "../../workflows/issue-invoicebox-invoice"
import type { InvoiceboxRefundChange } from "../../workflows/steps/refresh-invoicebox-refunds"
import type { InvoiceboxSyncOutcome } from "../../workflows/steps/sync-invoicebox-sessions"

export type Failure = InvoiceboxFailure
export type PaymentView = InvoiceboxPaymentView
export type MedusaPaymentView = PaymentView["medusa"]
export type InvoiceboxOrderView = NonNullable<PaymentView["invoicebox"]>
export type InvoiceboxOrderStatus = InvoiceboxOrderView["status"]
export type RefundView = PaymentView["refunds"][number]
export type ShipmentView = PaymentView["shipments"][number]
export type LastNotification = NonNullable<PaymentView["last_notification"]>
export type NotificationView = NotificationLogView
export type NotificationSource = NotificationView["source"]
export type ReplyStatus = NotificationView["reply_status"]
export type SyncOutcome = InvoiceboxSyncOutcome
export type SyncResult = SyncOutcome["result"]
export type RefundChange = InvoiceboxRefundChange

export type PaymentsResponse = {
  payments: PaymentView[]
}

export type SyncResponse = {
  outcomes: SyncOutcome[]
  refunds: RefundChange[]
  payments: PaymentView[]
}

export type RefundableLine = RefundableLineView
export type RefundItemsPreview = ServerRefundItemsPreview

export type RefundableItemsResponse = {
  currency_code: string | null
  lines: RefundableLine[]
}

export type RefundItemsChoice = {
  items: Array<{ sku: string; quantity: number }>
  include_shipping: boolean
}

export type InvoiceResponse = IssuedInvoiceboxInvoice
export type InvoiceRequest = { send_email: boolean; provider_id?: string }

/** Settings → InvoiceBox: one provider's connection (GET/POST /admin/invoicebox/connections/…); no secret in it. */
export type ConnectionView = InvoiceboxConnectionView
export type ConnectionStatus = ConnectionView["status"]
export type AccountSource = ConnectionView["account_source"]
export type NotificationChannel = ConnectionView["notification_channel"]
export type PendingInvite = NonNullable<ConnectionView["pending_invite"]>
export type ApiPrefix = NonNullable<PastedCredentials["api_prefix"]>

export type ConnectionsResponse = { connections: ConnectionView[] }
export type ConnectionResponse = { connection: ConnectionView }
export type DisconnectResponse = { removed: boolean; connection: ConnectionView }
export type CheckConnectionResponse = { ok: boolean; error: string | null; connection: ConnectionView }
export type InviteResponse = { invite: { id: string; invoicebox_invite_id: string }; connection: ConnectionView }

export type ConnectRequest = PastedCredentials
export type NotificationKeyRequest = { notification_key: string }
export type InviteRequest = InviteInput
export type ActivateRequest = { activation_code: string }
