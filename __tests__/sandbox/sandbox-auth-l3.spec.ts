/** InvoiceBox.Business shops call `/l3/` with tokens of the form `NNN-API:token` (api/auth.md). */
import axios from "axios"

import { DEMO_SHOP } from "../../src/invoicebox/types"
import { startSandbox, type RunningSandbox } from "../../src/sandbox"
import { orderRequest } from "../helpers/orders"
import { expectApiError } from "./sandbox-client"

let sandbox: RunningSandbox

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, quiet: true, rateLimit: false })
})
afterAll(() => sandbox.close())

const call = (path: string, token: string, body?: object) =>
  axios.request({
    url: `${sandbox.url}${path}`,
    method: body ? "POST" : "GET",
    data: body,
    headers: { Authorization: `Bearer ${token}` },
    validateStatus: () => true,
  })

describe("l3 tokens", () => {
  it("accepts NNN-API:token under /l3/ for reads and writes", async () => {
    const token = `29078-API:${DEMO_SHOP.token}`
    const auth = await call("/l3/security/api/auth/auth", token)
    expect(auth.status).toBe(200)
    expect(auth.data.data.userId).toEqual(expect.any(String))
    const created = await call("/l3/billing/api/order/order", token, orderRequest())
    expect(created.status).toBe(200)
    expect(created.data.data.status).toBe("created")
  })

  it("refuses an l3 token under /v3/, and an l3 token around another token or without the shop number", async () => {
    expectApiError(await call("/v3/filter/api/order/order", `29078-API:${DEMO_SHOP.token}`), 401, "unauthorized")
    expectApiError(await call("/l3/filter/api/order/order", "29078-API:0000"), 401, "unauthorized")
    expectApiError(await call("/l3/filter/api/order/order", `API:${DEMO_SHOP.token}`), 401, "unauthorized")
  })
})
