/** The boot-time token check: one log line naming the option to fix; never throws. */
import { DEMO_SHOP } from "../../src/invoicebox/types"
import { checkInvoiceboxConnection } from "../../src/providers/invoicebox/check-connection"
import { startSandbox, type RunningSandbox } from "../../src/sandbox"

let sandbox: RunningSandbox
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, quiet: true, rateLimit: false })
})
afterAll(() => sandbox.close())

function recorder() {
  const lines: Array<{ level: string; message: string }> = []
  const logger = {
    info: (message: string) => lines.push({ level: "info", message }),
    warn: (message: string) => lines.push({ level: "warn", message }),
  } as unknown as Parameters<typeof checkInvoiceboxConnection>[0]["logger"]
  return { lines, logger }
}

/** The check's own line (the client also logs each failed request). */
async function checkLine(lines: Array<{ level: string; message: string }>) {
  const own = () => lines.filter((line) => line.message.startsWith("InvoiceBox: "))
  for (let i = 0; i < 500 && own().length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20))
  return own()
}

const options = (extra: Record<string, unknown>) => ({
  merchantId: DEMO_SHOP.merchantId,
  token: DEMO_SHOP.token,
  notificationKey: DEMO_SHOP.notificationKey,
  apiUrl: sandbox.url,
  rateLimit: false,
  ...extra,
})

it("says the token is accepted", async () => {
  const { lines, logger } = recorder()
  await checkInvoiceboxConnection({ options: options({}), logger })
  expect(await checkLine(lines)).toEqual([{ level: "info", message: expect.stringContaining("is accepted") }])
})

it("names the `token` option when InvoiceBox refuses it, and never throws", async () => {
  const { lines, logger } = recorder()
  await expect(
    checkInvoiceboxConnection({ options: options({ token: "wrong-token-0000", timeoutMs: 2_000 }), logger })
  ).resolves.toBeUndefined()
  const own = await checkLine(lines)
  expect(own).toEqual([{ level: "warn", message: expect.stringMatching(/option `token` is refused.*unauthorized/) }])
  expect(lines.map((line) => line.message).join("\n")).not.toContain("wrong-token-0000")
})

it("an unreachable InvoiceBox is reported, not thrown", async () => {
  const { lines, logger } = recorder()
  await checkInvoiceboxConnection({
    options: options({
      apiUrl: "http://127.0.0.1:9",
      timeoutMs: 1_000,
      merchantId: "11111111-2222-4333-8444-555555555555",
    }),
    logger,
  })
  expect(await checkLine(lines)).toEqual([
    { level: "warn", message: expect.stringContaining("could not check the token") },
  ])
})

it("warns about the deprecated taxInclusive, saying what it is read as", async () => {
  const { lines, logger } = recorder()
  await checkInvoiceboxConnection({ options: { taxInclusive: false }, logger })
  expect(lines).toEqual([
    { level: "warn", message: expect.stringContaining('`taxInclusive: false` is read as `vatCodeVariant: "added"`') },
    { level: "info", message: expect.stringContaining("no account") },
  ])
  const quiet = recorder()
  await checkInvoiceboxConnection({ options: { vatCodeVariant: "per-line" }, logger: quiet.logger })
  expect(quiet.lines.filter((line) => line.level === "warn")).toEqual([])
})
