/**
 * The widget's strings in English and Russian, chosen by the admin's language: Medusa's dashboard keeps
 * it (i18next) in localStorage under "lng".
 */
import { useSyncExternalStore } from "react"

import type { InvoiceboxOrderStatus, NotificationSource, ReplyStatus, SyncResult } from "./types"

export type Lang = "en" | "ru"

/** Medusa's payment session statuses. */
type SessionStatus = "pending" | "authorized" | "captured" | "requires_more" | "error" | "canceled"

export type Messages = {
  issueInvoice: string
  outstanding: string
  sendToCustomer: string
  invoiceIssued: string
  invoiceReused: string
  invoiceFailed: string
  paymentLink: string
  copyLink: string
  linkCopied: string
  copyFailed: string
  emailSent: (to: string) => string
  emailNotSent: string
  invoiceGeneric: string
  sync: string
  loading: string
  invoiceboxOrder: string
  orderId: string
  amount: string
  paidAt: string
  payBy: string
  paymentPage: string
  open: string
  medusa: string
  captured: string
  canceled: string
  refunded: string
  refunds: string
  shipments: string
  shipmentNumber: string
  document: string
  date: string
  status: string
  createdAt: string
  lastNotification: string
  noneReceived: string
  notificationLog: string
  time: string
  source: string
  reply: string
  empty: string
  syncedAt: string
  syncDone: string
  syncNothing: string
  syncFailed: string
  orderStatus: Record<InvoiceboxOrderStatus, string>
  /** InvoiceBox's refund order statuses (merchant/refund/refund.md) */
  refundStatus: Record<"draft" | "created" | "completed" | "canceled", string>
  /** shown under a refund InvoiceBox canceled */
  refundCanceledHint: string
  /** the Sync toast when InvoiceBox canceled refunds */
  refundsCanceled: (count: number) => string
  refundItems: string
  refundItemsHint: string
  item: string
  left: string
  toRefund: string
  includeShipping: string
  receipt: string
  vat: string
  total: string
  previewRefund: string
  confirmRefund: string
  refundDone: string
  refundFailed: string
  nothingRefundable: string
  sessionStatus: Record<SessionStatus, string>
  replyStatus: Record<ReplyStatus, string>
  notificationSource: Record<NotificationSource, string>
  syncResult: Record<SyncResult, string>
}

export const dictionary: Record<Lang, Messages> = {
  en: {
    issueInvoice: "Issue InvoiceBox invoice",
    outstanding: "Outstanding",
    sendToCustomer: "Send to the customer by e-mail",
    invoiceIssued: "Invoice issued",
    invoiceReused: "The open invoice for this amount",
    invoiceFailed: "The invoice was not issued",
    paymentLink: "Payment link",
    copyLink: "Copy",
    linkCopied: "Link copied",
    copyFailed: "Copy failed: select the link",
    emailSent: (to) => `Sent to ${to}`,
    emailNotSent: "Not sent",
    invoiceGeneric: "The goods owed could not be named: one line for the amount",
    sync: "Sync with InvoiceBox",
    loading: "Loading…",
    invoiceboxOrder: "InvoiceBox order",
    orderId: "Order ID",
    amount: "Amount",
    paidAt: "Paid",
    payBy: "Pay by",
    paymentPage: "Payment page",
    open: "Open",
    medusa: "Medusa",
    captured: "captured",
    canceled: "canceled",
    refunded: "refunded",
    refunds: "Refunds",
    shipments: "Shipments",
    shipmentNumber: "No.",
    document: "Document",
    date: "Date",
    status: "Status",
    createdAt: "Created",
    lastNotification: "Last notification",
    noneReceived: "none received",
    notificationLog: "Notification log",
    time: "Time",
    source: "Source",
    reply: "Reply",
    empty: "None",
    syncedAt: "Last sync",
    syncDone: "Synced with InvoiceBox",
    syncNothing: "The order has no InvoiceBox payments",
    syncFailed: "Sync with InvoiceBox failed",
    // InvoiceBox's and Medusa's own status codes, as their APIs spell them
    orderStatus: {
      created: "created",
      completed: "completed",
      expired: "expired",
      canceled: "canceled",
    },
    refundStatus: { draft: "draft", created: "in progress", completed: "completed", canceled: "canceled" },
    refundCanceledHint:
      "InvoiceBox canceled this refund: the buyer did not get the money back, although Medusa shows it refunded.",
    refundsCanceled: (count) => (count === 1 ? "InvoiceBox canceled a refund" : `InvoiceBox canceled ${count} refunds`),
    refundItems: "Refund items",
    refundItemsHint:
      "Choose the goods to refund: the InvoiceBox refund receipt lists exactly them, and Medusa's payment shows the refund.",
    item: "Item",
    left: "Refundable",
    toRefund: "To refund",
    includeShipping: "Refund the delivery too",
    receipt: "Refund receipt",
    vat: "VAT",
    total: "Total",
    previewRefund: "Show the receipt",
    confirmRefund: "Refund",
    refundDone: "Refunded through InvoiceBox",
    refundFailed: "The refund failed",
    nothingRefundable: "Nothing is left to refund",
    sessionStatus: {
      pending: "pending",
      authorized: "authorized",
      captured: "captured",
      requires_more: "requires_more",
      error: "error",
      canceled: "canceled",
    },
    replyStatus: { success: "success", error: "error" },
    notificationSource: { http: "HTTP", sync: "Sync", reconciliation: "Reconciliation" },
    syncResult: { applied: "Applied", up_to_date: "Up to date", refused: "Refused", failed: "Failed" },
  },
  ru: {
    issueInvoice: "Выставить счёт InvoiceBox",
    outstanding: "К доплате",
    sendToCustomer: "Отправить покупателю на e-mail",
    invoiceIssued: "Счёт выставлен",
    invoiceReused: "Открытый счёт на эту сумму",
    invoiceFailed: "Счёт не выставлен",
    paymentLink: "Ссылка на оплату",
    copyLink: "Копировать",
    linkCopied: "Ссылка скопирована",
    copyFailed: "Не удалось скопировать: выделите ссылку",
    emailSent: (to) => `Отправлено на ${to}`,
    emailNotSent: "Не отправлено",
    invoiceGeneric: "Товары к доплате не удалось назвать: одна строка на сумму",
    sync: "Синхронизировать с InvoiceBox",
    loading: "Загрузка…",
    invoiceboxOrder: "Заказ InvoiceBox",
    orderId: "ID заказа",
    amount: "Сумма",
    paidAt: "Оплачен",
    payBy: "Оплатить до",
    paymentPage: "Страница оплаты",
    open: "Открыть",
    medusa: "Medusa",
    captured: "списан",
    canceled: "отменён",
    refunded: "возвращено",
    refunds: "Возвраты",
    shipments: "Отгрузки",
    shipmentNumber: "№",
    document: "Документ",
    date: "Дата",
    status: "Статус",
    createdAt: "Создан",
    lastNotification: "Последнее уведомление",
    noneReceived: "не получено",
    notificationLog: "Журнал уведомлений",
    time: "Время",
    source: "Источник",
    reply: "Ответ",
    empty: "Нет",
    syncedAt: "Последняя синхронизация",
    syncDone: "Синхронизация с InvoiceBox выполнена",
    syncNothing: "У заказа нет платежей InvoiceBox",
    syncFailed: "Не удалось синхронизировать с InvoiceBox",
    orderStatus: {
      created: "ожидает оплаты",
      completed: "оплачен",
      expired: "просрочен",
      canceled: "отменён",
    },
    refundStatus: { draft: "черновик", created: "в обработке", completed: "выполнен", canceled: "отменён" },
    refundCanceledHint: "InvoiceBox отменил этот возврат: покупатель не получил деньги, хотя в Medusa возврат отражён.",
    refundsCanceled: (count) => (count === 1 ? "InvoiceBox отменил возврат" : `InvoiceBox отменил возвратов: ${count}`),
    refundItems: "Вернуть товары",
    refundItemsHint:
      "Выберите товары для возврата: чек возврата InvoiceBox перечислит ровно их, а платёж в Medusa покажет возврат.",
    item: "Товар",
    left: "Можно вернуть",
    toRefund: "Вернуть",
    includeShipping: "Вернуть и доставку",
    receipt: "Чек возврата",
    vat: "НДС",
    total: "Итого",
    previewRefund: "Показать чек",
    confirmRefund: "Вернуть",
    refundDone: "Возврат оформлен через InvoiceBox",
    refundFailed: "Не удалось оформить возврат",
    nothingRefundable: "Возвращать больше нечего",
    sessionStatus: {
      pending: "ожидает оплаты",
      authorized: "авторизован",
      captured: "списан",
      requires_more: "требует действий",
      error: "ошибка",
      canceled: "отменён",
    },
    replyStatus: { success: "принято", error: "ошибка" },
    notificationSource: { http: "HTTP", sync: "Синхронизация", reconciliation: "Сверка" },
    syncResult: { applied: "Применено", up_to_date: "Актуально", refused: "Отклонено", failed: "Ошибка" },
  },
}

/** A status's label, or the status itself when the dictionary does not know it. */
export function label(labels: Readonly<Record<string, string>>, value: string): string {
  return Object.prototype.hasOwnProperty.call(labels, value) ? labels[value] : value
}

/** The dashboard's i18next language (i18next-browser-languagedetector's `lookupLocalStorage`). */
const LANGUAGE_KEY = "lng"

function readLang(): Lang {
  try {
    return window.localStorage.getItem(LANGUAGE_KEY)?.toLowerCase().startsWith("ru") ? "ru" : "en"
  } catch {
    return "en" // storage blocked
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener("storage", onChange)
  return () => window.removeEventListener("storage", onChange)
}

/** The admin's language, read again on every render (and when another tab changes it). */
export function useLang(): Lang {
  return useSyncExternalStore(subscribe, readLang, () => "en" as const)
}

export const t = (lang: Lang): Messages => dictionary[lang]

/** The strings in the admin's language. */
export function useT(): Messages {
  return t(useLang())
}
