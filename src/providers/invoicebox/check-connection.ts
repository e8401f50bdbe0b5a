/**
 * At boot (a loader of the provider): warn about deprecated options (providerOptionWarnings), then ask
 * InvoiceBox whether the configured token is accepted, and say so in one log line that names the
 * option to fix. Never blocks or fails the start: a store whose InvoiceBox is unreachable for a moment
 * still starts, and the check runs in the background. Options without an account (connected from the
 * admin) are not checked here: the settings page checks them.
 */
import { createHash } from "node:crypto"

import type { Logger } from "@medusajs/framework/types"

import { errorMessageOf, InvoiceboxApiError } from "../../invoicebox/errors"
import { withMedusaDataErrors } from "./errors"
import { parseProviderOptions, providerOptionWarnings } from "../../payment/options"
import { invoiceboxClient } from "./registry"

const checked = new Set<string>()

export async function checkInvoiceboxConnection({
  options,
  logger,
}: {
  options?: unknown
  logger?: Logger
}): Promise<void> {
  const parsed = withMedusaDataErrors(() => parseProviderOptions(options))
  for (const warning of providerOptionWarnings(options)) logger?.warn(warning)
  if (!parsed.token) {
    logger?.info(
      "InvoiceBox: no account in the provider's options; connect the shop in the admin (Settings → InvoiceBox)"
    )
    return
  }
  const account = createHash("sha256")
    .update(JSON.stringify([parsed.apiUrl, parsed.apiPrefix, parsed.merchantId, parsed.token]))
    .digest("hex")
  if (checked.has(account)) return
  checked.add(account)
  void invoiceboxClient(parsed, logger)
    .checkAuth()
    .then(() => logger?.info(`InvoiceBox: the token for merchant ${parsed.merchantId} is accepted (${parsed.apiUrl})`))
    .catch((error: unknown) => {
      const refused = error instanceof InvoiceboxApiError && (error.httpStatus === 401 || error.httpStatus === 403)
      logger?.warn(
        refused
          ? `InvoiceBox: the provider option \`token\` is refused for merchant ${parsed.merchantId} ` +
              `(${error.code}, X-Request-Id ${error.requestId ?? "none"}): check \`token\` and \`apiPrefix\` ` +
              `("l3" for InvoiceBox.Business tokens); payments will fail until it is fixed`
          : `InvoiceBox: could not check the token for merchant ${parsed.merchantId} at ${parsed.apiUrl} ` +
              `(${errorMessageOf(error)}); check \`apiUrl\` if this persists`
      )
    })
}
