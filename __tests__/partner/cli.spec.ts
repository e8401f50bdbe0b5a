/** `invoicebox-partner` against the in-process sandbox (partner API) and a recording stand-in of a store. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"

import axios from "axios"

import { DEMO_SHOP } from "../../src/invoicebox/types"
import { EXIT_CODE, main, type PartnerCliIo } from "../../src/partner/cli"
import { startSandbox, type RunningSandbox } from "../../src/sandbox"
import { closeServer, listenLocally } from "../helpers/local-server"

/** The partner of the docs' examples (partner/integration/activation.md), the sandbox's default partner. */
const PARTNER = { partnerId: "dda90c3d-e2f8-4f90-aa8b-87b1cd2956a1", token: DEMO_SHOP.token }
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

let sandbox: RunningSandbox

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, quiet: true, rateLimit: false })
})
afterAll(() => sandbox.close())
beforeEach(() => sandbox.reset())

interface Run {
  exitCode: number
  stdout: string
  stderr: string
}

/** Runs the CLI with the partner's account in its environment (unless `env` says otherwise). */
async function run(argv: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  const out: string[] = []
  const err: string[] = []
  let exitCode: number = EXIT_CODE.ok
  const io: PartnerCliIo = {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    env: {
      INVOICEBOX_PARTNER_ID: PARTNER.partnerId,
      INVOICEBOX_PARTNER_TOKEN: PARTNER.token,
      INVOICEBOX_API_URL: sandbox.url,
      ...env,
    },
    setExitCode: (code) => {
      exitCode = code
    },
  }
  await main(argv, io)
  return { exitCode, stdout: out.join("\n"), stderr: err.join("\n") }
}

interface SandboxInvite {
  id: number
  identifier: string
  activationCode: string
  status: string
  merchantId?: string
}

async function sandboxInvites(): Promise<SandboxInvite[]> {
  const res = await axios.get<SandboxInvite[]>(`${sandbox.url}/_sandbox/invites`)
  return res.data
}

/** Invites a shop through the CLI and answers the activation code the sandbox sent it. */
async function invitedShopCode(email: string): Promise<string> {
  const invited = await run(["invite", "--email", email])
  expect(invited.exitCode).toBe(EXIT_CODE.ok)
  const invites = await sandboxInvites()
  const last = invites[invites.length - 1]!
  expect(last.identifier).toBe(email)
  return last.activationCode
}

function envValue(stdout: string, name: string): string | undefined {
  return new RegExp(`^${name}=(.*)$`, "m").exec(stdout)?.[1]
}

describe("invoicebox-partner invite", () => {
  it("sends the invitation and says what happens next", async () => {
    const result = await run([
      "invite",
      "--email",
      "shop@example.com",
      "--inn",
      "7707083893",
      "--company",
      "ООО Ромашка",
      "--phone",
      "+7 900 111-22-33",
    ])
    expect(result).toMatchObject({ exitCode: EXIT_CODE.ok, stderr: "" })
    const last = (await sandboxInvites()).pop()!
    expect(last).toMatchObject({ identifier: "shop@example.com", status: "sent" })
    expect(result.stdout).toContain(`Invitation ${last.id} sent to shop@example.com`)
    expect(result.stdout).toContain("activation code")
    expect(result.stdout).toContain("invoicebox-partner activate --code")
    expect(result.stdout).toContain("ИНН 7707083893")
  })

  it("prints JSON with --json", async () => {
    const result = await run(["invite", "--email", "json@example.com", "--json"])
    const last = (await sandboxInvites()).pop()!
    expect(JSON.parse(result.stdout)).toEqual({ inviteId: last.id, email: "json@example.com" })
  })

  it("refuses a bad e-mail or a mistyped ИНН with exit code 2 before any request", async () => {
    const before = (await sandboxInvites()).length
    const badEmail = await run(["invite", "--email", "not-an-email"])
    expect(badEmail.exitCode).toBe(EXIT_CODE.usage)
    expect(badEmail.stderr).toContain("--email: not an e-mail address")
    const badInn = await run(["invite", "--email", "shop@example.com", "--inn", "7707083894"])
    expect(badInn.exitCode).toBe(EXIT_CODE.usage)
    expect(badInn.stderr).toContain("--inn: INN check digit")
    expect(await sandboxInvites()).toHaveLength(before)
  })

  it("names every missing value with its environment variable (exit code 2)", async () => {
    const result = await run(["invite"], { INVOICEBOX_PARTNER_ID: undefined, INVOICEBOX_PARTNER_TOKEN: undefined })
    expect(result.exitCode).toBe(EXIT_CODE.usage)
    expect(result.stderr).toContain("--partner-id is required (or set INVOICEBOX_PARTNER_ID)")
    expect(result.stderr).toContain("--partner-token is required (or set INVOICEBOX_PARTNER_TOKEN)")
    expect(result.stderr).toContain("--email is required")
  })

  it("reports InvoiceBox's refusal with exit code 1", async () => {
    const result = await run(["invite", "--email", "shop@example.com", "--partner-token", "wrong-token"])
    expect(result.exitCode).toBe(EXIT_CODE.refused)
    expect(result.stderr).toContain("InvoiceBox refused")
    expect(result.stderr).toContain("unauthorized")
  })
})

describe("invoicebox-partner activate", () => {
  it("prints the new shop's settings as .env lines, the notification key left to the shop", async () => {
    const code = await invitedShopCode("new-shop@example.com")
    const result = await run(["activate", "--code", code])
    expect(result).toMatchObject({ exitCode: EXIT_CODE.ok, stderr: "" })
    const merchantId = envValue(result.stdout, "INVOICEBOX_MERCHANT_ID")
    const token = envValue(result.stdout, "INVOICEBOX_TOKEN")
    expect(merchantId).toMatch(UUID)
    expect(token).toEqual(expect.any(String))
    expect(token!.length).toBeGreaterThan(0)
    // a new shop, not the sandbox's default one
    expect(merchantId).not.toBe(DEMO_SHOP.merchantId)
    expect((await sandboxInvites()).pop()).toMatchObject({ status: "activated", merchantId })
    expect(envValue(result.stdout, "INVOICEBOX_NOTIFICATION_KEY")).toBe("")
    expect(result.stdout).toContain("personal account")
    // every other line is a comment: the output can be saved as a .env file
    expect(result.stdout.split("\n").every((line) => line.startsWith("#") || /^[A-Z_]+=/.test(line))).toBe(true)
  })

  it("prints JSON with --json", async () => {
    const code = await invitedShopCode("json-shop@example.com")
    const result = await run(["activate", "--code", code, "--json"])
    expect(JSON.parse(result.stdout)).toEqual({ merchantId: expect.stringMatching(UUID), token: expect.any(String) })
  })

  it("reports a wrong code with InvoiceBox's message and exit code 1", async () => {
    const result = await run(["activate", "--code", "000000000"])
    expect(result.exitCode).toBe(EXIT_CODE.refused)
    expect(result.stderr).toContain("InvoiceBox refused")
    expect(result.stderr).toContain("activationCode")
    expect(result.stdout).toBe("")
  })

  it("refuses options of another command", async () => {
    const result = await run(["activate", "--code", "1", "--email", "shop@example.com"])
    expect(result.exitCode).toBe(EXIT_CODE.usage)
    expect(result.stderr).toContain("--email: not an option of activate")
  })
})

interface StoreRequest {
  method: string
  path: string
  authorization: string | undefined
  body: unknown
}

/** A stand-in of a Medusa store: the admin sign-in and the InvoiceBox connection routes, recorded. */
class FakeStore {
  readonly requests: StoreRequest[] = []
  /** how the connection write is answered */
  connectAnswer: { status: number; body: unknown } | null = null
  private server: Server | undefined
  url = ""

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res))
    this.url = await listenLocally(this.server)
  }

  async close(): Promise<void> {
    if (this.server) await closeServer(this.server)
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readBody(req)
    const request: StoreRequest = {
      method: req.method ?? "",
      path: req.url ?? "",
      authorization: req.headers.authorization,
      body: text ? JSON.parse(text) : undefined,
    }
    this.requests.push(request)
    const answer = this.answer(request)
    res.writeHead(answer.status, { "Content-Type": "application/json" })
    res.end(JSON.stringify(answer.body))
  }

  private answer(request: StoreRequest): { status: number; body: unknown } {
    if (request.method === "POST" && request.path === "/auth/user/emailpass") {
      const { email, password } = request.body as { email: string; password: string }
      return email === "admin@example.com" && password === "supersecret"
        ? { status: 200, body: { token: "admin-jwt" } }
        : { status: 401, body: { type: "unauthorized", message: "Invalid email or password" } }
    }
    const authorized =
      request.authorization === "Bearer admin-jwt" ||
      request.authorization === `Basic ${Buffer.from("sk_test_123:").toString("base64")}`
    if (!authorized) return { status: 401, body: { type: "unauthorized", message: "Unauthorized" } }
    if (request.path !== "/admin/invoicebox/connections/pp_invoicebox_invoicebox") {
      return { status: 404, body: { message: "no such provider" } }
    }
    if (request.method === "GET")
      return { status: 200, body: { connection: { provider_id: "pp_invoicebox_invoicebox" } } }
    const body = request.body as { merchant_id: string }
    return (
      this.connectAnswer ?? {
        status: 200,
        body: {
          connection: { provider_id: "pp_invoicebox_invoicebox", merchant_id: body.merchant_id, connected: true },
        },
      }
    )
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    req.on("data", (chunk: Buffer) => chunks.push(chunk))
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")))
  })
}

describe("invoicebox-partner activate --store-url", () => {
  let store: FakeStore

  beforeEach(async () => {
    store = new FakeStore()
    await store.start()
  })
  afterEach(() => store.close())

  it("signs in as the admin and writes the settings to the provider's connection, the token masked", async () => {
    const code = await invitedShopCode("store-shop@example.com")
    const result = await run([
      "activate",
      "--code",
      code,
      "--store-url",
      `${store.url}/`,
      "--provider-id",
      "pp_invoicebox_invoicebox",
      "--admin-email",
      "admin@example.com",
      "--admin-password",
      "supersecret",
      "--notification-key",
      "0123456789abcdef",
    ])
    expect(result).toMatchObject({ exitCode: EXIT_CODE.ok, stderr: "" })
    const activated = (await sandboxInvites()).pop()!
    const write = store.requests.find((request) => request.method === "POST" && request.path.startsWith("/admin"))!
    expect(write).toMatchObject({
      path: "/admin/invoicebox/connections/pp_invoicebox_invoicebox",
      authorization: "Bearer admin-jwt",
      body: { merchant_id: activated.merchantId, token: expect.any(String), notification_key: "0123456789abcdef" },
    })
    const token = (write.body as { token: string }).token
    expect(result.stdout).toContain(`${token.slice(0, 4)}…`)
    expect(result.stdout).not.toContain(token)
    expect(result.stdout).toContain(`merchant id: ${activated.merchantId}`)
    expect(store.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      "POST /auth/user/emailpass",
      "GET /admin/invoicebox/connections/pp_invoicebox_invoicebox",
      "POST /admin/invoicebox/connections/pp_invoicebox_invoicebox",
    ])
  })

  it("sends a secret API key as Basic auth, and the API prefix (the provider id defaults)", async () => {
    const code = await invitedShopCode("key-shop@example.com")
    const result = await run([
      "activate",
      "--code",
      code,
      "--store-url",
      store.url,
      "--admin-api-key",
      "sk_test_123",
      "--api-prefix",
      "v3",
      "--json",
    ])
    expect(result.exitCode).toBe(EXIT_CODE.ok)
    const write = store.requests[store.requests.length - 1]!
    expect(write.authorization).toBe(`Basic ${Buffer.from("sk_test_123:").toString("base64")}`)
    const body = write.body as { merchant_id: string; token: string; api_prefix: string }
    expect(body.api_prefix).toBe("v3")
    expect(body).not.toHaveProperty("notification_key")
    const printed = JSON.parse(result.stdout) as { merchantId: string; token: string; connection: unknown }
    expect(printed).toEqual({
      merchantId: body.merchant_id,
      token: `${body.token.slice(0, 4)}…`,
      connection: { provider_id: "pp_invoicebox_invoicebox", merchant_id: body.merchant_id, connected: true },
    })
  })

  it("reports the store's 400 message with exit code 1, the token still masked", async () => {
    store.connectAnswer = { status: 400, body: { type: "invalid_data", message: "InvoiceBox refused the token" } }
    const code = await invitedShopCode("refused-shop@example.com")
    const result = await run(["activate", "--code", code, "--store-url", store.url, "--admin-api-key", "sk_test_123"])
    expect(result.exitCode).toBe(EXIT_CODE.refused)
    expect(result.stderr).toContain("HTTP 400: InvoiceBox refused the token")
    const token = (store.requests[store.requests.length - 1]!.body as { token: string }).token
    expect(result.stdout).toContain("the code is used up")
    expect(result.stdout).not.toContain(token)
  })

  it("checks the store's credentials before the activation code is used", async () => {
    const code = await invitedShopCode("wrong-password@example.com")
    const result = await run([
      "activate",
      "--code",
      code,
      "--store-url",
      store.url,
      "--admin-email",
      "admin@example.com",
      "--admin-password",
      "wrong",
    ])
    expect(result.exitCode).toBe(EXIT_CODE.refused)
    expect(result.stderr).toContain("the store refused the admin sign-in: HTTP 401: Invalid email or password")
    expect((await sandboxInvites()).pop()).toMatchObject({ activationCode: code, status: "sent" })
  })

  it("wants the store's admin credentials (exit code 2)", async () => {
    const result = await run(["activate", "--code", "123456789", "--store-url", store.url])
    expect(result.exitCode).toBe(EXIT_CODE.usage)
    expect(result.stderr).toContain("admin credentials are required")
    expect(store.requests).toEqual([])
  })
})

describe("invoicebox-partner --help", () => {
  it("prints the usage with exit code 0; no command is a usage error", async () => {
    const help = await run(["--help"])
    expect(help.exitCode).toBe(EXIT_CODE.ok)
    expect(help.stdout).toContain("invoicebox-partner invite --email")
    expect(help.stdout).toContain("invoicebox-partner activate --code")
    const none = await run([])
    expect(none.exitCode).toBe(EXIT_CODE.usage)
    expect(none.stderr).toContain("no command given")
  })
})
