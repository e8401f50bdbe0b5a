import { FetchError } from "@medusajs/js-sdk"

import type { Failure } from "./types"

/** A request's error as the admin should read it. */
export function errorMessage(error: unknown): string {
  if (error instanceof FetchError && error.status) return `${error.message} (HTTP ${error.status})`
  return error instanceof Error ? error.message : String(error)
}

/** InvoiceBox's error for one payment, with the request id its support asks for. */
export const failureMessage = (failure: Failure): string =>
  `${failure.code}: ${failure.message} (X-Request-Id: ${failure.request_id ?? "—"})`
