import { createServer, type IncomingMessage, type Server } from "node:http"
import type { AddressInfo } from "node:net"

export interface ReceivedNotification {
  body: string
  signature: string | undefined
  contentType: string | undefined
}

export type Reply = { status: number; body: string; delayMs?: number }

/** A store's notification endpoint stand-in: records each POST and answers from a script of replies. */
export class NotificationReceiver {
  readonly received: ReceivedNotification[] = []
  private replies: Reply[] = []
  private fallback: Reply = { status: 200, body: '{"status":"success"}' }
  private server: Server | undefined
  url = ""

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void readBody(req).then(async (body) => {
        this.received.push({
          body,
          signature: req.headers["x-signature"] as string | undefined,
          contentType: req.headers["content-type"],
        })
        const reply = this.replies.shift() ?? this.fallback
        if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs))
        if (!res.destroyed) res.writeHead(reply.status, { "Content-Type": "application/json" }).end(reply.body)
      })
    })
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve))
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/invoicebox`
    return this
  }

  /** Replies for the next requests, in order; afterwards `{"status":"success"}`. */
  script(...replies: Reply[]): void {
    this.replies = replies
  }

  clear(): void {
    this.received.length = 0
    this.replies = []
  }

  async waitFor(count: number, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (this.received.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} notifications, got ${this.received.length}`)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server?.closeAllConnections()
      this.server?.close(() => resolve())
    })
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    req.on("data", (chunk: Buffer) => chunks.push(chunk))
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")))
  })
}
