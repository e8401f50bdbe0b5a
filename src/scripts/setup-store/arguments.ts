/**
 * The setup command's arguments. Medusa 2.21's `medusa exec <file> [args..]` hands the script only
 * plain words: it rejects `--options` it does not know itself and keeps whatever follows `--` from the
 * script. So the documented form is without dashes (`dry-run region=Россия vat=22`); the dashed form
 * (`--dry-run --region Россия`) is accepted too, for callers that pass `args` themselves.
 */
import { parseArgs } from "node:util"

import { MedusaError } from "@medusajs/framework/utils"

/** The InvoiceBox provider of a store that registers it with `id: "invoicebox"`. */
export const DEFAULT_PAYMENT_PROVIDER_ID = "pp_invoicebox_invoicebox"
/** Russia's standard VAT since 1 January 2026 (376-ФЗ). */
export const DEFAULT_VAT_RATE = 22
/** The reduced VAT for foods, children's goods, books, medicines (НК РФ ст. 164 п. 2). */
export const DEFAULT_REDUCED_VAT_RATE = 10

export interface StoreSetupOptions {
  /** report what would change, change nothing */
  dryRun: boolean
  /** the RUB region to set up, by name or id; undefined: every region whose currency is RUB */
  region: string | undefined
  /** create a RUB region for Russia when the store has none */
  createRegion: boolean
  /** the InvoiceBox payment provider to enable (`pp_invoicebox_{id}`) */
  paymentProviderId: string
  /** the Russian tax region's default rate, % */
  vatRate: number
  /** the reduced rate, % */
  reducedVatRate: number
}

export const USAGE = `Usage: npx medusa exec ./node_modules/medusa-payment-invoicebox/.medusa/server/src/scripts/setup-store.js [dry-run] [region=<name or id>] [create-region] [provider=<id>] [vat=<rate>] [reduced-vat=<rate>]

  dry-run            print what would change and change nothing
  region=<name|id>   the RUB region to set up (default: every region whose currency is RUB)
  create-region      create the region «Россия» (RUB, country ru) when the store has no RUB region
  provider=<id>      the InvoiceBox payment provider (default ${DEFAULT_PAYMENT_PROVIDER_ID})
  vat=<rate>         the default VAT rate of the tax region ru, % (default ${DEFAULT_VAT_RATE})
  reduced-vat=<rate> the reduced VAT rate, % (default ${DEFAULT_REDUCED_VAT_RATE})

Write the arguments after the script's path without dashes: medusa exec passes nothing after \`--\`.`

const OPTIONS = {
  "dry-run": { type: "boolean" },
  region: { type: "string" },
  "create-region": { type: "boolean" },
  provider: { type: "string" },
  vat: { type: "string" },
  "reduced-vat": { type: "string" },
} as const

type OptionName = keyof typeof OPTIONS

function isOptionName(word: string): word is OptionName {
  return Object.prototype.hasOwnProperty.call(OPTIONS, word)
}

/** `dry-run` → `--dry-run`, `region=Россия` → `--region=Россия`; values and dashed words stay. */
export function normalizeArguments(args: readonly string[]): string[] {
  return args.map((word) => {
    if (word.startsWith("-")) return word
    const name = word.includes("=") ? word.slice(0, word.indexOf("=")) : word
    return isOptionName(name) ? `--${word}` : word
  })
}

function invalid(message: string): MedusaError {
  return new MedusaError(MedusaError.Types.INVALID_ARGUMENT, `${message}\n\n${USAGE}`)
}

function parseRate(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback
  const rate = Number(text.trim().replace(",", "."))
  if (text.trim() === "" || !Number.isFinite(rate) || rate < 0 || rate > 100)
    throw invalid(`${name}=${text}: a VAT rate is a number of percent from 0 to 100`)
  return rate
}

function parseWords(args: readonly string[]) {
  try {
    return parseArgs({ args: normalizeArguments(args), options: OPTIONS, strict: true, allowPositionals: false }).values
  } catch (error) {
    throw invalid(error instanceof Error ? error.message : String(error))
  }
}

/** The options. Throws a MedusaError (with the usage) for anything it does not know. */
export function parseStoreSetupArguments(args: readonly string[]): StoreSetupOptions {
  const values = parseWords(args)
  const region = values.region?.trim()
  if (values.region !== undefined && !region) throw invalid("region= needs a region's name or id")
  const paymentProviderId = values.provider?.trim() ?? DEFAULT_PAYMENT_PROVIDER_ID
  if (!paymentProviderId) throw invalid("provider= needs a payment provider's id")
  const vatRate = parseRate("vat", values.vat, DEFAULT_VAT_RATE)
  const reducedVatRate = parseRate("reduced-vat", values["reduced-vat"], DEFAULT_REDUCED_VAT_RATE)
  if (reducedVatRate === vatRate)
    throw invalid(`The reduced VAT rate must differ from the default one (both ${vatRate} %)`)
  return {
    dryRun: values["dry-run"] ?? false,
    region: region || undefined,
    createRegion: values["create-region"] ?? false,
    paymentProviderId,
    vatRate,
    reducedVatRate,
  }
}

/**
 * The words `medusa exec` dropped: those after `--` on its command line (`process.argv`). Empty
 * unless this process is `medusa exec … -- …`.
 */
export function argumentsDroppedByMedusaExec(argv: readonly string[]): string[] {
  const words = argv.slice(2)
  if (words[0] !== "exec") return []
  const separator = words.indexOf("--")
  return separator < 0 ? [] : words.slice(separator + 1)
}

/** Refuses to run when arguments were lost on the way (a dry run must never turn into a real one). */
export function assertNoDroppedArguments(argv: readonly string[]): void {
  const dropped = argumentsDroppedByMedusaExec(argv)
  if (!dropped.length) return
  const plain = dropped.map((word) => word.replace(/^--?/, "")).join(" ")
  throw new MedusaError(
    MedusaError.Types.INVALID_ARGUMENT,
    `medusa exec does not pass what follows \`--\` to the script (it dropped: ${dropped.join(" ")}), ` +
      `so nothing was changed. Write the arguments after the script's path without dashes: ` +
      `npx medusa exec <path to setup-store.js> ${plain}`
  )
}
