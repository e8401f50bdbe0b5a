/**
 * `npm run demo` — the whole InvoiceBox demo on one machine, from one command:
 *   PostgreSQL (DATABASE_URL, or an embedded server whose data stays in .demo-data/)
 *   → the InvoiceBox sandbox → Medusa (this plugin + the admin dashboard; migrations; the demo seed)
 *   → a minimal storefront (demo/storefront).
 * When everything answers it prints DEMO_STORE_URL=…, DEMO_STOREFRONT_URL=…, … one per line.
 * Ctrl-C stops everything it started. `--reset` starts from an empty database.
 * `--production`: the production topology instead of one development process — Redis (a throw-away
 * redis-server), the admin built once (`medusa build --admin-only`), two servers (`workerMode:
 * "server"`, the second on DEMO_PORT_2) and one worker (DEMO_WORKER_PORT), NODE_ENV=production;
 * it also prints DEMO_STORE_URL_2.
 *
 * Ports: DEMO_PORT (Medusa, 9000), DEMO_STOREFRONT_PORT (8000), DEMO_SANDBOX_PORT (9100),
 * DEMO_PG_PORT (embedded PostgreSQL, 54329), with --production DEMO_PORT_2 (9001), DEMO_WORKER_PORT
 * (9002), DEMO_REDIS_PORT (6390); data folder: DEMO_DATA_DIR (.demo-data).
 */
import type { ChildProcess } from "node:child_process"
import { chmodSync, cpSync, createWriteStream, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs"
import type { Server } from "node:http"
import { createServer } from "node:net"
import { join, resolve } from "node:path"

import express from "express"
import { Client } from "pg"

import type { DemoSeed } from "../demo/seed-demo"
import { startSandbox, type RunningSandbox } from "../src/sandbox"
import { REPOSITORY_ROOT as ROOT, spawnMedusa, stopProcess, waitForHealth } from "./lib/medusa-process"
import { connectionFromUrl, startLocalPostgres, type PostgresConnection } from "./lib/postgres"
import { startRedis } from "./lib/redis"

const args = new Set(process.argv.slice(2))
const env = process.env
const port = (name: string, fallback: number): number => {
  const value = Number(env[name] ?? fallback)
  if (!Number.isInteger(value) || value <= 0 || value > 65535)
    throw new Error(`${name} must be a port number, got ${env[name]}`)
  return value
}

const settings = {
  storePort: port("DEMO_PORT", 9000),
  storefrontPort: port("DEMO_STOREFRONT_PORT", 8000),
  sandboxPort: port("DEMO_SANDBOX_PORT", 9100),
  pgPort: port("DEMO_PG_PORT", 54329),
  dataDir: resolve(ROOT, env.DEMO_DATA_DIR ?? ".demo-data"),
  databaseName: "medusa_invoicebox_demo",
  reset: args.has("--reset"),
  verbose: args.has("--verbose"),
  production: args.has("--production"),
  storePort2: port("DEMO_PORT_2", 9001),
  workerPort: port("DEMO_WORKER_PORT", 9002),
  redisPort: port("DEMO_REDIS_PORT", 6390),
}
const storeUrl = `http://localhost:${settings.storePort}`
const storefrontUrl = `http://localhost:${settings.storefrontPort}`
const sandboxUrl = `http://localhost:${settings.sandboxPort}`
const storeUrl2 = `http://localhost:${settings.storePort2}`

const stops: Array<() => Promise<void> | void> = []
let stopping = false

function step(message: string): void {
  process.stderr.write(`[demo] ${message}\n`)
}

async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true
    step("stopping…")
    for (const stop of stops.reverse()) {
      await Promise.resolve(stop()).catch((error: unknown) =>
        step(`while stopping: ${error instanceof Error ? error.message : String(error)}`)
      )
    }
  }
  process.exit(code)
}

process.on("SIGINT", () => void stopAll(0))
process.on("SIGTERM", () => void stopAll(0))

/** Every port the demo will listen on must be free; a clear message names the variable to change. */
async function checkPorts(): Promise<void> {
  const wanted: Array<[string, number]> = [
    ["DEMO_PORT", settings.storePort],
    ["DEMO_STOREFRONT_PORT", settings.storefrontPort],
    ["DEMO_SANDBOX_PORT", settings.sandboxPort],
  ]
  if (!env.DATABASE_URL) wanted.push(["DEMO_PG_PORT", settings.pgPort])
  if (settings.production) {
    wanted.push(["DEMO_PORT_2", settings.storePort2], ["DEMO_WORKER_PORT", settings.workerPort])
    wanted.push(["DEMO_REDIS_PORT", settings.redisPort])
  }
  for (const [name, value] of wanted) {
    const free = await new Promise<boolean>((done) => {
      const probe = createServer()
      probe.once("error", () => done(false))
      probe.listen(value, () => probe.close(() => done(true)))
    })
    if (!free) throw new Error(`port ${value} (${name}) is in use: stop what uses it or set ${name} to a free port`)
  }
}

async function main(): Promise<void> {
  await checkPorts()
  if (settings.reset && existsSync(settings.dataDir)) {
    step(`--reset: removing ${settings.dataDir}`)
    rmSync(settings.dataDir, { recursive: true, force: true })
  }
  mkdirSync(settings.dataDir, { recursive: true })
  chmodSync(settings.dataDir, 0o755) // as root the embedded server runs as `postgres` and must reach its folder

  step("1/5 PostgreSQL…")
  const databaseUrl = await startDatabase()

  step(`2/5 InvoiceBox sandbox on ${sandboxUrl}…`)
  const sandbox: RunningSandbox = await startSandbox({
    port: settings.sandboxPort,
    host: "127.0.0.1",
    publicUrl: sandboxUrl,
    quiet: !settings.verbose,
    // InvoiceBox keeps its orders: so does the demo's sandbox, so a refund after a restart still works
    stateFile: join(settings.dataDir, "sandbox-state.json"),
  })
  stops.push(() => sandbox.close())

  const medusaEnv: NodeJS.ProcessEnv = {
    ...env,
    NODE_ENV: "development",
    MEDUSA_DISABLE_TELEMETRY: "true",
    DATABASE_URL: databaseUrl,
    PORT: String(settings.storePort),
    MEDUSA_BACKEND_URL: storeUrl,
    STOREFRONT_URL: storefrontUrl,
    STORE_CORS: storefrontUrl,
    ADMIN_CORS: storeUrl,
    AUTH_CORS: `${storefrontUrl},${storeUrl}`,
    INVOICEBOX_API_URL: `http://127.0.0.1:${settings.sandboxPort}`,
    // the demo reconciles often, so a dropped notification shows up within seconds of its grace period
    INVOICEBOX_RECONCILE_EVERY_SECONDS: process.env.INVOICEBOX_RECONCILE_EVERY_SECONDS ?? "15",
  }
  delete medusaEnv.MEDUSA_ADMIN_DISABLED
  if (settings.production) {
    step(`production topology: Redis on port ${settings.redisPort}…`)
    const redis = await startRedis(settings.redisPort)
    stops.push(() => redis.stop())
    Object.assign(medusaEnv, {
      NODE_ENV: "production",
      REDIS_URL: redis.url,
      // the demo serves plain http on localhost: the admin's session cookie cannot be `Secure` there
      MEDUSA_COOKIE_SECURE: "false",
    })
  }

  step("3/5 migrations…")
  await runMedusa(["db:migrate"], medusaEnv, "migrate")
  step("4/5 demo store seed…")
  const seedFile = join(settings.dataDir, "seed.json")
  await runMedusa(["exec", "./demo/seed-demo.ts"], { ...medusaEnv, DEMO_SEED_OUTPUT: seedFile }, "seed")
  const seed = JSON.parse(readFileSync(seedFile, "utf8")) as DemoSeed

  if (settings.production) {
    step("building the admin dashboard (medusa build --admin-only)…")
    await runMedusa(["build", "--admin-only"], { ...medusaEnv, MEDUSA_ADMIN_BACKEND_URL: "/" }, "build")
    // `medusa start` serves the built dashboard from <project>/public/admin
    rmSync(join(ROOT, "public/admin"), { recursive: true, force: true })
    cpSync(join(ROOT, ".medusa/admin"), join(ROOT, "public/admin"), { recursive: true })
  }
  step(`5/5 Medusa on ${storeUrl} and the storefront on ${storefrontUrl}…`)
  const instances: Array<{ url: string; child: ChildProcess; log: string }> = settings.production
    ? [
        { url: storeUrl, child: startMedusa({ ...medusaEnv, MEDUSA_WORKER_MODE: "server" }, "medusa"), log: "medusa" },
        {
          url: storeUrl2,
          child: startMedusa(
            { ...medusaEnv, MEDUSA_WORKER_MODE: "server", PORT: String(settings.storePort2) },
            "medusa-2"
          ),
          log: "medusa-2",
        },
        {
          url: `http://localhost:${settings.workerPort}`,
          child: startMedusa(
            {
              ...medusaEnv,
              MEDUSA_WORKER_MODE: "worker",
              PORT: String(settings.workerPort),
              MEDUSA_ADMIN_DISABLED: "true",
            },
            "worker"
          ),
          log: "worker",
        },
      ]
    : [{ url: storeUrl, child: startMedusa(medusaEnv, "medusa"), log: "medusa" }]
  const storefront = await serveStorefront(seed)
  stops.push(() => new Promise<void>((done) => storefront.close(() => done())))
  for (const instance of instances) {
    await waitForHealth(instance.url, instance.child).catch((error: Error) => {
      throw new Error(`${error.message}; see ${join(settings.dataDir, `${instance.log}.log`)}:\n${tail(instance.log)}`)
    })
  }

  const lines = {
    DEMO_STORE_URL: storeUrl,
    DEMO_STOREFRONT_URL: storefrontUrl,
    DEMO_ADMIN_URL: `${storeUrl}/app`,
    DEMO_ADMIN_EMAIL: seed.adminEmail,
    DEMO_ADMIN_PASSWORD: seed.adminPassword,
    DEMO_PUBLISHABLE_KEY: seed.publishableKey,
    DEMO_SANDBOX_URL: sandboxUrl,
    ...(settings.production ? { DEMO_STORE_URL_2: storeUrl2 } : {}),
  }
  step(
    "ready — open the storefront, pay on the sandbox page, then see the order in the admin (Ctrl-C stops everything)"
  )
  process.stdout.write(
    Object.entries(lines)
      .map(([key, value]) => `${key}=${value}\n`)
      .join("")
  )
}

async function startDatabase(): Promise<string> {
  let connection: PostgresConnection
  if (env.DATABASE_URL) {
    connection = connectionFromUrl(env.DATABASE_URL)
    const name = new URL(env.DATABASE_URL).pathname.slice(1)
    if (name) settings.databaseName = decodeURIComponent(name)
    step(`using DATABASE_URL (database ${settings.databaseName})`)
  } else {
    connection = await startLocalPostgres({
      dataDir: join(settings.dataDir, "postgres"),
      port: settings.pgPort,
      persistent: true,
    })
    stops.push(() => connection.stop())
    step(`embedded PostgreSQL on port ${connection.port}, data in ${join(settings.dataDir, "postgres")}`)
  }
  const admin = new Client({ connectionString: `${connection.url}/postgres` })
  await admin.connect()
  try {
    const quoted = `"${settings.databaseName.replace(/"/g, '""')}"`
    if (settings.reset && env.DATABASE_URL) {
      step(`--reset: dropping database ${settings.databaseName}`)
      await admin.query(`drop database if exists ${quoted} with (force)`)
    }
    const { rowCount } = await admin.query("select 1 from pg_database where datname = $1", [settings.databaseName])
    if (!rowCount) await admin.query(`create database ${quoted}`)
  } finally {
    await admin.end()
  }
  return `${connection.url}/${encodeURIComponent(settings.databaseName)}`
}

function medusaProcess(cliArgs: string[], childEnv: NodeJS.ProcessEnv, logName: string): ChildProcess {
  const log = createWriteStream(join(settings.dataDir, `${logName}.log`))
  const child = spawnMedusa(cliArgs, childEnv)
  for (const stream of [child.stdout, child.stderr]) {
    stream?.pipe(log)
    if (settings.verbose) stream?.pipe(process.stderr)
  }
  return child
}

function runMedusa(cliArgs: string[], childEnv: NodeJS.ProcessEnv, logName: string): Promise<void> {
  const child = medusaProcess(cliArgs, childEnv, logName)
  stops.push(() => stopProcess(child))
  return new Promise((done, fail) => {
    child.once("exit", (code) => {
      if (code === 0) done()
      else
        fail(
          new Error(
            `medusa ${cliArgs.join(" ")} exited with ${code}; see ${join(settings.dataDir, `${logName}.log`)}:\n${tail(logName)}`
          )
        )
    })
  })
}

function startMedusa(childEnv: NodeJS.ProcessEnv, logName: string): ChildProcess {
  const child = medusaProcess(["start"], childEnv, logName)
  stops.push(() => stopProcess(child))
  child.once("exit", (code) => {
    if (!stopping) {
      step(`Medusa stopped (exit ${code}); see ${join(settings.dataDir, `${logName}.log`)}:\n${tail(logName)}`)
      void stopAll(1)
    }
  })
  return child
}

function tail(logName: string): string {
  const file = join(settings.dataDir, `${logName}.log`)
  return existsSync(file) ? readFileSync(file, "utf8").split("\n").slice(-30).join("\n") : "(no log)"
}

/** The storefront: static files plus /config.js with the store URL, publishable key and region. */
async function serveStorefront(seed: DemoSeed): Promise<Server> {
  const app = express()
  const config = {
    storeUrl,
    publishableKey: seed.publishableKey,
    regionId: seed.regionId,
    promotionCode: seed.promotionCode,
  }
  app.get("/config.js", (_req, res) => {
    res.type("application/javascript").send(`window.DEMO_CONFIG = ${JSON.stringify(config)};\n`)
  })
  const dir = join(ROOT, "demo", "storefront")
  app.use(express.static(dir, { index: "index.html" }))
  // one page, routed in the browser: /, /checkout, /checkout/success, /checkout/fail
  app.get(["/checkout", "/checkout/success", "/checkout/fail"], (_req, res) => res.sendFile(join(dir, "index.html")))
  return new Promise((done, fail) => {
    const server = app.listen(settings.storefrontPort, () => done(server))
    server.once("error", fail)
  })
}

main().catch((error: unknown) => {
  step(`failed: ${error instanceof Error ? error.message : String(error)}`)
  void stopAll(1)
})
