/**
 * GET /v3/filter/api/counterparty-detail?vatNumber= (dictionary/counterparty-detail.md): plausible,
 * deterministic company data for every valid ИНН, nothing for an invalid one.
 */
import axios from "axios"

import type { Counterparty } from "../../src/invoicebox/types"
import { startSandbox, type RunningSandbox } from "../../src/sandbox"
import { AUTH } from "../helpers/orders"
import { expectApiError, sandboxApi, type SandboxApi } from "./sandbox-client"

let sandbox: RunningSandbox
let ib: SandboxApi

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, quiet: true, rateLimit: false })
  ib = sandboxApi(sandbox)
})
afterAll(() => sandbox.close())

const lookup = (vatNumber?: string) =>
  ib.api.get("/v3/filter/api/counterparty-detail", { params: vatNumber === undefined ? {} : { vatNumber } })

/** ОГРН (13 digits, modulus 11) / ОГРНИП (15 digits, modulus 13): the last digit checks the rest. */
function checksOut(registrationNumber: string, modulus: bigint): boolean {
  const body = registrationNumber.slice(0, -1)
  return String((BigInt(body) % modulus) % 10n) === registrationNumber.slice(-1)
}

it("describes an organisation: КПП, ОГРН, names, address, registration date", async () => {
  const res = await lookup("7707083893")
  expect(res.status).toBe(200)
  expect(res.data.metaData).toEqual({ totalCount: 1, pageSize: 30, page: 1 })
  const [company] = res.data.data as Counterparty[]
  expect(company).toEqual({
    id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
    vatNumber: "7707083893",
    taxRegistrationReasonCode: "770701001",
    name: expect.stringMatching(/^ООО «.+»$/),
    nameFull: expect.stringMatching(/^Общество с ограниченной ответственностью «.+»$/),
    registrationNumber: expect.stringMatching(/^1\d{12}$/),
    registrationDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT00:00:00\+00:00$/),
    registrationAddress: expect.stringContaining("г. Москва"),
    postAddress: expect.any(String),
    postAddressZip: expect.stringMatching(/^\d{6}$/),
  })
  expect(checksOut(company!.registrationNumber!, 11n)).toBe(true)
  expect(company!.name!.length).toBeLessThanOrEqual(100)
  expect(company!.registrationAddress!.length).toBeLessThanOrEqual(200)
})

it("describes an individual entrepreneur: no КПП, ОГРНИП", async () => {
  const [entrepreneur] = (await lookup("500100732259")).data.data as Counterparty[]
  expect(entrepreneur).not.toHaveProperty("taxRegistrationReasonCode")
  expect(entrepreneur!.name).toMatch(/^ИП [А-ЯЁ][а-яё]+ [А-ЯЁ]\. [А-ЯЁ]\.$/)
  expect(entrepreneur!.registrationNumber).toMatch(/^3\d{14}$/)
  expect(checksOut(entrepreneur!.registrationNumber!, 13n)).toBe(true)
})

it("gives the same company for the same ИНН, also after a restart", async () => {
  const first = (await lookup("2323232323")).data.data
  const other = await startSandbox({ port: 0, quiet: true, rateLimit: false })
  try {
    const again = await axios.get(`${other.url}/v3/filter/api/counterparty-detail?vatNumber=2323232323`, {
      headers: AUTH,
    })
    expect(again.data.data).toEqual(first)
  } finally {
    await other.close()
  }
  expect(((await lookup("7710044140")).data.data as Counterparty[])[0]!.id).not.toBe(first[0].id)
})

it("finds nothing for an ИНН with wrong check digits; requires vatNumber and a token", async () => {
  const none = await lookup("7707083894")
  expect(none.data).toMatchObject({ data: [], metaData: { totalCount: 0 } })
  expect(expectApiError(await lookup(), 422, "validation_error").map((field) => field.name)).toEqual(["vatNumber"])
  const anonymous = await axios.get(`${sandbox.url}/v3/filter/api/counterparty-detail?vatNumber=7707083893`, {
    validateStatus: () => true,
  })
  expectApiError(anonymous, 401, "unauthorized")
})
