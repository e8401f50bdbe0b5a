/**
 * Base class of every error this package throws about InvoiceBox. `code` is machine-readable:
 * an InvoiceBox API error code (`wrong_total_amount`, `unauthorized`, ...) or one of this
 * package's own codes (documented where they are thrown). Messages never contain secrets.
 */
export class InvoiceboxError extends Error {
  readonly code: string

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = new.target.name
    this.code = code
  }
}

/** Where a request went: enough to find it in logs, never its headers or token. */
export interface RequestTarget {
  method: string
  path: string
}

export interface ApiErrorField {
  name: string
  code: string
  message: string
}

/**
 * The API answered with HTTP >= 400. `code` is the API's error code (`unauthorized`,
 * `wrong_total_amount`, `merchant_order_id_duplicate`...) or `http_<status>` when the body has none.
 */
export class InvoiceboxApiError extends InvoiceboxError {
  readonly httpStatus: number
  readonly requestId: string | undefined
  readonly fields: ApiErrorField[]
  readonly method: string
  readonly path: string
  readonly retryAfterMs: number | undefined

  constructor(input: {
    httpStatus: number
    code: string
    apiMessage: string
    requestId?: string
    fields?: ApiErrorField[]
    target: RequestTarget
    retryAfterMs?: number
  }) {
    super(
      input.code,
      `InvoiceBox ${input.target.method} ${input.target.path} failed: HTTP ${input.httpStatus} ${input.code}` +
        (input.apiMessage ? ` (${input.apiMessage})` : "") +
        (input.fields?.length ? ` fields: ${input.fields.map((f) => `${f.name}=${f.code}`).join(", ")}` : "") +
        ` [X-Request-Id: ${input.requestId ?? "none"}]`
    )
    this.httpStatus = input.httpStatus
    this.requestId = input.requestId
    this.fields = input.fields ?? []
    this.method = input.target.method
    this.path = input.target.path
    this.retryAfterMs = input.retryAfterMs
  }
}

/** No HTTP answer: the connection failed (`network`) or no reply came in time (`timeout`). */
export class InvoiceboxNetworkError extends InvoiceboxError {
  readonly kind: "timeout" | "network"
  readonly method: string
  readonly path: string

  constructor(kind: "timeout" | "network", target: RequestTarget, detail: string, cause?: unknown) {
    super(
      kind === "timeout" ? "timeout" : "network_error",
      `InvoiceBox ${target.method} ${target.path}: ${kind === "timeout" ? "no reply in time" : "network error"} (${detail})`,
      { cause }
    )
    this.kind = kind
    this.method = target.method
    this.path = target.path
  }
}

/**
 * A write whose effect is unknown: it timed out, the connection broke after it was sent, or the API
 * answered 5xx. It must not be repeated blindly; look the entity up by its merchantOrderId first
 * (`ensureOrder`, `ensureRefundOrder` do this).
 */
export class InvoiceboxResultUnknownError extends InvoiceboxError {
  readonly method: string
  readonly path: string
  readonly requestId: string | undefined

  constructor(target: RequestTarget, cause: InvoiceboxError, requestId?: string) {
    super(
      "result_unknown",
      `InvoiceBox ${target.method} ${target.path}: the result is unknown (${cause.message}); ` +
        `look the entity up before repeating the request`,
      { cause }
    )
    this.method = target.method
    this.path = target.path
    this.requestId = requestId
  }
}

/** The client-side rate limiter could not get a slot within its maximum wait. */
export class InvoiceboxRateLimitError extends InvoiceboxError {
  constructor(waitedMs: number, limit: { maxRequests: number; intervalMs: number }) {
    super(
      "rate_limited_locally",
      `InvoiceBox request not sent: the client's rate limit (${limit.maxRequests} requests per ` +
        `${limit.intervalMs} ms) gave no slot within ${waitedMs} ms`
    )
  }
}

/** A failure as a person reading a log or the admin needs it: the code and the X-Request-Id support asks for. */
export interface InvoiceboxFailure {
  code: string
  message: string
  request_id: string | null
}

export function invoiceboxFailureOf(error: unknown): InvoiceboxFailure {
  if (error instanceof InvoiceboxApiError)
    return { code: error.code, message: error.message, request_id: error.requestId ?? null }
  if (error instanceof InvoiceboxError) return { code: error.code, message: error.message, request_id: null }
  return { code: "unexpected_error", message: errorMessageOf(error), request_id: null }
}

/** One line: `message [code, X-Request-Id …]`. */
export function describeInvoiceboxFailure(error: unknown): string {
  const failure = invoiceboxFailureOf(error)
  return `${failure.message} [${failure.code}, X-Request-Id ${failure.request_id ?? "none"}]`
}

/** The message of anything thrown (Medusa's workflows throw plain `{ message }` objects too). */
export function errorMessageOf(error: unknown): string {
  if (error instanceof Error) return error.message
  if (typeof error === "object" && error !== null && typeof (error as { message?: unknown }).message === "string") {
    return (error as { message: string }).message
  }
  return String(error)
}
