/**
 * `invoicebox-partner`: InvoiceBox's partner API from the command line (partner/integration/*.md).
 *
 * 1. `invite --email …` — InvoiceBox e-mails the shop a link to register; once registered (contract
 *    signed) the shop receives an activation code.
 * 2. `activate --code …` — the code gives the shop's integration settings (merchant id, token), printed
 *    as .env lines or JSON, or written straight to a Medusa store's InvoiceBox connection
 *    (`POST /admin/invoicebox/connections/:provider_id`), the token then never printed.
 *
 * The notification key is not part of the activation: the shop sets it in its InvoiceBox personal account.
 */
import { parseArgs } from "node:util"

import { DEFAULT_API_URL, InvoiceboxClient } from "../invoicebox/client"
import { errorMessageOf, InvoiceboxApiError, InvoiceboxError } from "../invoicebox/errors"
import { validateInn } from "../invoicebox/russian-tax-ids"
import type { MerchantActivationResponse } from "../invoicebox/types"

export const DEFAULT_PROVIDER_ID = "pp_invoicebox_invoicebox"

export const HELP = `invoicebox-partner — InvoiceBox partner API: invite a shop, then activate it with its code

Usage:
  invoicebox-partner invite --email <e-mail> [--phone <phone>] [--inn <ИНН>] [--company <name>] [--json]
      InvoiceBox e-mails the shop a link to register; once registered, the shop receives an activation code.
      --phone, --inn and --company are checked and echoed for your records: the invitation carries only the e-mail.

  invoicebox-partner activate --code <activation code> [--json] [--notification-key <key>]
      Prints the shop's integration settings as .env lines (INVOICEBOX_MERCHANT_ID, INVOICEBOX_TOKEN),
      or as JSON with --json.

  invoicebox-partner activate --code <code> --store-url <url> [--provider-id <id>]
      (--admin-email <e-mail> --admin-password <password> | --admin-api-key <sk_…>)
      [--notification-key <key>] [--api-prefix v3|l3] [--json]
      Writes the settings to a Medusa store's InvoiceBox connection
      (POST <store>/admin/invoicebox/connections/<provider id>); the token is never printed.
      The store's credentials are checked before the code is used.
      --provider-id     default ${DEFAULT_PROVIDER_ID}
      --admin-email     env MEDUSA_ADMIN_EMAIL
      --admin-password  env MEDUSA_ADMIN_PASSWORD
      --admin-api-key   a secret API key (env MEDUSA_ADMIN_API_KEY)

Common options:
  --partner-id <uuid>      the partner's (integrator's) id (env INVOICEBOX_PARTNER_ID)
  --partner-token <token>  the partner's API token (env INVOICEBOX_PARTNER_TOKEN)
  --api-url <url>          InvoiceBox API (env INVOICEBOX_API_URL, default ${DEFAULT_API_URL})
  --help                   this text

Exit codes: 0 done, 1 InvoiceBox or the store refused, 2 a missing or invalid value.
The notification key is set by the shop in its InvoiceBox personal account (integration settings).`

/** Where the CLI writes and what it reads: the process's by default, captured in tests. */
export interface PartnerCliIo {
  /** one line (or block) of standard output */
  stdout(text: string): void
  /** one line (or block) of standard error */
  stderr(text: string): void
  env: Readonly<Record<string, string | undefined>>
  setExitCode(code: number): void
}

export const EXIT_CODE = { ok: 0, refused: 1, usage: 2 } as const

/** Runs one command; a failure sets the exit code (1: InvoiceBox or the store refused, 2: a bad value). */
export async function main(argv: string[] = process.argv.slice(2), io: Partial<PartnerCliIo> = {}): Promise<void> {
  const resolved: PartnerCliIo = { ...processIo(), ...io }
  const code = await runPartnerCli(argv, resolved)
  if (code !== EXIT_CODE.ok) resolved.setExitCode(code)
}

/** Runs one command and answers its exit code. */
export async function runPartnerCli(argv: string[], io: PartnerCliIo): Promise<number> {
  try {
    const { command, values } = parseCommandLine(argv)
    if (values.help || command === "help") {
      io.stdout(HELP)
      return EXIT_CODE.ok
    }
    if (command === "invite") await invite(values, io)
    else if (command === "activate") await activate(values, io)
    else throw new UsageError(command ? `unknown command "${command}"` : "no command given (invite or activate)")
    return EXIT_CODE.ok
  } catch (error) {
    return reportFailure(error, io)
  }
}

// ---- command line ----

const OPTIONS = {
  email: { type: "string" },
  phone: { type: "string" },
  inn: { type: "string" },
  company: { type: "string" },
  code: { type: "string" },
  json: { type: "boolean" },
  "store-url": { type: "string" },
  "provider-id": { type: "string" },
  "admin-email": { type: "string" },
  "admin-password": { type: "string" },
  "admin-api-key": { type: "string" },
  "notification-key": { type: "string" },
  "api-prefix": { type: "string" },
  "partner-id": { type: "string" },
  "partner-token": { type: "string" },
  "api-url": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const

type CliValues = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>["values"]
type OptionName = keyof typeof OPTIONS

const COMMON_OPTIONS: readonly OptionName[] = ["partner-id", "partner-token", "api-url", "json", "help"]
const COMMAND_OPTIONS: Record<"invite" | "activate", readonly OptionName[]> = {
  invite: ["email", "phone", "inn", "company"],
  activate: [
    "code",
    "store-url",
    "provider-id",
    "admin-email",
    "admin-password",
    "admin-api-key",
    "notification-key",
    "api-prefix",
  ],
}

/** A value missing or invalid: exit code 2. */
class UsageError extends Error {}

/** The store refused or could not be reached: exit code 1. */
class StoreError extends Error {}

function parseCommandLine(argv: string[]): { command: string | undefined; values: CliValues } {
  let parsed: { values: CliValues; positionals: string[] }
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true })
  } catch (error) {
    throw new UsageError(errorMessageOf(error))
  }
  const [command, ...extra] = parsed.positionals
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`)
  if (command === "invite" || command === "activate") assertOptionsOf(command, parsed.values)
  return { command, values: parsed.values }
}

function assertOptionsOf(command: "invite" | "activate", values: CliValues): void {
  const allowed = new Set<string>([...COMMON_OPTIONS, ...COMMAND_OPTIONS[command]])
  const foreign = Object.keys(values).filter((name) => !allowed.has(name))
  if (foreign.length > 0) {
    throw new UsageError(`${foreign.map((name) => `--${name}`).join(", ")}: not an option of ${command}`)
  }
}

/** Every problem of the command line, reported at once. */
class Problems {
  private readonly messages: string[] = []

  add(message: string): void {
    this.messages.push(message)
  }

  /** The value, or a problem named after the flag (and its environment variable) when it is missing. */
  required(value: string | undefined, flag: string, envName?: string): string {
    const trimmed = value?.trim()
    if (trimmed) return trimmed
    this.add(`${flag} is required${envName ? ` (or set ${envName})` : ""}`)
    return ""
  }

  throwIfAny(): void {
    if (this.messages.length === 1) throw new UsageError(this.messages[0])
    if (this.messages.length > 1) {
      throw new UsageError(
        `${this.messages.length} problems:${this.messages.map((message) => `\n  - ${message}`).join("")}`
      )
    }
  }
}

// ---- partner account ----

interface PartnerAccount {
  partnerId: string
  client: InvoiceboxClient
}

function partnerAccountOf(values: CliValues, env: PartnerCliIo["env"], problems: Problems): () => PartnerAccount {
  const partnerId = problems.required(
    values["partner-id"] ?? env.INVOICEBOX_PARTNER_ID,
    "--partner-id",
    "INVOICEBOX_PARTNER_ID"
  )
  if (partnerId.length > 36) problems.add("--partner-id: the partner id has at most 36 characters")
  const token = problems.required(
    values["partner-token"] ?? env.INVOICEBOX_PARTNER_TOKEN,
    "--partner-token",
    "INVOICEBOX_PARTNER_TOKEN"
  )
  const apiUrl = values["api-url"] ?? env.INVOICEBOX_API_URL ?? DEFAULT_API_URL
  if (!isHttpUrl(apiUrl)) problems.add(`--api-url: not an http(s) URL: ${apiUrl}`)
  // the client is made once every value is known to be there
  return () => ({ partnerId, client: new InvoiceboxClient({ token, baseUrl: apiUrl, apiPrefix: "v3" }) })
}

// ---- invite ----

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const PHONE = /^\+?[\d\s()-]{10,20}$/

interface ShopRecord {
  phone?: string
  inn?: string
  company?: string
}

async function invite(values: CliValues, io: PartnerCliIo): Promise<void> {
  const problems = new Problems()
  const account = partnerAccountOf(values, io.env, problems)
  const email = problems.required(values.email, "--email")
  if (email && (!EMAIL.test(email) || email.length > 100)) problems.add(`--email: not an e-mail address: ${email}`)
  const record = shopRecordOf(values, problems)
  problems.throwIfAny()

  const { partnerId, client } = account()
  const sent = await client.sendPartnerInvite({ partnerId, type: "email", identifier: email })
  if (values.json) {
    io.stdout(JSON.stringify({ inviteId: sent.id, email, ...record }, null, 2))
    return
  }
  io.stdout(inviteReport(sent.id, email, record).join("\n"))
}

function shopRecordOf(values: CliValues, problems: Problems): ShopRecord {
  const record: ShopRecord = {}
  const phone = values.phone?.trim()
  if (phone !== undefined) {
    if (PHONE.test(phone)) record.phone = phone
    else problems.add(`--phone: not a phone number such as +7 900 111-22-33: ${phone}`)
  }
  const inn = values.inn?.trim()
  if (inn !== undefined) {
    const check = validateInn(inn)
    if (check.valid) record.inn = check.inn
    else problems.add(`--inn: ${check.message}`)
  }
  const company = values.company?.trim()
  if (company) record.company = company
  return record
}

function inviteReport(inviteId: string | number, email: string, record: ShopRecord): string[] {
  const lines = [
    `Invitation ${inviteId} sent to ${email}.`,
    "",
    "What happens next:",
    `  1. InvoiceBox e-mails ${email} a link to register with InvoiceBox.`,
    "  2. Once the shop has registered and signed the contract, InvoiceBox sends it an activation code.",
    "  3. With that code, get the shop's integration settings:",
    "       invoicebox-partner activate --code <activation code>",
  ]
  const kept = [
    record.company && `company ${record.company}`,
    record.inn && `ИНН ${record.inn}`,
    record.phone && `phone ${record.phone}`,
  ].filter((entry): entry is string => Boolean(entry))
  if (kept.length > 0) {
    lines.push("", `For your records (not sent: the invitation carries only the e-mail): ${kept.join(", ")}.`)
  }
  return lines
}

// ---- activate ----

async function activate(values: CliValues, io: PartnerCliIo): Promise<void> {
  const problems = new Problems()
  const account = partnerAccountOf(values, io.env, problems)
  const activationCode = problems.required(values.code, "--code")
  if (activationCode.length > 36) problems.add("--code: an activation code has at most 36 characters")
  const notificationKey = values["notification-key"]?.trim() || undefined
  const store = storeTargetOf(values, io.env, problems)
  problems.throwIfAny()

  const { partnerId, client } = account()
  if (!store) {
    const settings = await client.activateMerchant({ partnerId, activationCode })
    io.stdout(values.json ? JSON.stringify(settings, null, 2) : envReport(settings, notificationKey).join("\n"))
    return
  }
  // a code activates once: the store must accept the credentials before it is used
  const authorization = await storeAuthorization(store)
  await assertStoreReachable(store, authorization)
  const settings = await client.activateMerchant({ partnerId, activationCode })
  await writeToStore(store, authorization, settings, notificationKey, values.json === true, io)
}

/** The shop's settings as .env lines; everything else is a comment, so the output can be saved as is. */
function envReport(settings: MerchantActivationResponse, notificationKey: string | undefined): string[] {
  return [
    `# InvoiceBox shop ${settings.merchantId} activated: its integration settings`,
    `INVOICEBOX_MERCHANT_ID=${settings.merchantId}`,
    `INVOICEBOX_TOKEN=${settings.token}`,
    "# The notification key is set by the shop in its InvoiceBox personal account (integration settings):",
    "# copy it here once set (until then notifications can come over the WebSocket gate).",
    `INVOICEBOX_NOTIFICATION_KEY=${notificationKey ?? ""}`,
  ]
}

// ---- the store ----

type StoreCredentials = { kind: "password"; email: string; password: string } | { kind: "apiKey"; apiKey: string }

interface StoreTarget {
  url: string
  providerId: string
  credentials: StoreCredentials
  apiPrefix?: "v3" | "l3"
}

const STORE_FLAGS: readonly OptionName[] = [
  "store-url",
  "provider-id",
  "admin-email",
  "admin-password",
  "admin-api-key",
  "api-prefix",
]
const STORE_TIMEOUT_MS = 20_000

/** The store to write to, when any store flag is given; null: print the settings instead. */
function storeTargetOf(values: CliValues, env: PartnerCliIo["env"], problems: Problems): StoreTarget | null {
  if (!STORE_FLAGS.some((flag) => values[flag] !== undefined)) return null
  const url = problems.required(values["store-url"], "--store-url").replace(/\/+$/, "")
  if (url && !isHttpUrl(url)) problems.add(`--store-url: not an http(s) URL: ${url}`)
  const providerId = values["provider-id"]?.trim() || DEFAULT_PROVIDER_ID
  const apiPrefix = values["api-prefix"]
  if (apiPrefix !== undefined && apiPrefix !== "v3" && apiPrefix !== "l3") {
    problems.add(`--api-prefix: v3 or l3, not ${apiPrefix}`)
  }
  const credentials = storeCredentialsOf(values, env, problems)
  return {
    url,
    providerId,
    // without credentials the problem is reported and the command stops before this is used
    credentials: credentials ?? { kind: "apiKey", apiKey: "" },
    apiPrefix: apiPrefix === "v3" || apiPrefix === "l3" ? apiPrefix : undefined,
  }
}

function storeCredentialsOf(
  values: CliValues,
  env: PartnerCliIo["env"],
  problems: Problems
): StoreCredentials | undefined {
  const apiKey = (values["admin-api-key"] ?? env.MEDUSA_ADMIN_API_KEY)?.trim()
  const email = (values["admin-email"] ?? env.MEDUSA_ADMIN_EMAIL)?.trim()
  const password = values["admin-password"] ?? env.MEDUSA_ADMIN_PASSWORD
  if (values["admin-api-key"] !== undefined && values["admin-email"] !== undefined) {
    problems.add("--admin-api-key or --admin-email/--admin-password, not both")
    return undefined
  }
  if (apiKey && values["admin-email"] === undefined) return { kind: "apiKey", apiKey }
  if (email && password) return { kind: "password", email, password }
  problems.add(
    "the store's admin credentials are required: --admin-email and --admin-password " +
      "(or MEDUSA_ADMIN_EMAIL / MEDUSA_ADMIN_PASSWORD), or --admin-api-key (or MEDUSA_ADMIN_API_KEY)"
  )
  return undefined
}

/** The Authorization header: a secret API key as Basic, or the admin's JWT from the emailpass login. */
async function storeAuthorization(store: StoreTarget): Promise<string> {
  const credentials = store.credentials
  if (credentials.kind === "apiKey") return `Basic ${Buffer.from(`${credentials.apiKey}:`).toString("base64")}`
  const answer = await storeRequest(store, "POST", "/auth/user/emailpass", undefined, {
    email: credentials.email,
    password: credentials.password,
  })
  const token = (answer.body as { token?: unknown } | null)?.token
  if (answer.status !== 200 || typeof token !== "string") {
    throw new StoreError(`the store refused the admin sign-in: ${storeRefusal(answer)}`)
  }
  return `Bearer ${token}`
}

/** Reads the provider's connection: the credentials work and the provider exists, before the code is used. */
async function assertStoreReachable(store: StoreTarget, authorization: string): Promise<void> {
  const answer = await storeRequest(store, "GET", connectionPath(store), authorization)
  if (answer.status === 200) return
  const what =
    answer.status === 401 || answer.status === 403
      ? "the store refused the admin credentials"
      : `the store cannot show the InvoiceBox connection ${store.providerId}`
  throw new StoreError(`${what} (the activation code was not used): ${storeRefusal(answer)}`)
}

async function writeToStore(
  store: StoreTarget,
  authorization: string,
  settings: MerchantActivationResponse,
  notificationKey: string | undefined,
  json: boolean,
  io: PartnerCliIo
): Promise<void> {
  const body = {
    merchant_id: settings.merchantId,
    token: settings.token,
    ...(notificationKey === undefined ? {} : { notification_key: notificationKey }),
    ...(store.apiPrefix === undefined ? {} : { api_prefix: store.apiPrefix }),
  }
  let answer: StoreAnswer
  try {
    answer = await storeRequest(store, "POST", connectionPath(store), authorization, body)
  } catch (error) {
    io.stdout(storeFailureReport(store, settings).join("\n"))
    throw error
  }
  if (answer.status !== 200) {
    io.stdout(storeFailureReport(store, settings).join("\n"))
    throw new StoreError(`the store refused the connection: ${storeRefusal(answer)}`)
  }
  const connection = (answer.body as { connection?: unknown } | null)?.connection ?? null
  if (json) {
    io.stdout(
      JSON.stringify({ merchantId: settings.merchantId, token: maskToken(settings.token), connection }, null, 2)
    )
    return
  }
  io.stdout(
    [
      `InvoiceBox shop ${settings.merchantId} activated and connected to ${store.url} as ${store.providerId}.`,
      `  merchant id: ${settings.merchantId}`,
      `  token:       ${maskToken(settings.token)}`,
      notificationKey === undefined
        ? "The notification key is set by the shop in its InvoiceBox personal account; then enter it in " +
          "the store's admin (Settings → InvoiceBox)."
        : "  notification key: set",
    ].join("\n")
  )
}

function storeFailureReport(store: StoreTarget, settings: MerchantActivationResponse): string[] {
  return [
    `InvoiceBox shop ${settings.merchantId} was activated (the code is used up), but ${store.url} did not store it.`,
    `  merchant id: ${settings.merchantId}`,
    `  token:       ${maskToken(settings.token)} (not shown in full)`,
    "The shop sees (and can change) its token in its InvoiceBox personal account; enter both in the store's admin " +
      "(Settings → InvoiceBox).",
  ]
}

interface StoreAnswer {
  status: number
  body: unknown
}

async function storeRequest(
  store: StoreTarget,
  method: "GET" | "POST",
  path: string,
  authorization: string | undefined,
  body?: unknown
): Promise<StoreAnswer> {
  const headers: Record<string, string> = { Accept: "application/json" }
  if (authorization) headers.Authorization = authorization
  if (body !== undefined) headers["Content-Type"] = "application/json"
  let response: Response
  try {
    response = await fetch(store.url + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(STORE_TIMEOUT_MS),
      redirect: "manual",
    })
  } catch (error) {
    throw new StoreError(`the store at ${store.url} cannot be reached: ${causeOf(error)}`)
  }
  const text = await response.text()
  return { status: response.status, body: parseJson(text) }
}

function connectionPath(store: StoreTarget): string {
  return `/admin/invoicebox/connections/${encodeURIComponent(store.providerId)}`
}

/** `HTTP 400: <the store's message>` */
function storeRefusal(answer: StoreAnswer): string {
  const message = (answer.body as { message?: unknown } | null)?.message
  return `HTTP ${answer.status}${typeof message === "string" && message !== "" ? `: ${message}` : ""}`
}

/** The first 4 characters and an ellipsis: enough to recognise a token, never enough to use it. */
export function maskToken(token: string): string {
  return `${token.slice(0, 4)}…`
}

// ---- failures ----

function reportFailure(error: unknown, io: PartnerCliIo): number {
  if (error instanceof UsageError) {
    io.stderr(`invoicebox-partner: ${error.message}\nRun invoicebox-partner --help for the options.`)
    return EXIT_CODE.usage
  }
  if (error instanceof InvoiceboxApiError) {
    const fields = error.fields.map((field) => `\n  ${field.name}: ${field.message || field.code}`).join("")
    io.stderr(`InvoiceBox refused: ${error.message}${fields}`)
    return EXIT_CODE.refused
  }
  if (error instanceof InvoiceboxError || error instanceof StoreError) {
    io.stderr(`invoicebox-partner: ${error.message}`)
    return EXIT_CODE.refused
  }
  io.stderr(`invoicebox-partner: unexpected error: ${errorMessageOf(error)}`)
  return EXIT_CODE.refused
}

// ---- helpers ----

function processIo(): PartnerCliIo {
  return {
    stdout: (text) => process.stdout.write(`${text}\n`),
    stderr: (text) => process.stderr.write(`${text}\n`),
    env: process.env,
    setExitCode: (code) => {
      process.exitCode = code
    },
  }
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text)
    return url.protocol === "http:" || url.protocol === "https:"
  } catch {
    return false
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

/** fetch's "fetch failed" names the real reason (ECONNREFUSED, a timeout) in its cause. */
function causeOf(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined
  return cause === undefined ? errorMessageOf(error) : `${errorMessageOf(error)} (${errorMessageOf(cause)})`
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  })
}
