/**
 * Request contracts of the API (merchant/order/create.md, update.md, refund/create.md,
 * refund/correction.md, order/agent-create.md, order/merchant-move.md, shipment_create.md,
 * guarantee/*.md, partner/integration/*.md): required fields, types and length limits, and the
 * marked-goods fields of every basket line (marked-goods.ts: tag 1212 codes, «Честный знак» groups,
 * excise). A request that breaks its contract gets 422 `validation_error` naming every bad field.
 */
import { z } from "zod"

import { validateMarkedGoods } from "../invoicebox/marked-goods"
import { PAYMENT_TYPES, VAT_CODES } from "../invoicebox/types"
import { SandboxApiError, type ErrorField } from "./envelope"

const money = z.number().finite()
const str = (max: number) => z.string().max(max)
const required = (max: number) => z.string().min(1).max(max)

export const basketItemSchema = z
  .object({
    sku: required(500),
    name: required(500),
    groupName: str(500).optional(),
    measure: required(10),
    measureCode: required(4),
    originCountry: str(20).optional(),
    originCountryCode: str(4).optional(),
    grossWeight: money.optional(),
    netWeight: money.optional(),
    quantity: money,
    amount: money,
    amountWoVat: money,
    totalAmount: money,
    totalVatAmount: money,
    excise: money.optional(),
    vatCode: z.enum(VAT_CODES),
    // string(10) or int: commodity, service or a tag 1212 code (a numeric string is read as the code;
    // the marked-goods rules check it is one of the table's)
    type: z.union([
      z.enum(["commodity", "service"]),
      z.number().int(),
      z
        .string()
        .regex(/^\d{1,2}$/)
        .transform(Number),
    ]),
    serviceDate: z.string().optional(),
    paymentType: z.enum(PAYMENT_TYPES),
    categoryType: z.enum(["merchantHonestSignMap", "honestSign"]).optional(),
    category: str(20).optional(),
    metaData: z.record(z.string(), z.unknown()).optional(),
  })
  .superRefine((item, context) => {
    for (const problem of validateMarkedGoods(item)) {
      context.addIssue({ code: "custom", path: [problem.field], message: problem.message })
    }
  })

const customerSchema = z.object({
  type: z.enum(["legal", "private"]).optional(),
  name: str(500).optional(),
  phone: str(100).optional(),
  email: str(100).optional(),
  vatNumber: str(20).optional(),
  taxRegistrationReasonCode: str(9).optional(),
  registrationAddress: str(1000).optional(),
})

const basket = z.array(basketItemSchema).min(1)

export const createOrderSchema = z.object({
  description: required(1000),
  merchantId: required(36),
  merchantOrderId: required(256),
  merchantOrderIdVisible: str(256).optional(),
  amount: money,
  vatAmount: money,
  currencyId: z.string(),
  languageId: z.string().optional(),
  expirationDate: z.string(),
  basketItems: basket,
  metaData: z.record(z.string(), z.unknown()).optional(),
  customer: customerSchema,
  notificationUrl: str(1000).optional(),
  successUrl: str(1000).optional(),
  failUrl: str(1000).optional(),
  returnUrl: str(1000).optional(),
  invoiceSetting: z.record(z.string(), z.unknown()).optional(),
  orderSetting: z.record(z.string(), z.unknown()).optional(),
  parentId: str(36).optional(),
  orderContainerId: str(36).optional(),
  shopId: str(36).optional(),
  userAccountId: str(36).optional(),
  processable: z.boolean().optional(),
})

/** A correction order is a CreateOrderRequest whose parentId is the draft refund's id. */
export const createCorrectionOrderSchema = createOrderSchema.extend({ parentId: required(36) })

const sellerSchema = z.object({
  type: z.enum(["counterparty"]),
  // required in the table, missing from the docs' own example: optional here, RUS when given
  countryId: z.enum(["RUS"]).optional(),
  vatNumber: required(20),
  taxRegistrationReasonCode: str(9).optional(),
})

/** CreateOrderRequest with the seller instead of the shop (merchant/order/agent-create.md). */
export const createAgentOrderSchema = createOrderSchema.extend({
  merchantId: required(36).optional(),
  seller: sellerSchema,
})

export const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "not a UUID")

export const merchantMoveSchema = z.object({
  merchantId: uuid,
  orderId: required(36),
})

export const guaranteeSchema = z.object({
  paymentMethodId: required(36),
  languageId: z.enum(["ru", "en"]).optional(),
  customer: customerSchema,
})

export const guaranteePaySchema = guaranteeSchema.extend({
  customerPaymentData: z.object({ publicCode: required(100), code: required(100) }),
})

export const updateOrderSchema = z.object({
  description: required(1000).optional(),
  amount: money.optional(),
  vatAmount: money.optional(),
  expirationDate: z.string().optional(),
  basketItems: basket.optional(),
  metaData: z.record(z.string(), z.unknown()).optional(),
  customer: customerSchema.optional(),
  shopId: str(36).optional(),
})

export const updateStatusSchema = z.object({
  status: z.enum(["created", "completed", "expired", "canceled"]),
})

export const createRefundSchema = z.object({
  parentId: required(36),
  merchantOrderId: required(100),
  amount: money,
  vatAmount: money,
  basketItems: basket,
  description: required(1000),
  status: z.enum(["created", "draft"]).optional(),
})

export const createShipmentSchema = z.object({
  orderId: required(36),
  documentNumber: str(36).optional(),
  documentDate: z.string().optional(),
  basketItems: basket,
  final: z.boolean().optional(),
})

export const inviteSchema = z.object({
  partnerId: required(36),
  type: z.enum(["email"]),
  identifier: required(100),
})

export const activationSchema = z.object({
  partnerId: required(36),
  activationCode: required(36),
})

/**
 * Parses a body against its contract or throws 422 `validation_error` with every bad field (the
 * control API's own routes answer 400).
 */
export function parseRequest<S extends z.ZodType>(schema: S, body: unknown, httpStatus = 422): z.infer<S> {
  const parsed = schema.safeParse(body)
  if (parsed.success) return parsed.data
  const fields: ErrorField[] = parsed.error.issues.map((issue) => ({
    name: issue.path.map(String).join(".") || "body",
    code: issue.code === "invalid_type" && issue.message.includes("received undefined") ? "required" : "wrong_value",
    message: issue.message,
  }))
  throw new SandboxApiError(httpStatus, "validation_error", "Validation Error", fields)
}
