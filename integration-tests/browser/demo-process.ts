/**
 * `npm run demo` as a store owner starts it (a child process on free ports, its own data folder), the
 * lines it prints, and Debian's chromium for the browser tests.
 */
import { spawn, type ChildProcess } from "node:child_process"
import { chmodSync, existsSync, mkdirSync, mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"

import { chromium, type Browser, type Page } from "playwright-core"

import { freePort } from "../../scripts/lib/postgres"

export const ROOT = resolve(__dirname, "../..")
export const SHOTS = join(ROOT, "artifacts", "browser")
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"

export type DemoLines = Record<
  | "DEMO_STORE_URL"
  | "DEMO_STOREFRONT_URL"
  | "DEMO_ADMIN_URL"
  | "DEMO_ADMIN_EMAIL"
  | "DEMO_ADMIN_PASSWORD"
  | "DEMO_PUBLISHABLE_KEY"
  | "DEMO_SANDBOX_URL",
  string
> & { DEMO_STORE_URL_2?: string }

export interface RunningDemo {
  process: ChildProcess
  lines: DemoLines
  output: () => string
  /** Ctrl-C, as a person would stop it; resolves when it has exited */
  stop: () => Promise<void>
}

/** The demo's own database: DATABASE_URL's server with a database of its own, or embedded PostgreSQL. */
function databaseEnv(name: string): Record<string, string> {
  if (!process.env.DATABASE_URL) return {}
  const url = new URL(process.env.DATABASE_URL)
  url.pathname = `/${name}`
  return { DATABASE_URL: url.toString() }
}

/** Environment of one demo (ports and data folder), kept for restarts. */
export async function demoEnvironment(options: { production?: boolean; database: string }): Promise<NodeJS.ProcessEnv> {
  const dataDir = mkdtempSync(join(tmpdir(), "invoicebox-demo-"))
  chmodSync(dataDir, 0o755)
  return {
    ...process.env,
    ...databaseEnv(options.database),
    DEMO_DATA_DIR: dataDir,
    DEMO_PORT: String(await freePort()),
    DEMO_STOREFRONT_PORT: String(await freePort()),
    DEMO_SANDBOX_PORT: String(await freePort()),
    DEMO_PG_PORT: String(await freePort()),
    ...(options.production
      ? {
          DEMO_PORT_2: String(await freePort()),
          DEMO_WORKER_PORT: String(await freePort()),
          DEMO_REDIS_PORT: String(await freePort()),
        }
      : {}),
  }
}

export function startDemo(env: NodeJS.ProcessEnv, flags: string[], timeoutMs = 300_000): Promise<RunningDemo> {
  let output = ""
  const expected = flags.includes("--production") ? 8 : 7
  const child = spawn(process.execPath, ["-r", "@swc-node/register", "scripts/demo.ts", ...flags], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  })
  // a test process that ends first (a failure, --forceExit) still stops the demo, as Ctrl-C would
  process.once("exit", () => child.kill("SIGINT"))
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((done) => child.once("exit", done))
    child.kill("SIGINT")
    await exited
  }
  return new Promise((done, fail) => {
    const found: Partial<DemoLines> = {}
    const timer = setTimeout(
      () => fail(new Error(`the demo did not get ready in ${timeoutMs / 1000} s:\n${output}`)),
      timeoutMs
    )
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()))
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString()
      for (const match of chunk.toString().matchAll(/^(DEMO_[A-Z_0-9]+)=(.*)$/gm))
        found[match[1] as keyof DemoLines] = match[2]!
      if (Object.keys(found).length === expected) {
        clearTimeout(timer)
        done({ process: child, lines: found as DemoLines, output: () => output, stop })
      }
    })
    child.once("exit", (code) => {
      clearTimeout(timer)
      fail(new Error(`the demo exited with ${code}:\n${output}`))
    })
  })
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No chromium at ${CHROMIUM}: install Debian's (apt-get install chromium) or set CHROMIUM_PATH`)
  }
  mkdirSync(SHOTS, { recursive: true })
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  })
}

export async function fillCheckout(page: Page): Promise<void> {
  await page.getByTestId("email").fill("buyer@example.com")
  await page.getByTestId("first-name").fill("Иван")
  await page.getByTestId("last-name").fill("Петров")
  await page.getByTestId("phone").fill("+7 900 111-22-33")
  await page.getByTestId("address").fill("ул. Ленина, 1")
  await page.getByTestId("city").fill("Казань")
  await page.getByTestId("postal-code").fill("420000")
  await page.getByTestId("to-shipping").click()
  await page.getByTestId("pay").waitFor()
}

export async function adminLogin(page: Page, lines: DemoLines, adminUrl = lines.DEMO_ADMIN_URL): Promise<void> {
  await page.goto(`${adminUrl}/login`, { timeout: 180_000 })
  await page.locator("input[name=email]").waitFor({ timeout: 180_000 })
  await page.locator("input[name=email]").fill(lines.DEMO_ADMIN_EMAIL)
  await page.locator("input[name=password]").fill(lines.DEMO_ADMIN_PASSWORD)
  await page.locator("button[type=submit]").click()
  await page.waitForURL(/\/app\/orders/, { timeout: 120_000 })
}
