/** The WebSocket gate client (api/websockets.md) against a real in-process `ws` server. */
import type { IncomingMessage } from "node:http"
import type { AddressInfo } from "node:net"

import WebSocket, { WebSocketServer, type ServerOptions } from "ws"

import { DEMO_SHOP, type OrderNotification } from "../../src/invoicebox/types"
import { PACKAGE_VERSION } from "../../src/invoicebox/version"
import {
  DEFAULT_WS_GATE_URL,
  gateConnectUrl,
  gateReconnectDelayMs,
  gateUrlForApiBase,
  InvoiceboxGateConnection,
  JSON_RPC_ERROR,
  type GateConnectionState,
  type GateLogger,
  type InvoiceboxGateOptions,
} from "../../src/invoicebox/ws-gate"

/** A token with characters that must be URL-encoded. */
const TOKEN = "29078-API:b37c4c68+/="

interface GateClient {
  socket: WebSocket
  request: IncomingMessage
}

interface RpcReply {
  jsonrpc: string
  id: string | number | null
  method?: string
  result?: unknown
  error?: { code: number; message: string }
}

/** The gate's side: a WebSocketServer on a free port that hands out each connection as it comes. */
class FakeGate {
  readonly clients: GateClient[] = []
  private readonly waiters = new Map<number, Array<(client: GateClient) => void>>()

  private constructor(readonly server: WebSocketServer) {
    server.on("connection", (socket, request) => {
      const client = { socket, request }
      this.clients.push(client)
      for (const resolve of this.waiters.get(this.clients.length) ?? []) resolve(client)
      this.waiters.delete(this.clients.length)
    })
  }

  static async start(options: ServerOptions = {}): Promise<FakeGate> {
    const server = new WebSocketServer({ port: 0, host: "127.0.0.1", ...options })
    await new Promise<void>((resolve) => server.once("listening", resolve))
    return new FakeGate(server)
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/v3/gate/rpc`
  }

  /** The connection number `n` (1-based), once it is made. */
  connection(n: number): Promise<GateClient> {
    const made = this.clients[n - 1]
    if (made) return Promise.resolve(made)
    return new Promise((resolve) => this.waiters.set(n, [...(this.waiters.get(n) ?? []), resolve]))
  }

  close(): Promise<void> {
    for (const client of this.server.clients) client.terminate()
    return new Promise((resolve) => this.server.close(() => resolve()))
  }
}

/** Sends one JSON-RPC message and resolves with the reply carrying the same id. */
function call(socket: WebSocket, message: Record<string, unknown> | string, id: unknown): Promise<RpcReply> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData): void => {
      const reply = JSON.parse(String(data)) as RpcReply
      if (reply.id !== id) return
      socket.off("message", onMessage)
      resolve(reply)
    }
    socket.on("message", onMessage)
    socket.send(typeof message === "string" ? message : JSON.stringify(message))
  })
}

function orderNotification(overrides: Partial<OrderNotification> = {}): OrderNotification {
  return {
    id: "01823fda-667f-6ddb-02a3-c4b7a7b5a3ac",
    description: "Описание заказа",
    currencyId: "RUB",
    amount: 1487.52,
    vatAmount: 247.92,
    basketItems: [],
    merchantId: DEMO_SHOP.merchantId,
    status: "completed",
    createdAt: "2023-07-27T13:30:53+00:00",
    merchantOrderId: "1658928653",
    ...overrides,
  } as OrderNotification
}

/** Collects the states the connection reports and resolves waits on them. */
class StateLog {
  readonly states: GateConnectionState[] = []
  private waiters: Array<{
    matches: (state: GateConnectionState) => boolean
    resolve: (s: GateConnectionState) => void
  }> = []

  readonly listener = (state: GateConnectionState): void => {
    this.states.push(state)
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.matches(state)) return true
      waiter.resolve(state)
      return false
    })
  }

  next(matches: (state: GateConnectionState) => boolean): Promise<GateConnectionState> {
    return new Promise((resolve) => this.waiters.push({ matches, resolve }))
  }
}

function silentLogger(): GateLogger & { warn: jest.Mock } {
  return { info: jest.fn(), warn: jest.fn(), error: jest.fn() }
}

const gates: FakeGate[] = []
const connections: InvoiceboxGateConnection[] = []

async function startGate(options: ServerOptions = {}): Promise<FakeGate> {
  const gate = await FakeGate.start(options)
  gates.push(gate)
  return gate
}

function connect(
  gate: FakeGate,
  overrides: Partial<InvoiceboxGateOptions> = {}
): { connection: InvoiceboxGateConnection; states: StateLog } {
  const states = new StateLog()
  const connection = new InvoiceboxGateConnection({
    url: gate.url,
    token: TOKEN,
    onOrderStatusChange: async () => undefined,
    logger: silentLogger(),
    backoff: { initialMs: 5, maxMs: 20, jitter: 0 },
    keepalive: false,
    onStateChange: states.listener,
    ...overrides,
  })
  connections.push(connection)
  connection.start()
  return { connection, states }
}

afterEach(async () => {
  await Promise.all(connections.splice(0).map((connection) => connection.stop()))
  await Promise.all(gates.splice(0).map((gate) => gate.close()))
})

describe("gate URLs", () => {
  it("derives the gate of a local sandbox from its API base URL and keeps production's own host", () => {
    expect(gateUrlForApiBase("http://127.0.0.1:9100")).toBe("ws://127.0.0.1:9100/v3/gate/rpc")
    expect(gateUrlForApiBase("https://sandbox.example.com/invoicebox/")).toBe(
      "wss://sandbox.example.com/invoicebox/v3/gate/rpc"
    )
    expect(gateUrlForApiBase("https://api.invoicebox.ru")).toBe(DEFAULT_WS_GATE_URL)
    expect(() => gateUrlForApiBase("ftp://example.com")).toThrow(expect.objectContaining({ code: "invalid_options" }))
  })

  it("puts the token URL-encoded in the `token` query parameter", () => {
    const url = new URL(gateConnectUrl(DEFAULT_WS_GATE_URL, TOKEN))
    expect(url.searchParams.get("token")).toBe(TOKEN)
    expect(url.search).not.toContain(":")
    expect(url.search).not.toContain("+")
  })

  it("grows the reconnect wait exponentially up to the maximum, less up to `jitter` of it", () => {
    const backoff = { initialMs: 1000, maxMs: 60_000, factor: 2, jitter: 0.5, resetAfterMs: 10_000 }
    expect([1, 2, 3, 7, 20].map((failures) => gateReconnectDelayMs(failures, backoff, () => 0))).toEqual([
      1000, 2000, 4000, 60_000, 60_000,
    ])
    expect(gateReconnectDelayMs(2, backoff, () => 0.999_999)).toBe(1000)
  })
})

describe("InvoiceboxGateConnection", () => {
  it("connects with the token in the query and reports the open state", async () => {
    const gate = await startGate()
    const { connection, states } = connect(gate)
    const opened = states.next((state) => state.state === "open")
    const { request } = await gate.connection(1)
    expect(new URL(request.url ?? "", gate.url).pathname).toBe("/v3/gate/rpc")
    expect(new URL(request.url ?? "", gate.url).searchParams.get("token")).toBe(TOKEN)
    const state = await opened
    expect(state.connectedAt).toBeInstanceOf(Date)
    expect(connection.state).toMatchObject({ state: "open", reconnects: 0 })
  })

  it("answers onOrderStatusChange with success after the callback has taken the order", async () => {
    const gate = await startGate()
    let finish: () => void = () => undefined
    let received: (order: OrderNotification) => void = () => undefined
    const callbackCalled = new Promise<OrderNotification>((resolve) => (received = resolve))
    const { connection } = connect(gate, {
      onOrderStatusChange: (order) => {
        received(order)
        return new Promise<void>((resolve) => (finish = resolve))
      },
    })
    const { socket } = await gate.connection(1)
    let answered = false
    const reply = call(
      socket,
      { jsonrpc: "2.0", id: "01823fdac4b7a7b5a3ac", method: "onOrderStatusChange", params: [orderNotification()] },
      "01823fdac4b7a7b5a3ac"
    ).then((value) => {
      answered = true
      return value
    })
    const order = await callbackCalled
    // the callback has not finished: no reply can have been sent
    expect(answered).toBe(false)
    finish()
    expect(await reply).toEqual({ jsonrpc: "2.0", id: "01823fdac4b7a7b5a3ac", result: { status: "success" } })
    expect(order).toMatchObject({ id: "01823fda-667f-6ddb-02a3-c4b7a7b5a3ac", status: "completed", amount: 1487.52 })
    expect(connection.state.lastMessageAt).toBeInstanceOf(Date)
  })

  it("answers with a JSON-RPC error carrying the message when the callback throws", async () => {
    const gate = await startGate()
    connect(gate, {
      onOrderStatusChange: async () => {
        throw new Error("the database is down")
      },
    })
    const { socket } = await gate.connection(1)
    const reply = await call(
      socket,
      { jsonrpc: "2.0", id: 17, method: "onOrderStatusChange", params: [orderNotification()] },
      17
    )
    expect(reply).toEqual({
      jsonrpc: "2.0",
      id: 17,
      error: { code: JSON_RPC_ERROR.serverError, message: "the database is down" },
    })
  })

  it("refuses an invalid order without calling the callback", async () => {
    const gate = await startGate()
    const onOrderStatusChange = jest.fn(async () => undefined)
    connect(gate, { onOrderStatusChange })
    const { socket } = await gate.connection(1)
    const missingFields = await call(
      socket,
      { jsonrpc: "2.0", id: "a", method: "onOrderStatusChange", params: [{ id: "x", status: "completed" }] },
      "a"
    )
    expect(missingFields.error).toEqual({
      code: JSON_RPC_ERROR.invalidParams,
      message: expect.stringContaining("merchantId"),
    })
    const emptyMerchantOrderId = await call(
      socket,
      {
        jsonrpc: "2.0",
        id: "b",
        method: "onOrderStatusChange",
        params: [orderNotification({ merchantOrderId: "" })],
      },
      "b"
    )
    expect(emptyMerchantOrderId.error?.message).toContain("empty merchantOrderId")
    const noParams = await call(socket, { jsonrpc: "2.0", id: "c", method: "onOrderStatusChange" }, "c")
    expect(noParams.error?.code).toBe(JSON_RPC_ERROR.invalidParams)
    expect(onOrderStatusChange).not.toHaveBeenCalled()
  })

  it("answers getStatus with the package version, type and the last logQuantity log lines", async () => {
    const gate = await startGate()
    const { connection } = connect(gate)
    const { socket } = await gate.connection(1)
    await call(socket, { jsonrpc: "2.0", id: 1, method: "onOrderStatusChange", params: [orderNotification()] }, 1)
    const all = connection.recentLog()
    expect(all.length).toBeGreaterThanOrEqual(2)
    expect(all.join("\n")).not.toContain("b37c4c68")

    const reply = await call(socket, { jsonrpc: "2.0", id: "s", method: "getStatus", params: { logQuantity: 1 } }, "s")
    expect(reply).toEqual({
      jsonrpc: "2.0",
      id: "s",
      method: "getStatus",
      result: { version: PACKAGE_VERSION, type: "medusa", settings: {}, log: [all[all.length - 1]] },
    })
    const everything = await call(socket, { jsonrpc: "2.0", id: "t", method: "getStatus", params: {} }, "t")
    expect((everything.result as { log: string[] }).log).toEqual(all)
  })

  it("answers getStatus from the status option, cut to logQuantity", async () => {
    const gate = await startGate()
    connect(gate, {
      status: () => ({ version: "9.9.9", settings: { apiPrefix: "v3" }, log: ["one", "two", "three"] }),
    })
    const { socket } = await gate.connection(1)
    const reply = await call(socket, { jsonrpc: "2.0", id: 2, method: "getStatus", params: { logQuantity: 2 } }, 2)
    expect(reply.result).toEqual({
      version: "9.9.9",
      type: "medusa",
      settings: { apiPrefix: "v3" },
      log: ["two", "three"],
    })
  })

  it("answers an unknown method with -32601 and ignores unparseable messages (-32700 when an id is readable)", async () => {
    const gate = await startGate()
    const logger = silentLogger()
    connect(gate, { logger })
    const { socket } = await gate.connection(1)
    const unknown = await call(socket, { jsonrpc: "2.0", id: 5, method: "reboot" }, 5)
    expect(unknown.error?.code).toBe(JSON_RPC_ERROR.methodNotFound)

    socket.send("this is not JSON")
    // replies come in order: the next one is getStatus's, so the garbage got none
    const next = await call(socket, { jsonrpc: "2.0", id: 6, method: "getStatus" }, 6)
    expect(next.result).toBeDefined()
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining("not valid JSON"))

    const broken = await call(socket, '{"jsonrpc":"2.0","id":7,"method":"getStatus",', 7)
    expect(broken).toEqual({
      jsonrpc: "2.0",
      id: 7,
      error: { code: JSON_RPC_ERROR.parseError, message: "Parse error" },
    })
  })

  it("reconnects after the gate closes the socket", async () => {
    const gate = await startGate()
    const { connection, states } = connect(gate)
    const first = await gate.connection(1)
    const closed = states.next((state) => state.state === "closed")
    first.socket.close(1001, "going away")
    expect(await closed).toMatchObject({ reason: "closed", reconnectDelayMs: 5 })
    const second = await gate.connection(2)
    expect(new URL(second.request.url ?? "", gate.url).searchParams.get("token")).toBe(TOKEN)
    await states.next((state) => state.state === "open")
    expect(connection.state.reconnects).toBe(1)
  })

  it("drops a connection whose pings get no pong, and connects again", async () => {
    const gate = await startGate({ autoPong: false })
    const { states } = connect(gate, { keepalive: { intervalMs: 10, timeoutMs: 10 } })
    const dropped = states.next((state) => state.state === "closed")
    await gate.connection(1)
    expect(await dropped).toMatchObject({ reason: "ping_timeout", lastError: expect.stringContaining("no pong") })
    await gate.connection(2)
  })

  it("reports a 401 upgrade as unauthorized and waits the longest backoff before trying again", async () => {
    const gate = await startGate({ verifyClient: (_info, done) => done(false, 401, "Unauthorized") })
    const { connection, states } = connect(gate, { backoff: { initialMs: 5, maxMs: 45_000, jitter: 0 } })
    const refused = await states.next((state) => state.state === "closed")
    expect(refused).toMatchObject({ reason: "unauthorized", reconnectDelayMs: 45_000 })
    expect(refused.lastError).toContain("401")
    expect(refused.lastError).not.toContain("b37c4c68")
    expect(connection.recentLog().join("\n")).not.toContain("b37c4c68")
    await connection.stop()
    expect(connection.state).toMatchObject({ state: "stopped", reconnects: 0 })
  })

  it("stop() closes the socket and cancels the scheduled reconnect", async () => {
    const gate = await startGate()
    const constructed: string[] = []
    class CountingWebSocket extends WebSocket {
      constructor(address: string, options?: WebSocket.ClientOptions) {
        super(address, options)
        constructed.push(address)
      }
    }
    jest.useFakeTimers({
      doNotFake: ["Date", "hrtime", "nextTick", "performance", "queueMicrotask", "setImmediate", "clearImmediate"],
    })
    try {
      const { connection, states } = connect(gate, {
        WebSocket: CountingWebSocket,
        backoff: { initialMs: 1000, jitter: 0 },
      })
      const first = await gate.connection(1)
      await states.next((state) => state.state === "open")
      const closed = states.next((state) => state.state === "closed")
      first.socket.close()
      await closed
      await connection.stop()
      expect(connection.state).toMatchObject({ state: "stopped", reconnectDelayMs: undefined })
      jest.advanceTimersByTime(120_000)
      expect(constructed).toHaveLength(1)
      expect(jest.getTimerCount()).toBe(0)
    } finally {
      jest.useRealTimers()
    }
  })

  it("stop() on an open connection resolves once the gate sees the socket closed", async () => {
    const gate = await startGate()
    const { connection, states } = connect(gate)
    const { socket } = await gate.connection(1)
    await states.next((state) => state.state === "open")
    const gateSawClose = new Promise<number>((resolve) => socket.once("close", (code) => resolve(code)))
    await connection.stop()
    expect(connection.state.state).toBe("stopped")
    expect(await gateSawClose).toBe(1000)
    expect(gate.clients).toHaveLength(1)
  })
})
