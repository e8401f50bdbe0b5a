/** Plain HTTP calls to a running sandbox for its conformance tests: the API as a client sends them. */
import axios, { type AxiosInstance } from "axios"

import type { CreateOrderRequest, Order } from "../../src/invoicebox/types"
import type { RunningSandbox } from "../../src/sandbox"
import { AUTH, orderRequest } from "../helpers/orders"

export interface SandboxApi {
  api: AxiosInstance
  createOrder(overrides?: Partial<CreateOrderRequest>): Promise<Order>
  pay(id: string, query?: string): Promise<Order>
}

/** An axios instance with the demo shop's token that never throws on HTTP errors. */
export function sandboxApi(sandbox: RunningSandbox): SandboxApi {
  const api = axios.create({ baseURL: sandbox.url, headers: AUTH, validateStatus: () => true })
  return {
    api,
    async createOrder(overrides = {}) {
      const res = await api.post("/v3/billing/api/order/order", orderRequest(overrides))
      if (res.status !== 200) throw new Error(`create order: HTTP ${res.status} ${JSON.stringify(res.data)}`)
      return res.data.data as Order
    },
    async pay(id, query = "notify=none") {
      const res = await api.post(`/_sandbox/orders/${id}/pay?${query}`)
      if (res.status !== 200) throw new Error(`pay: HTTP ${res.status} ${JSON.stringify(res.data)}`)
      return (res.data as { order: Order }).order
    },
  }
}

/** The API's error envelope with this HTTP status and code, and an X-Request-Id. */
export function expectApiError(
  res: { status: number; data: unknown; headers: Record<string, unknown> },
  status: number,
  code: string
): Array<{ name: string; code: string; message: string }> {
  expect(res.status).toBe(status)
  const error = (res.data as { error: { code: string; message: string; fields: [] } }).error
  expect(error.code).toBe(code)
  expect(res.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/)
  return error.fields
}
