/** API tokens as presented in `Authorization: Bearer …` (api/auth.md). */
import type { Request } from "express"

/** The bearer token of a request, if any. */
export function bearer(req: Request): string | undefined {
  const header = req.header("authorization")
  const match = header ? /^Bearer\s+(.+)$/i.exec(header.trim()) : null
  return match ? match[1] : undefined
}

/**
 * Whether `presented` is `token`: as is, or under `/l3/` (InvoiceBox.Business shops) in the form
 * `NNN-API:token`.
 */
export function matchesToken(presented: string, token: string, prefix: string): boolean {
  if (presented === token) return true
  const business = /^\d+-API:(.+)$/.exec(presented)
  return prefix === "l3" && business !== null && business[1] === token
}
