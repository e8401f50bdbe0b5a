import type { Response } from "express"

export interface ErrorField {
  name: string
  code: string
  message: string
}

/** A failure the API reports as `{ "error": { code, message, fields? } }`. */
export class SandboxApiError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly code: string,
    message: string,
    readonly fields: ErrorField[] = []
  ) {
    super(message)
  }
}

export function sendData(res: Response, data: unknown, extra: Record<string, unknown> = {}, status = 200): void {
  res.status(status).json({ data, ...extra, extendedData: [] })
}

export function sendError(res: Response, error: SandboxApiError): void {
  res.status(error.httpStatus).json({
    error: { message: error.message, code: error.code, fields: error.fields },
  })
}
