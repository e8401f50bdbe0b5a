import { InvoiceboxError } from "../../src/invoicebox/errors"

/** The InvoiceboxError `run` throws; fails the test when it throws nothing or something else. */
export function errorOf(run: () => unknown): InvoiceboxError {
  try {
    run()
  } catch (error) {
    if (error instanceof InvoiceboxError) return error
    throw error
  }
  throw new Error("expected an InvoiceboxError, nothing was thrown")
}
