/**
 * Base class of every error this package throws about InvoiceBox. `code` is machine-readable:
 * an InvoiceBox API error code (`wrong_total_amount`, `unauthorized`, ...) or one of this
 * package's own codes (documented where they are thrown). Messages never contain secrets.
 */
export class InvoiceboxError extends Error {
  readonly code: string

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = new.target.name
    this.code = code
  }
}
