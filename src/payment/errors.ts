/**
 * An error in the store's own data or configuration (a provider option, a product's receipt metadata),
 * not in InvoiceBox's answer: the message says what to fix. Each Medusa adapter turns it into its
 * Medusa's "invalid data" error with the message unchanged.
 */
import { InvoiceboxError } from "../invoicebox/errors"

export class StoreDataError extends InvoiceboxError {
  constructor(code: "invalid_options" | "invalid_product_metadata", message: string) {
    super(code, message)
  }
}
