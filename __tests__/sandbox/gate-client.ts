/** A shop's end of the sandbox's WebSocket gate for its tests: records the calls, answers from a script. */
import WebSocket from "ws"

export interface GateRequest {
  jsonrpc: string
  id: string
  method: string
  params: unknown
}

/** How the shop answers a call: a result, a JSON-RPC error, or not at all. */
export type GateAnswer = { result: unknown } | { error: { code: number; message: string } } | "silence"

export class GateClient {
  readonly requests: GateRequest[] = []
  /** every other message the gate sent (e.g. its answers to the shop's own requests) */
  readonly others: unknown[] = []
  readonly closed: Promise<{ code: number; reason: string }>
  private answers: GateAnswer[] = []
  private fallback: (request: GateRequest) => GateAnswer = () => ({ result: { status: "success" } })

  private constructor(readonly socket: WebSocket) {
    socket.on("error", () => undefined)
    this.closed = new Promise((resolve) =>
      socket.once("close", (code, reason) => resolve({ code, reason: reason.toString() }))
    )
    socket.on("message", (data) => {
      const message = JSON.parse(String(data)) as Partial<GateRequest>
      if (typeof message.method !== "string" || typeof message.id !== "string") {
        this.others.push(message)
        return
      }
      const request = message as GateRequest
      this.requests.push(request)
      const answer = this.answers.shift() ?? this.fallback(request)
      if (answer === "silence") return
      socket.send(JSON.stringify({ jsonrpc: "2.0", id: request.id, ...answer }))
    })
  }

  static connect(url: string): Promise<GateClient> {
    const socket = new WebSocket(url)
    const client = new GateClient(socket)
    return new Promise((resolve, reject) => {
      socket.once("open", () => resolve(client))
      socket.once("error", reject)
    })
  }

  /** Answers for the next calls, in order; afterwards the fallback (a `result`). */
  script(...answers: GateAnswer[]): void {
    this.answers = answers
  }

  answerWith(fallback: (request: GateRequest) => GateAnswer): void {
    this.fallback = fallback
  }

  calls(method: string): GateRequest[] {
    return this.requests.filter((request) => request.method === method)
  }

  async waitFor(method: string, count: number, timeoutMs = 5_000): Promise<GateRequest[]> {
    const deadline = Date.now() + timeoutMs
    while (this.calls(method).length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} ${method} calls, got ${this.calls(method).length}`)
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    return this.calls(method)
  }

  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return
    this.socket.close()
    await this.closed
  }
}

/** The HTTP status and body with which the gate refused an upgrade (rejects when it accepted). */
export function refusedUpgrade(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url)
    socket.once("open", () => {
      socket.close()
      reject(new Error("the gate accepted the socket"))
    })
    socket.once("unexpected-response", (request, response) => {
      let body = ""
      response.on("data", (chunk: Buffer) => (body += chunk.toString()))
      response.on("end", () => {
        request.destroy()
        resolve({ status: response.statusCode ?? 0, body })
      })
    })
    socket.on("error", (error) => reject(error))
  })
}
