/**
 * InvoiceBox API v3 shapes, as documented in the official docs
 * (merchant/order/create.md, merchant/refund/create.md, merchant/order/shipment_create.md,
 * partner/integration/*.md) and as seen in responses recorded by the official PHP SDK.
 *
 * Money fields are JSON numbers in major units (roubles with up to 2 decimals) on the wire;
 * inside this package money is integer kopecks (see money.ts). Types here describe the wire.
 */

/** Order statuses (merchant/order/order.md). */
export const ORDER_STATUSES = ["created", "completed", "expired", "canceled"] as const
export type OrderStatus = (typeof ORDER_STATUSES)[number]

/** Refund order statuses (merchant/refund/refund.md). */
export const REFUND_STATUSES = ["draft", "created", "completed", "canceled"] as const
export type RefundStatus = (typeof REFUND_STATUSES)[number]

/**
 * VAT codes. The docs list VATNONE, RUS_VAT0, RUS_VAT10, RUS_VAT20; InvoiceBox's 2026 tooling adds
 * RUS_VAT22, RUS_VAT5, RUS_VAT7 and the `_ADDED` variants (tax on top of the price).
 */
export const VAT_CODES = [
  "VATNONE",
  "RUS_VAT0",
  "RUS_VAT5",
  "RUS_VAT5_ADDED",
  "RUS_VAT7",
  "RUS_VAT7_ADDED",
  "RUS_VAT10",
  "RUS_VAT10_ADDED",
  "RUS_VAT20",
  "RUS_VAT20_ADDED",
  "RUS_VAT22",
  "RUS_VAT22_ADDED",
] as const
export type VatCode = (typeof VAT_CODES)[number]

/** Basket line type: `commodity`, `service`, or a tag 1212 number (dictionary/tag1212.md). */
export type BasketItemType = "commodity" | "service" | number

export const PAYMENT_TYPES = ["full_prepayment", "prepayment", "advance", "full_payment"] as const
export type PaymentType = (typeof PAYMENT_TYPES)[number]

export type CustomerType = "private" | "legal"
export type LanguageId = "ru" | "en"

export interface Customer {
  type?: CustomerType
  name?: string
  phone?: string
  email?: string
  /** ИНН */
  vatNumber?: string
  /** КПП */
  taxRegistrationReasonCode?: string
  registrationAddress?: string
}

export interface BasketItem {
  sku: string
  name: string
  groupName?: string
  /** OKEI unit name, e.g. `шт` */
  measure: string
  /** OKEI unit code, e.g. `796` */
  measureCode: string
  originCountry?: string
  originCountryCode?: string
  grossWeight?: number
  netWeight?: number
  quantity: number
  /** unit price with VAT */
  amount: number
  /** unit price without VAT */
  amountWoVat: number
  /** amount × quantity */
  totalAmount: number
  totalVatAmount: number
  excise?: number
  vatCode: VatCode
  type: BasketItemType
  /** service date, `YYYY-MM-DD` */
  serviceDate?: string
  paymentType: PaymentType
  /** required with `category`; see marked-goods.ts */
  categoryType?: "merchantHonestSignMap" | "honestSign"
  /** product group: a «Честный знак» group name (`milk`, `water`…) or the shop's own category, string(20) */
  category?: string
  metaData?: Record<string, unknown>
}

/**
 * A line of GET /v3/billing/api/order/order/:id/refund-basket-item: a BasketItem plus what is still
 * refundable of it (`availableAmount`, `availableVatAmount`; InvoiceBox's official clients read the
 * remainder there rather than from amount × quantity).
 */
export interface RefundableBasketItem extends BasketItem {
  availableAmount?: number
  availableVatAmount?: number
}

export interface InvoiceSetting {
  customerLocked?: boolean
  customerLockedFields?: Array<keyof Customer>
  paymentMethodIdLocked?: boolean
  paymentMethodId?: number
  deliveryAddress?: string
}

export type RoundPolicy = "strict" | "none" | "floor" | "ceil" | "halfUp" | "halfDown"

export interface OrderSetting {
  roundPolicy?: RoundPolicy
}

/** POST /v3/billing/api/order/order */
export interface CreateOrderRequest {
  description: string
  merchantId: string
  merchantOrderId: string
  merchantOrderIdVisible?: string
  amount: number
  vatAmount: number
  currencyId: string
  languageId?: LanguageId
  /** ATOM datetime, e.g. `2020-12-22T00:00:00+00:00` */
  expirationDate: string
  basketItems: BasketItem[]
  metaData?: Record<string, unknown>
  customer: Customer
  notificationUrl?: string
  successUrl?: string
  failUrl?: string
  returnUrl?: string
  invoiceSetting?: InvoiceSetting
  orderSetting?: OrderSetting
  parentId?: string
  orderContainerId?: string
  shopId?: string
  userAccountId?: string
  processable?: boolean
}

/** PUT /v3/billing/api/order/order/:id (only before payment) */
export interface UpdateOrderRequest {
  description?: string
  amount?: number
  vatAmount?: number
  expirationDate?: string
  basketItems?: BasketItem[]
  metaData?: Record<string, unknown>
  customer?: Customer
  shopId?: string
}

/** OrderResponse: the create request's fields plus id, paymentUrl, createdAt, status, paidAt. */
export interface Order extends Omit<CreateOrderRequest, "shopId" | "userAccountId"> {
  id: string
  /** numeric in some recorded responses */
  shopId?: string | number
  paymentUrl: string
  createdAt: string
  status: OrderStatus
  subtype?: string
  processingStatus?: string
  fileIds?: string[]
  paidAt?: string
  /** agent orders (merchant/order/agent-create.md) */
  seller?: Seller
}

/** The notification InvoiceBox POSTs to the notification URL repeats the OrderResponse. */
export type OrderNotification = Order

/** PUT /v3/billing/api/order/:id/status (non-processable orders only) */
export interface UpdateOrderStatusRequest {
  status: OrderStatus
}

/** POST /v3/billing/api/order/shipment */
export interface CreateShipmentRequest {
  orderId: string
  documentNumber?: string
  /** `YYYY-MM-DD` */
  documentDate?: string
  basketItems: BasketItem[]
  /** the last shipment of the order: it closes the order (InvoiceBox's official clients send it) */
  final?: boolean
}

/** Shipment statuses as InvoiceBox's official MCP server describes them (2026). */
export const SHIPMENT_STATUSES = ["draft", "pending", "completed", "canceled"] as const
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number]

/** ShipmentResponse: the request plus id and merchantId; the fields after them come with the 2026 API. */
export interface Shipment extends CreateShipmentRequest {
  id: number
  merchantId: string
  status?: ShipmentStatus
  createdAt?: string
  type?: string
  /** Σ totalAmount of the shipment's lines */
  amount?: number
  /** Σ totalVatAmount of the shipment's lines */
  vatAmount?: number
}

/** POST /v3/billing/api/order/refund-order */
export interface CreateRefundOrderRequest {
  parentId: string
  merchantOrderId: string
  amount: number
  vatAmount: number
  basketItems: BasketItem[]
  description: string
  status?: "created" | "draft"
}

export interface RefundOrder {
  id: string
  parentId: string
  description: string
  merchantOrderId: string
  merchantId: string
  amount: number
  vatAmount: number
  currencyId: string
  basketItems: BasketItem[]
  createdAt: string
  status: RefundStatus
}

/** POST /v3/billing/api/order/correction-order: a fee or penalty kept from a draft refund (merchant/refund/correction.md). */
export interface CreateCorrectionOrderRequest extends CreateOrderRequest {
  /** the id of the refund order created with status `draft` */
  parentId: string
}

/** PUT /v3/billing/api/order/order-merchant-move (merchant/order/merchant-move.md) */
export interface MerchantMoveRequest {
  /** the shop the order moves to */
  merchantId: string
  orderId: string
}

/** The seller of an agent's order (merchant/order/agent-create.md). */
export interface Seller {
  type: "counterparty"
  /** `RUS` */
  countryId?: string
  /** ИНН */
  vatNumber: string
  /** КПП; none for an individual entrepreneur */
  taxRegistrationReasonCode?: string
}

/** POST /v3/adapter/api/subagent/order: an order by an agent, naming the seller by ИНН/КПП instead of a shop. */
export interface CreateAgentOrderRequest extends Omit<CreateOrderRequest, "merchantId"> {
  merchantId?: string
  seller: Seller
}

/** GET /v3/filter/api/counterparty-detail?vatNumber= (dictionary/counterparty-detail.md) */
export interface Counterparty {
  id: string
  /** ИНН */
  vatNumber: string
  /** КПП */
  taxRegistrationReasonCode?: string
  name?: string
  nameFull?: string
  nameI18n?: string
  /** ОГРН / ОГРНИП */
  registrationNumber?: string
  registrationDate?: string
  registrationAddress?: string
  postAddress?: string
  postAddressZip?: string
}

/** The body of the guarantee payment methods (merchant/guarantee/validate.md, code.md, pay.md). */
export interface GuaranteeRequest {
  /** the guarantee instrument, string(36) */
  paymentMethodId: string
  languageId?: LanguageId
  customer: Customer
}

/** POST /v3/billing/api/order/:id/payment-method-action/validate */
export interface GuaranteeValidation {
  type?: string
  result: "notRegistered" | "notEnoughMoney" | "available"
  resultNote?: string
  resultData?: Record<string, unknown>
}

/** POST /v3/billing/api/order/:id/payment-method-action/send-code */
export interface GuaranteeCodeResult {
  type: "none"
  result: "error" | "codeAlreadySent" | "success"
  resultData: { publicCode: string; leftAttempt: number }
}

/** POST /v3/billing/api/order/:id/payment-method-action/pay */
export interface GuaranteePayRequest extends GuaranteeRequest {
  customerPaymentData: { publicCode: string; code: string }
}

export interface GuaranteePayResult {
  type: "none" | "message"
  result: "alreadyPaid" | "wrongCode" | "limitReached" | "notEnoughMoney" | "error" | "success"
  resultData: { message?: { title: string; message: string } } & Record<string, unknown>
}

/** GET /v3/security/api/auth/auth */
export interface AuthInfo {
  userId: string | null
  profile: unknown
  accessToken?: unknown
}

/** POST /v3/notification/api/invite */
export interface PartnerInviteRequest {
  partnerId: string
  type: "email"
  identifier: string
}
export interface PartnerInviteResponse {
  id: string | number
}

/** POST /v3/billing/api/merchant/merchant-integration-setting/activation */
export interface MerchantActivationRequest {
  partnerId: string
  activationCode: string
}
export interface MerchantActivationResponse {
  merchantId: string
  token: string
}

/** Success envelope: `{ "data": ..., "extendedData": [] }`; lists add `metaData` paging. */
export interface ApiEnvelope<T> {
  data: T
  extendedData?: unknown
  metaData?: PageMeta
}

export interface PageMeta {
  totalCount: number
  pageSize: number
  page: number
}

export interface Page<T> {
  items: T[]
  meta: PageMeta
}

/** Error envelope: `{ "error": { "code", "message", "fields"? } }` with HTTP >= 400. */
export interface ApiErrorBody {
  error: {
    code: string
    message: string
    fields?: Array<{ name: string; code: string; message: string }>
  }
}

/** Filter operators (api/filters.md). */
export type FilterOperator = "_eq" | "_ne" | "_gt" | "_ge" | "_lt" | "_le" | "_start"
export type FilterValue =
  string | number | boolean | Array<string | number> | Partial<Record<FilterOperator, string | number>>

/** List query: filters by field, `_order` sorting, `pageSize`/`page` paging. */
export interface ListQuery {
  filter?: Record<string, FilterValue>
  order?: Record<string, "asc" | "desc">
  pageSize?: number
  page?: number
}

/** Reply to a notification (merchant/notification/status.md). */
export const NOTIFICATION_ERROR_CODES = [
  "out_of_service",
  "order_wrong_amount",
  "order_already_paid",
  "order_not_found",
  "shipping_unavailable",
  "signature_error",
] as const
export type NotificationErrorCode = (typeof NOTIFICATION_ERROR_CODES)[number]

export type NotificationReply =
  { status: "success" } | { status: "error"; code: NotificationErrorCode; message?: string }

/** The id InvoiceBox monitoring uses for its test notification (empty merchantOrderId). */
export const MONITORING_ORDER_ID = "ffffffff-ffff-ffff-ffff-ffffffffffff"

/** A partner (integrator) account of the partner API (partner/integration/*.md). */
export interface PartnerAccount {
  partnerId: string
  token: string
}

/** The partner of the docs' examples (partner/integration/*.md). */
export const DOCS_PARTNER: PartnerAccount = {
  partnerId: "dda90c3d-e2f8-4f90-aa8b-87b1cd2956a1",
  token: "b37c4c689295904ed21eee5d9a48d42e",
}

/** Public demo shop of the docs (api/auth.md). */
export const DEMO_SHOP = {
  merchantId: "ffffffff-ffff-ffff-ffff-ffffffffffff",
  token: "b37c4c689295904ed21eee5d9a48d42e",
  notificationKey: "098f6bcd4621d373cade4e832627b4f6",
} as const
