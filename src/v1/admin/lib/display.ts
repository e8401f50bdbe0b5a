/** Labels, colours and formats of the v1 widget (English, as the v1 admin is). */
import type { InvoiceboxV1OrderStatus } from "../invoicebox-order-view"

/** The v1 admin's StatusIndicator variants (admin-ui's components/fundamentals/status-indicator). */
export type IndicatorVariant = "success" | "warning" | "danger" | "default"

/** The dot colour of each variant, the v1 admin's own Tailwind classes. */
export const INDICATOR_DOT: Record<IndicatorVariant, string> = {
  success: "bg-teal-50",
  warning: "bg-yellow-50",
  danger: "bg-rose-50",
  default: "bg-grey-40",
}

const ORDER_STATUS_LABEL: Record<InvoiceboxV1OrderStatus, string> = {
  created: "Awaiting payment",
  completed: "Paid",
  canceled: "Canceled",
  expired: "Expired",
}

const STATUS_VARIANT: Readonly<Record<string, IndicatorVariant | undefined>> = {
  created: "warning",
  completed: "success",
  canceled: "danger",
  expired: "danger",
}

/** The payment's status as the merchant reads it. */
export const orderStatusLabel = (status: InvoiceboxV1OrderStatus): string => ORDER_STATUS_LABEL[status] ?? status

/** InvoiceBox's statuses (of the order, a refund order, a shipment); grey for one InvoiceBox may add later. */
export const statusVariant = (status: string): IndicatorVariant => STATUS_VARIANT[status] ?? "default"

/** "completed" → "Completed", "partially_refunded" → "Partially refunded" */
export const humanize = (value: string): string => {
  const words = value.replace(/_/g, " ").trim()
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : "—"
}

const AMOUNT = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })

/** 1234.5, "rub" → "1,234.50 RUB" (the route's amounts are in rubles, not kopecks) */
export const formatAmount = (amount: number, currencyCode: string): string =>
  `${Number.isFinite(amount) ? AMOUNT.format(amount) : "—"} ${currencyCode.toUpperCase()}`

const DATE_TIME = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" })

/** An ISO 8601 time in the admin's browser time zone, e.g. "1 May 2024, 15:04"; what it got when not a date. */
export const formatDateTime = (iso: string): string => {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : DATE_TIME.format(date)
}

/** how many notifications the widget lists */
export const NOTIFICATIONS_SHOWN = 5

/** The last `count` notifications, newest first. */
export const latest = <T extends { received_at: string }>(items: readonly T[], count: number): T[] =>
  [...items].sort((a, b) => Date.parse(b.received_at) - Date.parse(a.received_at)).slice(0, count)

type HttpError = Error & { response?: { data?: { message?: unknown } } }

/** medusa-js rejects with axios's error: the route's own message when it sent one, else axios's. */
export const errorMessage = (error: Error | null): string => {
  if (!error) return "Unknown error"
  const { response } = error as HttpError
  const message = response?.data?.message
  if (typeof message === "string" && message) return message
  return error.message || "Unknown error"
}
