/**
 * Sets an existing Medusa store up for InvoiceBox, idempotently: the InvoiceBox provider enabled in
 * the RUB region(s), RUB prices tax-inclusive, RUB among the store's currencies, and the tax region of
 * Russia with VAT 22 % (default) and 10 % (reduced). Run in the store's directory:
 *
 *   npx medusa exec ./node_modules/medusa-payment-invoicebox/.medusa/server/src/scripts/setup-store.js dry-run
 *   npx medusa exec ./node_modules/medusa-payment-invoicebox/.medusa/server/src/scripts/setup-store.js
 *
 * Arguments (after the path, without dashes): dry-run, region=<name or id>, create-region,
 * provider=<id>, vat=<rate>, reduced-vat=<rate>. The logic is in ./setup-store/.
 */
import type { ExecArgs } from "@medusajs/framework/types"

import { assertNoDroppedArguments, setUpStoreForInvoicebox, type StoreSetupReport } from "./setup-store/index"

export default async function setupStore({ container, args }: ExecArgs): Promise<StoreSetupReport> {
  assertNoDroppedArguments(process.argv)
  return setUpStoreForInvoicebox(container, args)
}
