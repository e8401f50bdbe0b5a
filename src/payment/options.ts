/**
 * The provider's options (the `options` block of the payment module's provider entry), validated at
 * boot: a wrong option fails Medusa's start with the option's name. The account's credentials
 * (merchantId + token, notificationKey) may be left out: the store is then connected from the admin
 * (Settings → InvoiceBox), whose stored connection wins over the options when both exist.
 */
import { z } from "zod"

import { VAT_CODES, PAYMENT_TYPES } from "../invoicebox/types"
import { StoreDataError } from "./errors"

/** An InvoiceBox shop id (merchant id): a uuid. */
export const MERCHANT_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * Which InvoiceBox VAT code a line with a tax rate gets (the two codes of a rate differ only in
 * the VAT rate the 54-FZ receipt names; the line's amounts and VAT are the same):
 * - `plain`: RUS_VAT22, RUS_VAT10…: VAT included in the price, the receipt's rate «НДС 22/122»;
 * - `added`: RUS_VAT22_ADDED, RUS_VAT10_ADDED…: VAT on top of the price, the receipt's rate «НДС 22 %»;
 * - `per-line`: by the line's own `is_tax_inclusive` in Medusa: a tax-inclusive price gets the plain
 *   code, a tax-exclusive one the `_ADDED` code.
 * Rates 0 and "no tax" have one code each (RUS_VAT0, `defaultVatCode`); `vatMapping` and a product's
 * `invoicebox_vat_code` name a code outright and win over this choice.
 */
export const VAT_CODE_VARIANTS = ["plain", "added", "per-line"] as const
export type VatCodeVariant = (typeof VAT_CODE_VARIANTS)[number]

/** What the deprecated `taxInclusive` always meant: which VAT codes, nothing else. */
export function variantOfTaxInclusive(taxInclusive: boolean): VatCodeVariant {
  return taxInclusive ? "plain" : "added"
}

const url = (name: string) =>
  z.string().refine((value) => /^https?:\/\/[^\s]+$/.test(value), { message: `${name} must be an http(s) URL` })

export const providerOptionsSchema = z
  .object({
    /** shop id in InvoiceBox (ИД магазина), a uuid */
    merchantId: z.string().regex(MERCHANT_ID_PATTERN, "merchantId must be the shop's uuid").optional(),
    /** API token from the InvoiceBox personal account */
    token: z.string().min(8, "token is required").optional(),
    /**
     * key for the notifications' X-Signature; without it HTTP notifications are refused and they come
     * over the WebSocket gate (notificationChannel)
     */
    notificationKey: z.string().min(8, "notificationKey is required").optional(),
    /**
     * how InvoiceBox tells the store about payments: `http` (POST to notificationUrl, the default),
     * `websocket` (the worker keeps a connection to InvoiceBox's WebSocket gate: no public URL needed)
     * or `both`. An account without a notification key always uses the WebSocket gate.
     */
    notificationChannel: z.enum(["http", "websocket", "both"]).default("http"),
    /** InvoiceBox's WebSocket gate (api/websockets.md); for the sandbox its own address */
    wsGateUrl: z
      .string()
      .refine((value) => /^wss?:\/\/[^\s]+$/.test(value), { message: "wsGateUrl must be a ws(s):// URL" })
      .optional(),
    signatureAlgorithm: z.enum(["sha1", "sha256", "sha512", "md5"]).default("sha1"),
    apiUrl: url("apiUrl").default("https://api.invoicebox.ru"),
    /** `l3` for InvoiceBox.Business shops */
    apiPrefix: z.enum(["v3", "l3"]).default("v3"),
    /** where the buyer lands after paying; placeholders {cart_id} {session_id} {order_id} */
    successUrl: z.string().optional(),
    failUrl: z.string().optional(),
    returnUrl: z.string().optional(),
    /** public URL of this plugin's route, e.g. https://shop.example/hooks/invoicebox */
    notificationUrl: url("notificationUrl").optional(),
    language: z.enum(["ru", "en"]).default("ru"),
    /** how long the buyer may pay, minutes */
    orderLifetimeMinutes: z
      .number()
      .int()
      .min(5)
      .max(60 * 24 * 90)
      .default(60 * 24),
    /** the order's description on the payment page; placeholders as for the URLs */
    description: z.string().min(1).max(1000).default("Оплата заказа в интернет-магазине"),
    /** tax rate in percent (as text, e.g. "22") → VAT code; overrides the built-in mapping */
    vatMapping: z.record(z.string(), z.enum(VAT_CODES)).default({}),
    /** code for lines without a tax rate */
    defaultVatCode: z.enum(VAT_CODES).default("VATNONE"),
    /**
     * which of InvoiceBox's two VAT codes of a rate a taxed line gets — only the VAT rate the receipt
     * names changes, never an amount (every line's total and VAT come from Medusa's own tax-inclusive
     * flag and tax lines): `plain` (default) RUS_VAT22, RUS_VAT10… (VAT inside the price, «НДС 22/122»);
     * `added` RUS_VAT22_ADDED, RUS_VAT10_ADDED… (VAT on top of the price, «НДС 22 %»); `per-line` each
     * line as Medusa priced it: tax-inclusive → plain, tax-exclusive → `_ADDED`. See VAT_CODE_VARIANTS.
     */
    vatCodeVariant: z.enum(VAT_CODE_VARIANTS).optional(),
    /**
     * deprecated (read as vatCodeVariant: true → `plain`, false → `added`, which is all it ever did):
     * it never made the amounts follow Medusa's tax-inclusive prices; a boot warning says so
     */
    taxInclusive: z.boolean().optional(),
    defaultItemType: z.union([z.enum(["commodity", "service"]), z.number().int()]).default("commodity"),
    defaultMeasure: z.string().min(1).max(10).default("шт"),
    defaultMeasureCode: z.string().min(1).max(4).default("796"),
    defaultPaymentType: z.enum(PAYMENT_TYPES).default("full_prepayment"),
    shippingLineName: z.string().min(1).max(500).default("Доставка"),
    /** the line used when a payment is not for a cart (order edits, claims) */
    fallbackLineName: z.string().min(1).max(500).default("Оплата заказа"),
    /** auto: a paid order is captured; manual: authorized, the admin's Capture registers the shipment */
    /**
     * the reconciliation job (in the worker): how often it reads the unsettled InvoiceBox orders, seconds
     * (0 turns it off); how old a session must be before it is looked at; how many sessions one run reads
     */
    reconcileEverySeconds: z.number().int().min(0).max(86_400).default(300),
    reconcileAfterSeconds: z.number().int().min(0).max(86_400).default(120),
    reconcileBatchSize: z.number().int().min(1).max(100).default(50),
    captureMode: z.enum(["auto", "manual"]).default("auto"),
    /** when the shipment («отгрузка») is registered in auto mode */
    shipmentOn: z.enum(["shipped", "delivered", "never"]).default("shipped"),
    /** which of an order's shipments lists the delivery line: the first one (default) or the final one */
    shipmentShippingLine: z.enum(["first", "final"]).default("first"),
    /**
     * send `invoiceSetting.customerLockedFields`: the payer details the store sent (a company payer's
     * name, ИНН, КПП, address, e-mail, phone) cannot be changed on the payment page
     */
    lockCustomerFields: z.boolean().default(false),
    /** how long a company found by ИНН (GET /store/invoicebox/companies) is cached, seconds; 0: not cached */
    companyLookupCacheSeconds: z
      .number()
      .int()
      .min(0)
      .max(30 * 86_400)
      .default(86_400),
    /**
     * company lookups sent to InvoiceBox (cached answers do not count) — by all processes together when
     * rateLimitRedisUrl is set, else per process: the store route is public, so it may use only a part
     * of the account's 100 requests / 30 s, never all of it
     */
    companyLookupRateLimit: z
      .object({ maxRequests: z.number().int().positive(), intervalMs: z.number().int().positive() })
      .default({ maxRequests: 20, intervalMs: 30_000 }),
    rateLimit: z
      .object({ maxRequests: z.number().int().positive(), intervalMs: z.number().int().positive() })
      .or(z.literal(false))
      .default({ maxRequests: 100, intervalMs: 30_000 }),
    timeoutMs: z.number().int().min(1_000).max(60_000).default(15_000),
    /** how long a request may wait for a slot of the rate limit before the caller gets a clear error */
    rateLimitMaxWaitMs: z.number().int().min(0).max(600_000).default(10_000),
    /**
     * Redis shared by all instances of the store (usually projectConfig.redisUrl): the account's rate
     * limit is then kept there, for every server and worker together, instead of in each process
     */
    rateLimitRedisUrl: z
      .string()
      .refine((value) => /^rediss?:\/\/[^\s]+$/.test(value), { message: "rateLimitRedisUrl must be a redis:// URL" })
      .optional(),
  })
  .superRefine((options, context) => {
    if (
      options.taxInclusive !== undefined &&
      options.vatCodeVariant !== undefined &&
      options.vatCodeVariant !== variantOfTaxInclusive(options.taxInclusive)
    ) {
      context.addIssue({
        code: "custom",
        path: ["taxInclusive"],
        message:
          `taxInclusive: ${options.taxInclusive} means vatCodeVariant "${variantOfTaxInclusive(options.taxInclusive)}" ` +
          `but vatCodeVariant is "${options.vatCodeVariant}"; remove the deprecated taxInclusive`,
      })
    }
    // a shop id without its token (or the reverse) is a half-written configuration, not a choice
    if ((options.merchantId === undefined) !== (options.token === undefined)) {
      const missing = options.merchantId === undefined ? "merchantId" : "token"
      context.addIssue({
        code: "custom",
        path: [missing],
        message: "merchantId and token are given together (or both left to the admin's Settings → InvoiceBox)",
      })
    }
  })

/**
 * Boot warnings about options that are accepted but should be changed (one message each; none when
 * the options are fine). Options that fail validation are not looked at: parseProviderOptions names them.
 */
export function providerOptionWarnings(raw: unknown): string[] {
  const parsed = providerOptionsSchema.safeParse(raw ?? {})
  if (!parsed.success || parsed.data.taxInclusive === undefined) return []
  const { taxInclusive } = parsed.data
  const variant = variantOfTaxInclusive(taxInclusive)
  const codes = taxInclusive
    ? "the plain VAT codes (RUS_VAT22, RUS_VAT10…)"
    : "the _ADDED VAT codes (RUS_VAT22_ADDED, RUS_VAT10_ADDED…)"
  return [
    `InvoiceBox: the provider option \`taxInclusive\` is deprecated. \`taxInclusive: ${taxInclusive}\` is read as ` +
      `\`vatCodeVariant: "${variant}"\`: taxed lines keep ${codes}, as before. It never said whether Medusa's ` +
      `prices include tax and never changed an amount: each line's total and VAT come from Medusa (the line's ` +
      `tax-inclusive flag and tax lines). Write \`vatCodeVariant: "${variant}"\` instead (or "plain" / "added" / ` +
      `"per-line": the VAT rate the receipt names, see the README).`,
  ]
}

export type InvoiceboxProviderOptionsInput = z.input<typeof providerOptionsSchema>
/**
 * The options in effect: credentials are empty strings when neither the options nor a stored
 * connection give them (the provider is then not connected).
 */
export type InvoiceboxProviderOptions = Omit<
  z.output<typeof providerOptionsSchema>,
  "merchantId" | "token" | "notificationKey" | "vatCodeVariant" | "taxInclusive"
> & { merchantId: string; token: string; notificationKey: string; vatCodeVariant: VatCodeVariant }

/** Parses the options; throws a StoreDataError naming every bad option. */
export function parseProviderOptions(raw: unknown): InvoiceboxProviderOptions {
  const parsed = providerOptionsSchema.safeParse(raw ?? {})
  if (parsed.success) {
    const { merchantId = "", token = "", notificationKey = "", taxInclusive, vatCodeVariant, ...rest } = parsed.data
    return {
      ...rest,
      vatCodeVariant: vatCodeVariant ?? (taxInclusive === undefined ? "plain" : variantOfTaxInclusive(taxInclusive)),
      merchantId,
      token,
      notificationKey,
    }
  }
  const problems = parsed.error.issues.map((issue) => {
    const name = issue.path.join(".") || "options"
    const missing = issue.code === "invalid_type" && issue.message.includes("undefined")
    return missing ? `${name} is required` : `${name}: ${issue.message}`
  })
  throw new StoreDataError(
    "invalid_options",
    `medusa-payment-invoicebox: invalid provider options — ${problems.join("; ")}`
  )
}
