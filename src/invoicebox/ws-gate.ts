/**
 * InvoiceBox's WebSocket gate (api/websockets.md): a shop without a public address keeps one
 * WebSocket open to `wss://ws-gate.invoicebox.ru/v3/gate/rpc?token=<merchant token>` and InvoiceBox
 * calls it over JSON-RPC 2.0:
 *
 * - `onOrderStatusChange` with `params[0]` = the order (an OrderNotification, as the HTTP notification's
 *   body) — answered `{"status":"success"}` once the shop has taken it, or with a JSON-RPC error, after
 *   which the gate sends it again later;
 * - `getStatus` with `params.logQuantity` — answered with the client's version, type, settings and its
 *   last log lines (diagnostics).
 *
 * The connection reconnects with exponential backoff until stopped. The token travels only in the
 * connect URL's query: it is never logged, and is masked in every log line and error kept here.
 */
import type { ClientRequest, IncomingMessage } from "node:http"

import WebSocket from "ws"

import { errorMessageOf, InvoiceboxError } from "./errors"
import { validateOrderNotification } from "./notification"
import type { OrderNotification } from "./types"
import { PACKAGE_VERSION } from "./version"

/** The production gate (api/websockets.md); only API version `/v3/` has one. */
export const DEFAULT_WS_GATE_URL = "wss://ws-gate.invoicebox.ru/v3/gate/rpc"
/** The gate's path on a host that serves it next to the API (a local sandbox). */
export const WS_GATE_PATH = "/v3/gate/rpc"

/** JSON-RPC 2.0 error codes this client answers with. */
export const JSON_RPC_ERROR = {
  parseError: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  /** the shop could not take the order now: the gate repeats the call later */
  serverError: -32000,
} as const

export type GateConnectionStateName = "connecting" | "open" | "closed" | "stopped"

/**
 * Why the last connection ended: `unauthorized` — the gate answered the upgrade with HTTP 401 (a wrong
 * token; retried only after the longest backoff); `rejected` — another non-101 HTTP answer;
 * `network_error` — no connection was made; `closed` — an open connection was closed;
 * `ping_timeout` — no pong came in time and the connection was dropped.
 */
export type GateDisconnectReason = "unauthorized" | "rejected" | "network_error" | "closed" | "ping_timeout"

export interface GateConnectionState {
  state: GateConnectionStateName
  /** when the current (or last) connection opened */
  connectedAt?: Date
  /** when the last message came from the gate */
  lastMessageAt?: Date
  /** the last failure, without the token */
  lastError?: string
  /** why the last connection ended or was refused */
  reason?: GateDisconnectReason
  /** while `closed`: the wait before the next attempt */
  reconnectDelayMs?: number
  /** connection attempts made after the first */
  reconnects: number
}

/** The answer to the gate's `getStatus` (api/websockets.md). */
export interface GateStatus {
  version: string
  type: string
  settings: Record<string, unknown>
  log: string[]
}

export interface GateStatusRequest {
  /** how many of the last log lines the gate asked for; undefined: all that are kept */
  logQuantity?: number
}

export interface GateLogger {
  info(message: string): void
  warn(message: string): void
  error(message: string): void
}

export interface GateBackoff {
  /** the first wait, default 1 000 ms */
  initialMs?: number
  /** the longest wait (and the wait after a 401), default 60 000 ms */
  maxMs?: number
  /** growth per failed attempt, default 2 */
  factor?: number
  /** up to this share of a wait is taken off at random, default 0.5 (0: no jitter) */
  jitter?: number
  /** a connection open at least this long resets the backoff, default 10 000 ms */
  resetAfterMs?: number
}

export interface GateKeepalive {
  /** a ws ping this often, default 30 000 ms */
  intervalMs?: number
  /** no pong within this long: the connection is dropped and made again, default 10 000 ms */
  timeoutMs?: number
}

export type WebSocketConstructor = new (address: string, options?: WebSocket.ClientOptions) => WebSocket

export interface InvoiceboxGateOptions {
  /** the gate without the token, default DEFAULT_WS_GATE_URL (see gateUrlForApiBase for a sandbox) */
  url?: string
  /** the merchant's API token (api/auth.md); sent only as the `token` query parameter */
  token: string
  /** takes an order whose status changed; a throw (or rejection) makes the gate repeat the call later */
  onOrderStatusChange(order: OrderNotification): Promise<unknown>
  /**
   * What `getStatus` reports; anything left out comes from the defaults (this package's version,
   * type `medusa`, no settings, this connection's own log). The log is cut to `logQuantity`.
   */
  status?(request: GateStatusRequest): Partial<GateStatus> | Promise<Partial<GateStatus>>
  logger?: GateLogger
  onStateChange?(state: GateConnectionState): void
  backoff?: GateBackoff
  /** ws pings to find a dead connection; `false` turns them off */
  keepalive?: GateKeepalive | false
  /** how long the opening handshake may take, default 15 000 ms */
  handshakeTimeoutMs?: number
  /** log lines kept for `getStatus`, default 200 */
  logSize?: number
  /** the `ws` WebSocket class, or a stand-in (tests) */
  WebSocket?: WebSocketConstructor
  /** [0, 1) source for the backoff jitter (tests) */
  random?: () => number
}

/**
 * The gate next to an API base URL: production's ws-gate host for https://api.invoicebox.ru, otherwise
 * the same host and path with ws(s):// and /v3/gate/rpc (http://127.0.0.1:9100 → ws://127.0.0.1:9100/v3/gate/rpc).
 */
export function gateUrlForApiBase(apiBaseUrl: string): string {
  const url = parseUrl(apiBaseUrl, "API base URL")
  if (url.hostname === "api.invoicebox.ru") return DEFAULT_WS_GATE_URL
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new InvoiceboxError(
      "invalid_options",
      `InvoiceBox gate: the API base URL must be http(s), got ${url.protocol}`
    )
  }
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:"
  url.pathname = url.pathname.replace(/\/+$/, "") + WS_GATE_PATH
  url.search = ""
  url.hash = ""
  return url.toString()
}

/** The address to connect to: the gate URL with the token (URL-encoded) as its `token` query parameter. */
export function gateConnectUrl(gateUrl: string, token: string): string {
  const url = parseUrl(gateUrl, "gate URL")
  url.searchParams.set("token", token)
  return url.toString()
}

/** The wait before attempt `failures + 1`: exponential up to maxMs, less a random share of up to `jitter`. */
export function gateReconnectDelayMs(
  failures: number,
  backoff: Required<GateBackoff>,
  random: () => number = Math.random
): number {
  const ceiling = Math.min(backoff.maxMs, backoff.initialMs * backoff.factor ** Math.max(0, failures - 1))
  return jittered(ceiling, backoff.jitter, random)
}

export const DEFAULT_GATE_BACKOFF: Required<GateBackoff> = {
  initialMs: 1_000,
  maxMs: 60_000,
  factor: 2,
  jitter: 0.5,
  resetAfterMs: 10_000,
}
export const DEFAULT_GATE_KEEPALIVE: Required<GateKeepalive> = { intervalMs: 30_000, timeoutMs: 10_000 }

type JsonRpcId = string | number | null

interface JsonRpcRequest {
  jsonrpc: "2.0"
  method: string
  params?: unknown
  /** absent: a notification, which gets no reply */
  id?: JsonRpcId
}

type JsonRpcReply =
  | { jsonrpc: "2.0"; id: JsonRpcId; result: unknown; method?: string }
  | { jsonrpc: "2.0"; id: JsonRpcId; error: { code: number; message: string } }

/** A call answered with a JSON-RPC error. */
class GateCallError extends Error {
  constructor(
    readonly code: number,
    message: string
  ) {
    super(message)
  }
}

/** One WebSocket and what happened to it. */
interface Session {
  socket: WebSocket
  openedAt?: number
  reason?: GateDisconnectReason
  pingTimer?: NodeJS.Timeout
  pongTimer?: NodeJS.Timeout
}

const MAX_ERROR_MESSAGE = 500
const STOP_TERMINATE_AFTER_MS = 5_000

/**
 * One shop's connection to InvoiceBox's WebSocket gate: `start()` connects and keeps reconnecting,
 * `stop()` closes it for good.
 */
export class InvoiceboxGateConnection {
  private readonly url: string
  private readonly token: string
  /** the token as written, URL-encoded and form-encoded: masked wherever it could appear */
  private readonly tokenForms: string[]
  private readonly backoff: Required<GateBackoff>
  private readonly keepalive: Required<GateKeepalive> | null
  private readonly Socket: WebSocketConstructor
  private readonly random: () => number
  private readonly logSize: number
  private readonly lines: string[] = []
  private current: GateConnectionState = { state: "stopped", reconnects: 0 }
  private running = false
  private failures = 0
  private session: Session | undefined
  private reconnectTimer: NodeJS.Timeout | undefined

  constructor(private readonly options: InvoiceboxGateOptions) {
    if (typeof options.token !== "string" || options.token.trim() === "") {
      throw new InvoiceboxError("invalid_options", "InvoiceBox gate: `token` is required")
    }
    if (typeof options.onOrderStatusChange !== "function") {
      throw new InvoiceboxError("invalid_options", "InvoiceBox gate: `onOrderStatusChange` is required")
    }
    this.url = parseUrl(options.url ?? DEFAULT_WS_GATE_URL, "gate URL").toString()
    this.token = options.token
    this.tokenForms = [...new Set([options.token, encodeURIComponent(options.token), formEncoded(options.token)])]
    this.backoff = { ...DEFAULT_GATE_BACKOFF, ...(options.backoff ?? {}) }
    this.keepalive = options.keepalive === false ? null : { ...DEFAULT_GATE_KEEPALIVE, ...(options.keepalive ?? {}) }
    this.Socket = options.WebSocket ?? WebSocket
    this.random = options.random ?? Math.random
    this.logSize = options.logSize ?? 200
  }

  /** A copy of the connection's state. */
  get state(): Readonly<GateConnectionState> {
    return copyState(this.current)
  }

  /** The last `quantity` lines of the connection's own log (connects, disconnects, deliveries). */
  recentLog(quantity?: number): string[] {
    return lastLines(this.lines, quantity)
  }

  /** Connects and keeps the connection up (reconnecting with backoff) until stop(). */
  start(): void {
    if (this.running) return
    this.running = true
    this.failures = 0
    this.connect()
  }

  /** Closes the connection and cancels any reconnect; resolves once the socket is closed. */
  async stop(): Promise<void> {
    this.running = false
    this.cancelReconnect()
    const session = this.session
    if (session) await closeSocket(session.socket)
    if (this.current.state !== "stopped") {
      this.note("info", "stopped")
      this.update({ state: "stopped", reconnectDelayMs: undefined })
    }
  }

  // ---- connection lifecycle ----

  private connect(): void {
    this.reconnectTimer = undefined
    this.update({ state: "connecting", reconnectDelayMs: undefined })
    let socket: WebSocket
    try {
      socket = new this.Socket(gateConnectUrl(this.url, this.token), {
        handshakeTimeout: this.options.handshakeTimeoutMs ?? 15_000,
      })
    } catch (error) {
      this.recordError(`cannot connect to ${this.url}: ${errorMessageOf(error)}`)
      this.scheduleReconnect("network_error", undefined)
      return
    }
    const session: Session = { socket }
    this.session = session
    socket.on("open", () => this.handleOpen(session))
    socket.on("message", (data) => {
      this.handleMessage(session, data).catch((error: unknown) =>
        this.note("error", `a message from the gate could not be answered: ${errorMessageOf(error)}`)
      )
    })
    socket.on("pong", () => clearPongTimer(session))
    socket.on("unexpected-response", (request, response) => this.handleRefusedUpgrade(session, request, response))
    socket.on("error", (error) => this.handleSocketError(session, error))
    socket.on("close", (code) => this.handleClose(session, code))
  }

  private handleOpen(session: Session): void {
    session.openedAt = Date.now()
    this.note("info", `connected to ${this.url}`)
    this.update({ state: "open", connectedAt: new Date(session.openedAt), reason: undefined })
    this.startKeepalive(session)
  }

  /** A non-101 answer to the upgrade: 401 is a wrong token, anything else a refusal. */
  private handleRefusedUpgrade(session: Session, _request: ClientRequest, response: IncomingMessage): void {
    const status = response.statusCode ?? 0
    session.reason = status === 401 ? "unauthorized" : "rejected"
    this.recordError(
      status === 401
        ? "the gate refused the token (HTTP 401 Unauthorized): check the merchant's API token"
        : `the gate refused the connection: HTTP ${status}`
    )
    response.resume()
    session.socket.terminate()
  }

  private handleSocketError(session: Session, error: Error): void {
    // after a refused upgrade, a ping timeout or stop() the reason is known and ws only says it aborted
    if (session.reason !== undefined || !this.running) return
    this.recordError(errorMessageOf(error))
  }

  private handleClose(session: Session, code: number): void {
    stopKeepalive(session)
    if (this.session === session) this.session = undefined
    const reason = session.reason ?? (session.openedAt === undefined ? "network_error" : "closed")
    this.note(reason === "closed" ? "info" : "warn", `disconnected (${reason}, code ${code})`)
    if (!this.running) return
    this.scheduleReconnect(reason, session.openedAt)
  }

  private scheduleReconnect(reason: GateDisconnectReason, openedAt: number | undefined): void {
    if (openedAt !== undefined && Date.now() - openedAt >= this.backoff.resetAfterMs) this.failures = 0
    this.failures += 1
    const delay =
      reason === "unauthorized"
        ? jittered(this.backoff.maxMs, this.backoff.jitter, this.random)
        : gateReconnectDelayMs(this.failures, this.backoff, this.random)
    this.note("info", `reconnecting in ${delay} ms`)
    this.update({ state: "closed", reason, reconnectDelayMs: delay })
    this.reconnectTimer = setTimeout(() => this.reconnect(), delay)
  }

  private reconnect(): void {
    this.current.reconnects += 1
    this.connect()
  }

  private cancelReconnect(): void {
    if (this.reconnectTimer !== undefined) clearTimeout(this.reconnectTimer)
    this.reconnectTimer = undefined
  }

  // ---- keepalive ----

  private startKeepalive(session: Session): void {
    const keepalive = this.keepalive
    if (!keepalive) return
    session.pingTimer = setInterval(() => this.ping(session, keepalive.timeoutMs), keepalive.intervalMs)
  }

  private ping(session: Session, timeoutMs: number): void {
    if (session.pongTimer !== undefined || session.socket.readyState !== WebSocket.OPEN) return
    session.socket.ping()
    session.pongTimer = setTimeout(() => this.dropDeadConnection(session, timeoutMs), timeoutMs)
  }

  private dropDeadConnection(session: Session, timeoutMs: number): void {
    session.pongTimer = undefined
    session.reason = "ping_timeout"
    this.recordError(`no pong from the gate within ${timeoutMs} ms`)
    session.socket.terminate()
  }

  // ---- JSON-RPC ----

  private async handleMessage(session: Session, data: WebSocket.RawData): Promise<void> {
    this.current.lastMessageAt = new Date()
    const text = rawDataText(data)
    let message: unknown
    try {
      message = JSON.parse(text)
    } catch {
      this.answerUnparseable(session, text)
      return
    }
    if (Array.isArray(message)) {
      const replies = await Promise.all(message.map((item) => this.answer(item)))
      const sent = replies.filter((reply): reply is JsonRpcReply => reply !== null)
      if (sent.length > 0) this.send(session, sent)
      return
    }
    const reply = await this.answer(message)
    if (reply) this.send(session, reply)
  }

  private answerUnparseable(session: Session, text: string): void {
    const id = recoverId(text)
    this.note("warn", `a message from the gate is not valid JSON${id === undefined ? "; ignored" : ""}`)
    if (id !== undefined) this.send(session, errorReply(id, JSON_RPC_ERROR.parseError, "Parse error"))
  }

  /** The reply to one request; null for a notification (no id) or for something that is not a request. */
  private async answer(message: unknown): Promise<JsonRpcReply | null> {
    if (!isRequest(message)) return this.refuseNonRequest(message)
    const id = message.id
    try {
      const result = await this.call(message.method, message.params)
      if (id === undefined) return null
      // the docs' getStatus answer names its method; the order answer's example has none
      return message.method === "getStatus"
        ? { jsonrpc: "2.0", id, method: message.method, result }
        : { jsonrpc: "2.0", id, result }
    } catch (error) {
      if (id === undefined) return null
      const code = error instanceof GateCallError ? error.code : JSON_RPC_ERROR.serverError
      return errorReply(id, code, errorMessageOf(error).slice(0, MAX_ERROR_MESSAGE))
    }
  }

  private refuseNonRequest(message: unknown): JsonRpcReply | null {
    const id = idOf(message)
    if (isResponse(message)) return null
    this.note("warn", "a message from the gate is not a JSON-RPC 2.0 request")
    return id === undefined ? null : errorReply(id, JSON_RPC_ERROR.invalidRequest, "Invalid Request")
  }

  private call(method: string, params: unknown): Promise<unknown> {
    switch (method) {
      case "onOrderStatusChange":
        return this.deliverOrder(params)
      case "getStatus":
        return this.reportStatus(params)
      default:
        this.note("warn", `unknown method ${method.slice(0, 100)} called`)
        return Promise.reject(new GateCallError(JSON_RPC_ERROR.methodNotFound, `Method not found: ${method}`))
    }
  }

  private async deliverOrder(params: unknown): Promise<{ status: "success" }> {
    const order = this.orderOf(params)
    const what = `order ${order.id} (merchantOrderId ${order.merchantOrderId || "none"}, ${order.status})`
    try {
      await this.options.onOrderStatusChange(order)
    } catch (error) {
      this.note("warn", `onOrderStatusChange: ${what} not taken: ${errorMessageOf(error)}`)
      throw error
    }
    this.note("info", `onOrderStatusChange: ${what} taken`)
    return { status: "success" }
  }

  /** `params[0]`, checked like an HTTP notification's body; an invalid order never reaches the callback. */
  private orderOf(params: unknown): OrderNotification {
    if (!Array.isArray(params) || params.length === 0) {
      this.note("warn", "onOrderStatusChange without an order in params[0]: refused")
      throw new GateCallError(JSON_RPC_ERROR.invalidParams, "Invalid params: params[0] must be the order")
    }
    try {
      return validateOrderNotification(params[0])
    } catch (error) {
      this.note("warn", `onOrderStatusChange refused: ${errorMessageOf(error)}`)
      throw new GateCallError(JSON_RPC_ERROR.invalidParams, `Invalid params: ${errorMessageOf(error)}`)
    }
  }

  private async reportStatus(params: unknown): Promise<GateStatus> {
    const logQuantity = logQuantityOf(params)
    const custom = this.options.status ? await this.options.status({ logQuantity }) : {}
    const status: GateStatus = {
      version: PACKAGE_VERSION,
      type: "medusa",
      settings: {},
      log: this.recentLog(),
      ...custom,
    }
    return { ...status, log: lastLines(status.log, logQuantity) }
  }

  private send(session: Session, reply: JsonRpcReply | JsonRpcReply[]): void {
    if (session.socket.readyState !== WebSocket.OPEN) {
      this.note("warn", "a reply was not sent: the connection is closed (the gate repeats its call)")
      return
    }
    let text: string
    try {
      text = JSON.stringify(reply)
    } catch (error) {
      this.note("error", `a reply could not be serialised: ${errorMessageOf(error)}`)
      return
    }
    session.socket.send(text, (error) => {
      if (error) this.note("warn", `a reply was not sent: ${errorMessageOf(error)}`)
    })
  }

  // ---- state and log ----

  private update(change: Partial<GateConnectionState>): void {
    this.current = { ...this.current, ...change }
    const listener = this.options.onStateChange
    if (!listener) return
    try {
      listener(copyState(this.current))
    } catch {
      // a failing listener must not break the connection
    }
  }

  private recordError(message: string): void {
    const safe = this.redact(message)
    this.current.lastError = safe
    this.note("warn", safe)
  }

  /** Keeps the line for getStatus and hands it to the logger, the token masked. */
  private note(level: keyof GateLogger, message: string): void {
    const safe = this.redact(message)
    this.lines.push(`${new Date().toISOString()} ${level} ${safe}`)
    if (this.lines.length > this.logSize) this.lines.splice(0, this.lines.length - this.logSize)
    try {
      this.options.logger?.[level](`InvoiceBox gate: ${safe}`)
    } catch {
      // a failing logger must not break the connection
    }
  }

  private redact(text: string): string {
    return this.tokenForms.reduce((safe, form) => safe.split(form).join("***"), text)
  }
}

// ---- helpers ----

function parseUrl(text: string, what: string): URL {
  try {
    return new URL(text)
  } catch {
    throw new InvoiceboxError("invalid_options", `InvoiceBox gate: the ${what} is not a URL: ${text}`)
  }
}

function formEncoded(value: string): string {
  return new URLSearchParams({ value }).toString().slice("value=".length)
}

function jittered(ceiling: number, jitter: number, random: () => number): number {
  return Math.round(ceiling * (1 - Math.min(1, Math.max(0, jitter)) * random()))
}

function copyState(state: GateConnectionState): GateConnectionState {
  return {
    ...state,
    connectedAt: state.connectedAt && new Date(state.connectedAt),
    lastMessageAt: state.lastMessageAt && new Date(state.lastMessageAt),
  }
}

function lastLines(lines: readonly string[], quantity: number | undefined): string[] {
  if (quantity === undefined) return [...lines]
  return quantity <= 0 ? [] : lines.slice(-quantity)
}

/** `params.logQuantity` (or `params[0].logQuantity`) when it is a whole number ≥ 0. */
function logQuantityOf(params: unknown): number | undefined {
  const holder: unknown = Array.isArray(params) ? params[0] : params
  if (typeof holder !== "object" || holder === null) return undefined
  const quantity = (holder as { logQuantity?: unknown }).logQuantity
  return typeof quantity === "number" && Number.isInteger(quantity) && quantity >= 0 ? quantity : undefined
}

function stopKeepalive(session: Session): void {
  if (session.pingTimer !== undefined) clearInterval(session.pingTimer)
  session.pingTimer = undefined
  clearPongTimer(session)
}

function clearPongTimer(session: Session): void {
  if (session.pongTimer !== undefined) clearTimeout(session.pongTimer)
  session.pongTimer = undefined
}

/** Resolves once the socket is closed: a clean close, or a hard one when the gate does not answer it. */
function closeSocket(socket: WebSocket): Promise<void> {
  if (socket.readyState === WebSocket.CLOSED) return Promise.resolve()
  return new Promise((resolve) => {
    const hardClose = setTimeout(() => socket.terminate(), STOP_TERMINATE_AFTER_MS)
    socket.once("close", () => {
      clearTimeout(hardClose)
      resolve()
    })
    if (socket.readyState !== WebSocket.CLOSING) socket.close(1000, "stopped")
  })
}

function rawDataText(data: WebSocket.RawData): string {
  if (Buffer.isBuffer(data)) return data.toString("utf8")
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8")
  return Buffer.from(data).toString("utf8")
}

function isRequest(message: unknown): message is JsonRpcRequest {
  if (typeof message !== "object" || message === null || Array.isArray(message)) return false
  const candidate = message as Partial<Record<keyof JsonRpcRequest, unknown>>
  return (
    candidate.jsonrpc === "2.0" &&
    typeof candidate.method === "string" &&
    (candidate.id === undefined || isJsonRpcId(candidate.id))
  )
}

/** A reply to a call of ours (this client makes none): ignored. */
function isResponse(message: unknown): boolean {
  return (
    typeof message === "object" &&
    message !== null &&
    !("method" in message) &&
    ("result" in message || "error" in message)
  )
}

function isJsonRpcId(value: unknown): value is JsonRpcId {
  return typeof value === "string" || typeof value === "number" || value === null
}

function idOf(message: unknown): JsonRpcId | undefined {
  if (typeof message !== "object" || message === null) return undefined
  const id = (message as { id?: unknown }).id
  return isJsonRpcId(id) ? id : undefined
}

/** The id of a message that is not valid JSON, when it can still be read (`"id": "…"` or `"id": 12`). */
function recoverId(text: string): JsonRpcId | undefined {
  const match = /"id"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+)/.exec(text)
  if (!match) return undefined
  try {
    const id: unknown = JSON.parse(match[1]!)
    return isJsonRpcId(id) ? id : undefined
  } catch {
    return undefined
  }
}

function errorReply(id: JsonRpcId, code: number, message: string): JsonRpcReply {
  return { jsonrpc: "2.0", id, error: { code, message } }
}
