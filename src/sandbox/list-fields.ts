/**
 * The fields each list endpoint filters and sorts by: a query parameter naming one of them is a
 * filter (api/filters.md); any other parameter is ignored, as the API ignores it, rather than
 * matching nothing.
 */
export type ListFields = ReadonlySet<string>

/** OrderResponse (merchant/order/create.md) and what the list returns besides. */
export const ORDER_FIELDS: ListFields = new Set([
  "id",
  "description",
  "merchantId",
  "merchantOrderId",
  "merchantOrderIdVisible",
  "amount",
  "vatAmount",
  "currencyId",
  "languageId",
  "expirationDate",
  "createdAt",
  "paidAt",
  "status",
  "subtype",
  "processingStatus",
  "orderContainerId",
  "parentId",
  "shopId",
  "userAccountId",
  "processable",
  "paymentUrl",
  "notificationUrl",
  "successUrl",
  "failUrl",
  "returnUrl",
])

/** RefundOrderResponse (merchant/refund/create.md). */
export const REFUND_FIELDS: ListFields = new Set([
  "id",
  "parentId",
  "description",
  "merchantOrderId",
  "merchantId",
  "amount",
  "vatAmount",
  "currencyId",
  "createdAt",
  "status",
])

/** ShipmentResponse (merchant/order/shipment_create.md) with the 2026 fields. */
export const SHIPMENT_FIELDS: ListFields = new Set([
  "id",
  "merchantId",
  "orderId",
  "documentNumber",
  "documentDate",
  "status",
  "createdAt",
  "final",
  "type",
  "amount",
  "vatAmount",
])

/** Counterparty (dictionary/counterparty-detail.md). */
export const COUNTERPARTY_FIELDS: ListFields = new Set([
  "id",
  "vatNumber",
  "taxRegistrationReasonCode",
  "name",
  "nameFull",
  "registrationNumber",
  "registrationDate",
  "postAddressZip",
])
