/** InvoiceBox errors as Medusa errors: the message keeps the InvoiceBox code and X-Request-Id. */
import { MedusaError } from "@medusajs/framework/utils"

import {
  InvoiceboxApiError,
  InvoiceboxError,
  InvoiceboxNetworkError,
  InvoiceboxResultUnknownError,
} from "../../invoicebox/errors"
import { StoreDataError } from "../../payment/errors"

const INVALID_DATA_CODES = new Set([
  "invalid_amount",
  "invalid_quantity",
  "invalid_basket",
  "invalid_basket_line",
  "basket_amount_mismatch",
  "invalid_refund_amount",
  "refund_exceeds_refundable",
  "unsupported_vat_rate",
])

export function toMedusaError(error: unknown, action: string): MedusaError {
  if (error instanceof MedusaError) return error
  // the store's own options or product data: the message already says what to fix
  if (error instanceof StoreDataError) return new MedusaError(MedusaError.Types.INVALID_DATA, error.message)
  if (error instanceof InvoiceboxError) {
    const type =
      INVALID_DATA_CODES.has(error.code) || (error instanceof InvoiceboxApiError && error.httpStatus === 422)
        ? MedusaError.Types.INVALID_DATA
        : error instanceof InvoiceboxNetworkError ||
            error instanceof InvoiceboxResultUnknownError ||
            (error instanceof InvoiceboxApiError && error.httpStatus >= 500)
          ? MedusaError.Types.UNEXPECTED_STATE
          : MedusaError.Types.NOT_ALLOWED
    return new MedusaError(type, `InvoiceBox: ${action} failed [${error.code}]: ${error.message}`)
  }
  const message = error instanceof Error ? error.message : String(error)
  return new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `InvoiceBox: ${action} failed: ${message}`)
}

/** `work()`'s result; a StoreDataError (a bad option, a product's bad receipt metadata) as Medusa's INVALID_DATA. */
export function withMedusaDataErrors<T>(work: () => T): T {
  try {
    return work()
  } catch (error) {
    throw error instanceof StoreDataError ? toMedusaError(error, "") : error
  }
}
