/**
 * How many API requests the sandbox answered, by route (`POST /billing/api/order/order`): what a
 * benchmark reads to count the InvoiceBox calls a checkout costs. `GET /_sandbox/requests`.
 */
import type { Request, Response } from "express"

export interface RequestCounts {
  total: number
  byRoute: Record<string, number>
  /** answers by HTTP status (429: the rate limit refused a request) */
  byStatus: Record<string, number>
}

export class ApiRequestLog {
  private counts = new Map<string, number>()
  private statuses = new Map<string, number>()

  /** Counts `req` when its answer is sent, under its route pattern (ids left out). */
  track(req: Request, res: Response): void {
    res.on("finish", () => {
      const pattern = req.route?.path
      const route = `${req.method} ${typeof pattern === "string" ? pattern : req.path}`
      this.counts.set(route, (this.counts.get(route) ?? 0) + 1)
      const status = String(res.statusCode)
      this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1)
    })
  }

  snapshot(): RequestCounts {
    const byRoute = Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)))
    const byStatus = Object.fromEntries([...this.statuses.entries()].sort(([a], [b]) => a.localeCompare(b)))
    return { total: [...this.counts.values()].reduce((sum, count) => sum + count, 0), byRoute, byStatus }
  }

  reset(): void {
    this.counts.clear()
    this.statuses.clear()
  }
}
