/** The JSON of GET /admin/invoicebox/orders/:id and POST /admin/invoicebox/orders/:id/sync. */

export type InvoiceboxOrderStatus = "draft" | "created" | "completed" | "expired" | "canceled"

export type ReplyStatus = "success" | "error"

export type NotificationSource = "http" | "sync" | "reconciliation"

export type Failure = {
  code: string
  message: string
  request_id: string | null
}

export type MedusaPaymentView = {
  session_status: string
  amount: number
  currency_code: string
  captured: boolean
  canceled: boolean
  refunded_amount: number
}

export type InvoiceboxOrderView = {
  order_id: string
  merchant_order_id: string
  status: InvoiceboxOrderStatus
  amount: number
  currency_code: string
  payment_url: string
  paid_at: string | null
  expires_at: string
}

export type RefundView = {
  id: string
  merchant_order_id: string
  amount: number
  status: string
  created_at: string
}

export type ShipmentView = {
  id: number
  document_number: string | null
  document_date: string | null
}

export type LastNotification = {
  at: string
  order_status: string
  reply_status: ReplyStatus
  reply_code: string | null
}

export type NotificationView = {
  id: string
  received_at: string
  source: NotificationSource
  order_status: string
  amount: number | null
  reply_status: ReplyStatus
  reply_code: string | null
  processing_ms: number
}

export type PaymentView = {
  payment_collection_id: string
  session_id: string
  provider_id: string
  payment_id: string | null
  medusa: MedusaPaymentView
  invoicebox: InvoiceboxOrderView | null
  refunds: RefundView[]
  shipments: ShipmentView[]
  last_notification: LastNotification | null
  notifications: NotificationView[]
  synced_at: string | null
  error: Failure | null
}

export type PaymentsResponse = {
  payments: PaymentView[]
}

export type SyncResult = "applied" | "up_to_date" | "refused" | "failed"

export type SyncOutcome = {
  session_id: string
  result: SyncResult
  message: string
}

export type SyncResponse = {
  outcomes: SyncOutcome[]
  payments: PaymentView[]
}
