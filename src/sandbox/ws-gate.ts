/**
 * The WebSocket gate (api/websockets.md) on the sandbox's own HTTP server:
 * `ws://host:port/v3/gate/rpc?token=<shop token>` (the docs: only `/v3/`). A wrong or missing token
 * is refused with HTTP 401 before the upgrade. A shop may keep any number of sockets open; the
 * sandbox calls JSON-RPC 2.0 methods over them (`onOrderStatusChange`, `getStatus`) and matches the
 * answers by id. Requests from the shop are answered with JSON-RPC errors (the docs define none).
 */
import { randomBytes, randomUUID } from "node:crypto"
import { STATUS_CODES, type IncomingMessage, type Server } from "node:http"
import type { Duplex } from "node:stream"

import { WebSocketServer, type RawData, type WebSocket } from "ws"

import type { MerchantRegistry } from "./merchant-registry"
import { atom } from "./store"

export const GATE_PATH = "/v3/gate/rpc"

/** Close code of sockets the sandbox closes (dropped, stopping): 1001 going away. */
export const GOING_AWAY = 1001
/** How long a closed socket may take to finish the closing handshake before it is cut. */
const CLOSE_GRACE_MS = 500

export interface JsonRpcRequest {
  jsonrpc: "2.0"
  id: string
  method: string
  params: unknown
}

/** What became of a call: the first `result`, else every socket's `error`, no answer, or no socket. */
export type RpcAnswer =
  | { kind: "result"; result: unknown; raw: string }
  | { kind: "error"; error: unknown; raw: string }
  | { kind: "timeout" }
  | { kind: "closed" }
  | { kind: "no_socket" }

export interface RpcCall {
  answer: RpcAnswer
  /** the request as sent */
  requestBody: string
  /** how many sockets it went to */
  sockets: number
}

export interface GateConnectionView {
  id: string
  connectedAt: string
}

export interface MerchantConnectionsView {
  merchantId: string
  open: number
  sockets: GateConnectionView[]
}

interface GateConnection {
  id: string
  merchantId: string
  socket: WebSocket
  connectedAt: string
}

interface OpenCall {
  targets: Set<GateConnection>
  errors: Array<{ error: unknown; raw: string }>
  finish(answer: RpcAnswer): void
}

export class WebSocketGate {
  private readonly server = new WebSocketServer({ noServer: true })
  private readonly connections = new Set<GateConnection>()
  private readonly calls = new Map<string, OpenCall>()
  private readonly connectListeners: Array<(merchantId: string) => void> = []

  constructor(
    private readonly merchants: MerchantRegistry,
    private readonly log: (line: string) => void = () => undefined
  ) {}

  /** Takes over the HTTP server's upgrade requests. */
  attach(server: Server): void {
    server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(req, socket, head))
  }

  /** Called with the merchant's id each time one of its sockets opens. */
  onConnect(listener: (merchantId: string) => void): void {
    this.connectListeners.push(listener)
  }

  isOpen(merchantId: string): boolean {
    return this.open(merchantId).length > 0
  }

  /** A fresh JSON-RPC id like the docs' `01823fdac4b7a7b5a3ac`. */
  newRpcId(): string {
    return randomBytes(10).toString("hex")
  }

  /**
   * Sends the request over every open socket of the merchant and waits for the first `result`; when
   * every socket answered with an `error` (or closed), that is the answer; past `timeoutMs`, none.
   */
  call(merchantId: string, request: JsonRpcRequest, timeoutMs: number): Promise<RpcCall> {
    const targets = this.open(merchantId)
    const requestBody = JSON.stringify(request)
    if (targets.length === 0) return Promise.resolve({ answer: { kind: "no_socket" }, requestBody, sockets: 0 })
    return new Promise((resolve) => {
      let done = false
      const call: OpenCall = {
        targets: new Set(targets),
        errors: [],
        finish: (answer) => {
          if (done) return
          done = true
          clearTimeout(timer)
          this.calls.delete(request.id)
          resolve({ answer, requestBody, sockets: targets.length })
        },
      }
      const timer = setTimeout(() => call.finish({ kind: "timeout" }), timeoutMs)
      this.calls.set(request.id, call)
      for (const target of targets) {
        target.socket.send(requestBody, (error) => {
          if (error) this.leaveCall(call, target)
        })
      }
    })
  }

  /** Every merchant with its open sockets (none: open 0). */
  connectionsView(): MerchantConnectionsView[] {
    return this.merchants.list().map((merchant) => {
      const sockets = this.open(merchant.id).map(({ id, connectedAt }) => ({ id, connectedAt }))
      return { merchantId: merchant.id, open: sockets.length, sockets }
    })
  }

  /** Closes the merchant's sockets from the server side (1001); how many there were. */
  drop(merchantId: string): number {
    const sockets = this.open(merchantId)
    for (const connection of sockets) this.closeConnection(connection, "dropped by the sandbox")
    return sockets.length
  }

  /** Closes the sockets of merchants that are no longer registered (after a reset). */
  dropUnregistered(): void {
    for (const connection of [...this.connections]) {
      if (!this.merchants.find(connection.merchantId)) this.closeConnection(connection, "merchant removed")
    }
  }

  /** Closes every socket (server stop). */
  async close(): Promise<void> {
    const closing = [...this.connections].map(
      (connection) =>
        new Promise<void>((resolve) => {
          connection.socket.once("close", () => resolve())
          this.closeConnection(connection, "sandbox stopping")
        })
    )
    await Promise.all(closing)
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  private open(merchantId: string): GateConnection[] {
    return [...this.connections].filter(
      (connection) => connection.merchantId === merchantId && connection.socket.readyState === connection.socket.OPEN
    )
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on("error", () => socket.destroy())
    const url = new URL(req.url ?? "/", "http://sandbox")
    const path = url.pathname.replace(/\/+$/, "")
    if (path !== GATE_PATH) {
      refuse(socket, 404, "not_found", `Not found: ${url.pathname}`)
      this.log(`[invoicebox-sandbox] WS ${url.pathname} → 404`)
      return
    }
    const token = url.searchParams.get("token")
    const merchant = token ? this.merchants.byToken(token, "v3") : undefined
    if (!merchant) {
      refuse(socket, 401, "unauthorized", "Unauthorized")
      this.log(`[invoicebox-sandbox] WS ${GATE_PATH} → 401`)
      return
    }
    this.server.handleUpgrade(req, socket, head, (ws) => this.accept(ws, merchant.id))
  }

  private accept(socket: WebSocket, merchantId: string): void {
    const connection: GateConnection = { id: randomUUID(), merchantId, socket, connectedAt: atom(new Date()) }
    this.connections.add(connection)
    this.log(`[invoicebox-sandbox] WS ${GATE_PATH} ↔ merchant ${merchantId} (${this.open(merchantId).length} open)`)
    socket.on("message", (data: RawData) => this.receive(connection, text(data)))
    socket.on("close", () => this.forget(connection))
    socket.on("error", () => this.forget(connection))
    for (const listener of this.connectListeners) listener(merchantId)
  }

  private receive(connection: GateConnection, raw: string): void {
    let message: unknown
    try {
      message = JSON.parse(raw)
    } catch {
      this.reply(connection, null, { code: -32700, message: "Parse error" })
      return
    }
    if (typeof message !== "object" || message === null || Array.isArray(message)) {
      this.reply(connection, null, { code: -32600, message: "Invalid Request" })
      return
    }
    const fields = message as Record<string, unknown>
    const id = fields.id
    const isAnswer = "result" in fields || "error" in fields
    if (!isAnswer) {
      // a request (or notification) from the shop: the gate offers no methods
      if (typeof fields.method === "string" && (typeof id === "string" || typeof id === "number")) {
        this.reply(connection, id, { code: -32601, message: "Method not found" })
      }
      return
    }
    if (typeof id !== "string" && typeof id !== "number") return
    const call = this.calls.get(String(id))
    if (!call || !call.targets.has(connection)) return
    if ("result" in fields) {
      call.finish({ kind: "result", result: fields.result, raw })
      return
    }
    call.errors.push({ error: fields.error, raw })
    this.leaveCall(call, connection)
  }

  private reply(
    connection: GateConnection,
    id: string | number | null,
    error: { code: number; message: string }
  ): void {
    connection.socket.send(JSON.stringify({ jsonrpc: "2.0", id, error }))
  }

  /** The socket will not answer the call (it answered an error, closed or could not be written to). */
  private leaveCall(call: OpenCall, connection: GateConnection): void {
    call.targets.delete(connection)
    if (call.targets.size > 0) return
    const [first] = call.errors
    call.finish(first ? { kind: "error", ...first } : { kind: "closed" })
  }

  private forget(connection: GateConnection): void {
    if (!this.connections.delete(connection)) return
    for (const call of [...this.calls.values()]) if (call.targets.has(connection)) this.leaveCall(call, connection)
  }

  private closeConnection(connection: GateConnection, reason: string): void {
    this.forget(connection)
    const { socket } = connection
    socket.close(GOING_AWAY, reason)
    setTimeout(() => socket.terminate(), CLOSE_GRACE_MS).unref()
  }
}

/** Refuses an upgrade with an HTTP answer in the API's error envelope. */
function refuse(socket: Duplex, status: number, code: string, message: string): void {
  const body = JSON.stringify({ error: { message, code, fields: [] } })
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ""}\r\n` +
      "Content-Type: application/json\r\n" +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      "Connection: close\r\n\r\n" +
      body
  )
}

function text(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString("utf8")
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8")
  return Buffer.from(data).toString("utf8")
}
