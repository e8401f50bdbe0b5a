import type { Logger } from "@medusajs/framework/types"

import { InvoiceboxClient } from "../../invoicebox/client"
import type { InvoiceboxProviderOptions } from "./options"

/** The InvoiceBox client for a store's provider options; failed requests are logged with their X-Request-Id. */
export function clientFor(options: InvoiceboxProviderOptions, logger?: Logger): InvoiceboxClient {
  return new InvoiceboxClient({
    token: options.token,
    baseUrl: options.apiUrl,
    apiPrefix: options.apiPrefix,
    timeoutMs: options.timeoutMs,
    rateLimit: options.rateLimit === false ? false : { ...options.rateLimit, maxWaitMs: 10_000 },
    logger: (entry) => {
      if (entry.errorCode) {
        logger?.warn(
          `InvoiceBox ${entry.method} ${entry.path} → ${entry.status ?? "no reply"} ${entry.errorCode} ` +
            `(attempt ${entry.attempt}, X-Request-Id ${entry.requestId ?? "none"})`
        )
      }
    },
  })
}
