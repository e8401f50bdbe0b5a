/**
 * The widget's and the settings page's strings in English and Russian, chosen by the admin's language: Medusa's dashboard keeps
 * it (i18next) in localStorage under "lng".
 */
import { useSyncExternalStore } from "react"

import type {
  AccountSource,
  ApiPrefix,
  ConnectionStatus,
  InvoiceboxOrderStatus,
  NotificationChannel,
  NotificationSource,
  ReplyStatus,
  SyncResult,
} from "./types"

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
  // Settings → InvoiceBox
  settingsHint: string
  noProviders: string
  provider: string
  connectionStatus: Record<ConnectionStatus, string>
  storageProblem: string
  shop: string
  token: string
  account: string
  accountSource: Record<AccountSource, string>
  optionsAccountHint: string
  api: string
  connectedAt: string
  lastCheck: string
  checkOk: string
  notChecked: string
  noneYet: string
  notifications: string
  notificationUrl: string
  notificationUrlHint: string
  notificationUrlMissing: string
  channel: string
  notificationChannel: Record<NotificationChannel, string>
  channelWebsocketNoKey: string
  channelWebsocketOption: string
  channelBoth: string
  notificationKey: string
  keySet: string
  keyNotSet: string
  setNotificationKey: string
  rotateNotificationKey: string
  newNotificationKey: string
  notificationKeyHint: string
  notificationKeyFromOptions: string
  notificationKeySaved: string
  notificationKeyFailed: string
  nextStep: string
  nextStepNotificationKey: string
  save: string
  cancel: string
  checkConnection: string
  checkPassed: string
  checkRefused: string
  checkFailed: string
  disconnect: string
  disconnectTitle: string
  disconnectHint: (merchantId: string) => string
  disconnectOptionsHint: string
  disconnected: string
  disconnectFailed: string
  connectAccount: string
  connectAnotherAccount: string
  connectAccountHint: string
  pasteCredentials: string
  partnerOnboarding: string
  credentialsHint: string
  merchantId: string
  apiToken: string
  notificationKeyOptional: string
  notificationKeyOptionalHint: string
  apiPrefix: string
  apiPrefixes: Record<ApiPrefix, string>
  connect: string
  connectedTo: (merchantId: string) => string
  connectFailed: string
  partnerHint: string
  ownerEmail: string
  phone: string
  inn: string
  companyName: string
  optional: string
  sendInvite: string
  inviteSent: (email: string) => string
  inviteFailed: string
  invitedAt: (email: string, at: string) => string
  activationCodePrompt: (email: string) => string
  activationCode: string
  activate: string
  activated: (merchantId: string) => string
  activateFailed: string
  newInvite: string
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
    notificationSource: { http: "HTTP", websocket: "WebSocket", sync: "Sync", reconciliation: "Reconciliation" },
    syncResult: { applied: "Applied", up_to_date: "Up to date", refused: "Refused", failed: "Failed" },
    settingsHint:
      "The store's InvoiceBox account: the shop id and API token from the InvoiceBox personal account, and the key InvoiceBox signs notifications with.",
    noProviders:
      "The store has no InvoiceBox payment provider: add it to the Payment Module's providers in medusa-config.",
    provider: "Provider",
    connectionStatus: {
      connected: "connected",
      needs_notification_key: "needs a notification key",
      not_connected: "not connected",
    },
    storageProblem: "Accounts cannot be connected from this page",
    shop: "Shop (merchant id)",
    token: "Token",
    account: "Account",
    accountSource: { stored: "connected here", options: "medusa-config (environment)", none: "none" },
    optionsAccountHint:
      "This account is set in medusa-config and is read-only here. An account connected on this page overrides it for this provider; disconnecting that account brings medusa-config's back.",
    api: "API",
    connectedAt: "Connected",
    lastCheck: "Last check",
    checkOk: "OK",
    notChecked: "not checked yet",
    noneYet: "none yet",
    notifications: "Notifications",
    notificationUrl: "Notification URL",
    notificationUrlHint:
      "Paste it into the InvoiceBox personal account → Notifications. InvoiceBox's “send test notification” there should then show up here as the last notification.",
    notificationUrlMissing:
      "Not set: the provider's notificationUrl option is the public address of the plugin's route, e.g. https://shop.example/hooks/invoicebox.",
    channel: "Channel",
    notificationChannel: {
      http: "HTTP (notification URL)",
      websocket: "InvoiceBox WebSocket gate",
      both: "HTTP and InvoiceBox WebSocket gate",
    },
    channelWebsocketNoKey:
      "Notifications arrive over InvoiceBox's WebSocket gate because no notification key is set: no public URL is needed.",
    channelWebsocketOption:
      "Notifications arrive over InvoiceBox's WebSocket gate, as the provider's notificationChannel option asks: no public URL is needed.",
    channelBoth:
      "Notifications come to the notification URL and over InvoiceBox's WebSocket gate; each is applied once.",
    notificationKey: "Notification key",
    keySet: "set",
    keyNotSet: "not set",
    setNotificationKey: "Set notification key",
    rotateNotificationKey: "Rotate notification key",
    newNotificationKey: "New notification key",
    notificationKeyHint:
      "Enter the key set in the InvoiceBox personal account → Notifications. From then on only this key verifies notifications: change it there and here together.",
    notificationKeyFromOptions:
      "The notification key of medusa-config's account is set there (notificationKey). To set it here, connect the account on this page.",
    notificationKeySaved: "The notification key is saved",
    notificationKeyFailed: "The notification key was not saved",
    nextStep: "Next step: the notification key",
    nextStepNotificationKey:
      "Set a notification key in the InvoiceBox personal account → Notifications and enter it here. Until then payments work and notifications come over InvoiceBox's WebSocket gate.",
    save: "Save",
    cancel: "Cancel",
    checkConnection: "Check connection",
    checkPassed: "InvoiceBox accepted the token",
    checkRefused: "InvoiceBox did not accept the token",
    checkFailed: "The connection could not be checked",
    disconnect: "Disconnect",
    disconnectTitle: "Disconnect InvoiceBox?",
    disconnectHint: (merchantId) =>
      `The account of shop ${merchantId} connected here is removed: InvoiceBox payments stop until an account is connected again.`,
    disconnectOptionsHint: "If medusa-config has an InvoiceBox account, that one is in effect again.",
    disconnected: "InvoiceBox is disconnected",
    disconnectFailed: "InvoiceBox was not disconnected",
    connectAccount: "Connect an account",
    connectAnotherAccount: "Connect another account",
    connectAccountHint: "The account connected here replaces the one in effect for this provider, at once.",
    pasteCredentials: "Paste credentials",
    partnerOnboarding: "Partner onboarding",
    credentialsHint:
      "The shop id and the API token are in the InvoiceBox personal account. InvoiceBox checks the token before anything is saved.",
    merchantId: "Shop id (merchant id)",
    apiToken: "API token",
    notificationKeyOptional: "Notification key (optional)",
    notificationKeyOptionalHint: "Without it notifications come over InvoiceBox's WebSocket gate; it can be set later.",
    apiPrefix: "API",
    apiPrefixes: { v3: "v3 — InvoiceBox", l3: "l3 — InvoiceBox.Business" },
    connect: "Connect",
    connectedTo: (merchantId) => `Connected to shop ${merchantId}`,
    connectFailed: "The account was not connected",
    partnerHint:
      "InvoiceBox opens a shop for the store's owner: they get an e-mail, register with InvoiceBox and receive an activation code to enter here.",
    ownerEmail: "Owner's e-mail",
    phone: "Phone",
    inn: "ИНН (tax id)",
    companyName: "Company name",
    optional: "optional",
    sendInvite: "Send invitation",
    inviteSent: (email) => `Invitation sent to ${email}`,
    inviteFailed: "The invitation was not sent",
    invitedAt: (email, at) => `Invitation sent to ${email} on ${at}`,
    activationCodePrompt: (email) => `Enter the activation code InvoiceBox sent to ${email}`,
    activationCode: "Activation code",
    activate: "Activate",
    activated: (merchantId) => `Shop ${merchantId} is connected`,
    activateFailed: "The shop was not activated",
    newInvite: "Send a new invitation",
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
    notificationSource: { http: "HTTP", websocket: "WebSocket", sync: "Синхронизация", reconciliation: "Сверка" },
    syncResult: { applied: "Применено", up_to_date: "Актуально", refused: "Отклонено", failed: "Ошибка" },
    settingsHint:
      "Учётная запись магазина в InvoiceBox: идентификатор магазина и API-токен из личного кабинета InvoiceBox и ключ, которым InvoiceBox подписывает уведомления.",
    noProviders:
      "В магазине нет платёжного провайдера InvoiceBox: добавьте его в providers платёжного модуля в medusa-config.",
    provider: "Провайдер",
    connectionStatus: {
      connected: "подключён",
      needs_notification_key: "нужен ключ уведомлений",
      not_connected: "не подключён",
    },
    storageProblem: "Подключить учётную запись на этой странице нельзя",
    shop: "Магазин (merchant id)",
    token: "Токен",
    account: "Учётная запись",
    accountSource: { stored: "подключена здесь", options: "medusa-config (переменные окружения)", none: "нет" },
    optionsAccountHint:
      "Эта учётная запись задана в medusa-config, здесь её не изменить. Учётная запись, подключённая на этой странице, заменяет её для этого провайдера; после её отключения снова действует учётная запись из medusa-config.",
    api: "API",
    connectedAt: "Подключён",
    lastCheck: "Последняя проверка",
    checkOk: "успешно",
    notChecked: "ещё не проверялся",
    noneYet: "пока не было",
    notifications: "Уведомления",
    notificationUrl: "URL для уведомлений",
    notificationUrlHint:
      "Вставьте его в личном кабинете InvoiceBox → «Уведомления». Тестовое уведомление, отправленное оттуда, должно затем появиться здесь как последнее уведомление.",
    notificationUrlMissing:
      "Не задан: опция провайдера notificationUrl — публичный адрес маршрута плагина, например https://shop.example/hooks/invoicebox.",
    channel: "Канал",
    notificationChannel: {
      http: "HTTP (URL для уведомлений)",
      websocket: "WebSocket-шлюз InvoiceBox",
      both: "HTTP и WebSocket-шлюз InvoiceBox",
    },
    channelWebsocketNoKey:
      "Уведомления приходят через WebSocket-шлюз InvoiceBox, потому что ключ уведомлений не задан: публичный URL не нужен.",
    channelWebsocketOption:
      "Уведомления приходят через WebSocket-шлюз InvoiceBox, как задано опцией провайдера notificationChannel: публичный URL не нужен.",
    channelBoth:
      "Уведомления приходят и на URL для уведомлений, и через WebSocket-шлюз InvoiceBox; каждое применяется один раз.",
    notificationKey: "Ключ уведомлений",
    keySet: "задан",
    keyNotSet: "не задан",
    setNotificationKey: "Задать ключ уведомлений",
    rotateNotificationKey: "Сменить ключ уведомлений",
    newNotificationKey: "Новый ключ уведомлений",
    notificationKeyHint:
      "Введите ключ, заданный в личном кабинете InvoiceBox → «Уведомления». С этого момента уведомления проверяются только этим ключом: меняйте его там и здесь одновременно.",
    notificationKeyFromOptions:
      "Ключ уведомлений учётной записи из medusa-config задаётся там же (notificationKey). Чтобы задать его здесь, подключите учётную запись на этой странице.",
    notificationKeySaved: "Ключ уведомлений сохранён",
    notificationKeyFailed: "Ключ уведомлений не сохранён",
    nextStep: "Следующий шаг: ключ уведомлений",
    nextStepNotificationKey:
      "Задайте ключ уведомлений в личном кабинете InvoiceBox → «Уведомления» и введите его здесь. До тех пор платежи работают, а уведомления приходят через WebSocket-шлюз InvoiceBox.",
    save: "Сохранить",
    cancel: "Отмена",
    checkConnection: "Проверить подключение",
    checkPassed: "InvoiceBox принял токен",
    checkRefused: "InvoiceBox не принял токен",
    checkFailed: "Не удалось проверить подключение",
    disconnect: "Отключить",
    disconnectTitle: "Отключить InvoiceBox?",
    disconnectHint: (merchantId) =>
      `Учётная запись магазина ${merchantId}, подключённая здесь, будет удалена: оплата через InvoiceBox не будет работать, пока учётная запись не подключена снова.`,
    disconnectOptionsHint: "Если в medusa-config задана учётная запись InvoiceBox, снова будет действовать она.",
    disconnected: "InvoiceBox отключён",
    disconnectFailed: "Не удалось отключить InvoiceBox",
    connectAccount: "Подключить учётную запись",
    connectAnotherAccount: "Подключить другую учётную запись",
    connectAccountHint: "Учётная запись, подключённая здесь, сразу заменяет действующую для этого провайдера.",
    pasteCredentials: "Ввести данные",
    partnerOnboarding: "Подключение через партнёра",
    credentialsHint:
      "Идентификатор магазина и API-токен есть в личном кабинете InvoiceBox. InvoiceBox проверяет токен до того, как что-либо сохраняется.",
    merchantId: "Идентификатор магазина (merchant id)",
    apiToken: "API-токен",
    notificationKeyOptional: "Ключ уведомлений (необязательно)",
    notificationKeyOptionalHint:
      "Без него уведомления приходят через WebSocket-шлюз InvoiceBox; его можно задать позже.",
    apiPrefix: "API",
    apiPrefixes: { v3: "v3 — InvoiceBox", l3: "l3 — InvoiceBox.Business" },
    connect: "Подключить",
    connectedTo: (merchantId) => `Подключён магазин ${merchantId}`,
    connectFailed: "Учётная запись не подключена",
    partnerHint:
      "InvoiceBox откроет магазин для владельца: ему придёт письмо, он зарегистрируется в InvoiceBox и получит код активации, который нужно ввести здесь.",
    ownerEmail: "E-mail владельца",
    phone: "Телефон",
    inn: "ИНН",
    companyName: "Название компании",
    optional: "необязательно",
    sendInvite: "Отправить приглашение",
    inviteSent: (email) => `Приглашение отправлено на ${email}`,
    inviteFailed: "Приглашение не отправлено",
    invitedAt: (email, at) => `Приглашение отправлено на ${email} ${at}`,
    activationCodePrompt: (email) => `Введите код активации, который InvoiceBox отправил на ${email}`,
    activationCode: "Код активации",
    activate: "Активировать",
    activated: (merchantId) => `Магазин ${merchantId} подключён`,
    activateFailed: "Магазин не активирован",
    newInvite: "Отправить новое приглашение",
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
