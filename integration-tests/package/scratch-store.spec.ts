/**
 * The package as a Medusa developer gets it (npm run test:package, after npm run build): `npm pack`
 * of the build, checked for what it ships; the tarball installed with npm into a scratch Medusa 2.21
 * store outside this repository; a strict TypeScript file importing each public entry typechecked
 * there (moduleResolution node16, nodenext and bundler) and run (CommonJS and ESM); then the store,
 * configured as the README says, migrated and started with the plugin and the provider from the
 * tarball, against the sandbox run from the tarball's `invoicebox-sandbox` bin.
 *
 * The store's node_modules is kept between runs in <tmpdir>/invoicebox-scratch-store-<hash of its
 * dependencies>: each run installs the new tarball into it with npm (a first run installs Medusa too).
 * INVOICEBOX_SCRATCH_STORE_FRESH=true starts from an empty store.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process"
import { createHash, randomBytes } from "node:crypto"
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join, relative } from "node:path"

import { Client } from "pg"

import { stopProcess, waitForHealth } from "../../scripts/lib/medusa-process"
import { freePort } from "../../scripts/lib/postgres"

jest.setTimeout(300_000)

const ROOT = join(__dirname, "../..")
/** the public entries a store imports */
const ENTRIES = ["invoicebox", "sandbox", "providers/invoicebox", "workflows", "modules/invoicebox"]
/** how Medusa itself requires a plugin's modules (`<plugin>/.medusa/server/src/modules/<name>`) */
const MEDUSA_SPECIFIERS = [".medusa/server/src/modules/invoicebox"]
/** the sandbox's docs demo shop, passed to both the sandbox and the store's provider */
const SHOP = {
  merchantId: "ffffffff-ffff-ffff-ffff-ffffffffffff",
  token: "b37c4c689295904ed21eee5d9a48d42e",
  notificationKey: "098f6bcd4621d373cade4e832627b4f6",
}
const PACKED_LIMIT = 1_000_000
const UNPACKED_LIMIT = 4_000_000

interface PackedFile {
  path: string
  size: number
}

interface PackResult {
  filename: string
  size: number
  unpackedSize: number
  files: PackedFile[]
}

type ExportTarget = string | Record<string, string>

interface PackageJson {
  name: string
  version: string
  exports: Record<string, ExportTarget>
  devDependencies: Record<string, string>
}

interface Output {
  /** null when the command succeeded */
  failure: string | null
  stdout: string
  stderr: string
}

/** runs `command` to its end; `failure` says how it failed (exit code, timeout) */
function runToEnd(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<Output> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env, maxBuffer: 64 * 1024 * 1024, timeout: 280_000 }, (error, stdout, stderr) =>
      resolve({ failure: error ? error.message : null, stdout, stderr })
    )
  })
}

/** runs `command`; rejects with its output when it fails */
async function run(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env
): Promise<Output> {
  const output = await runToEnd(command, args, cwd, env)
  if (output.failure !== null) {
    throw new Error(`${command} ${args.join(" ")} (in ${cwd}): ${output.failure}\n${output.stdout.slice(-4000)}`)
  }
  return output
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, "utf8")) as T
}

function writeJson(path: string, value: unknown): void {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`)
}

/** every file under `dir`, relative to it, sorted */
function filesUnder(dir: string): string[] {
  const found: string[] = []
  const walk = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name)
      if (entry.isDirectory()) walk(path)
      else found.push(relative(dir, path))
    }
  }
  walk(dir)
  return found.sort()
}

function treeHash(dir: string): string {
  const hash = createHash("sha256")
  for (const file of filesUnder(dir)) {
    hash.update(`${file}\0`)
    hash.update(readFileSync(join(dir, file)))
  }
  return hash.digest("hex")
}

/** the target of `subpath` in package.json "exports" for `condition` (a `*` pattern as Node matches it) */
function exportTarget(exports: Record<string, ExportTarget>, subpath: string, condition: string): string | undefined {
  for (const [key, target] of Object.entries(exports)) {
    const star = key.indexOf("*")
    let match: string | undefined
    if (star < 0) {
      if (key === subpath) match = ""
    } else if (subpath.startsWith(key.slice(0, star)) && subpath.endsWith(key.slice(star + 1))) {
      match = subpath.slice(star, subpath.length - (key.length - star - 1))
    }
    if (match === undefined) continue
    const file = typeof target === "string" ? (condition === "default" ? target : undefined) : target[condition]
    return file?.replace("*", match)
  }
  return undefined
}

/** a `medusa` / `invoicebox-sandbox` process in its own group, its output kept */
interface Started {
  child: ChildProcess
  log(): string
}

function startProcess(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Started {
  let log = ""
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] })
  child.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()))
  child.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()))
  return { child, log: () => log }
}

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check()) return
    await new Promise((done) => setTimeout(done, 250))
  }
  throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`)
}

const repository = readJson<PackageJson>(join(ROOT, "package.json"))
const storeDependencies = {
  "@medusajs/cli": repository.devDependencies["@medusajs/cli"],
  "@medusajs/framework": repository.devDependencies["@medusajs/framework"],
  "@medusajs/medusa": repository.devDependencies["@medusajs/medusa"],
}
const storeDevDependencies = {
  "@types/node": repository.devDependencies["@types/node"],
  typescript: repository.devDependencies.typescript,
}
const STORE = join(
  tmpdir(),
  `invoicebox-scratch-store-${createHash("sha256")
    .update(JSON.stringify([storeDependencies, storeDevDependencies]))
    .digest("hex")
    .slice(0, 12)}`
)
const PACKAGE_DIR = join(STORE, "node_modules", repository.name)

const work = mkdtempSync(join(tmpdir(), "invoicebox-package-"))
const unpacked = join(work, "package")
let tarball = ""
let database: { url: string; name: string; adminUrl: string } | undefined
const started: Started[] = []

afterAll(async () => {
  for (const { child } of started.reverse()) await stopProcess(child)
  if (database) {
    const admin = new Client({ connectionString: database.adminUrl })
    await admin.connect()
    await admin.query(`drop database if exists "${database.name}" with (force)`).finally(() => admin.end())
  }
  rmSync(work, { recursive: true, force: true })
})

describe("the npm package in a scratch Medusa store", () => {
  it("packs LICENSE, declarations and separate source maps without sources; no tests, sources or demo", async () => {
    for (const entry of ENTRIES) {
      if (!existsSync(join(ROOT, ".medusa/server/src", entry, "index.js"))) {
        throw new Error(`no build of ${entry}: run npm run build first`)
      }
    }
    const pack = async (...args: string[]): Promise<PackResult> =>
      (JSON.parse((await run("npm", ["pack", "--json", ...args], ROOT)).stdout) as PackResult[])[0]
    const dryRun = await pack("--dry-run")
    const packed = await pack("--pack-destination", work)
    tarball = join(work, packed.filename)
    const paths = dryRun.files.map((file) => file.path).sort()
    expect(packed.files.map((file) => file.path).sort()).toEqual(paths)

    expect(paths).toEqual(expect.arrayContaining(["LICENSE", "README.md", "README.ru.md", "package.json"]))
    const forbidden = paths.filter(
      (path) =>
        /^(src|__tests__|integration-tests|demo|scripts|docs|artifacts|reports|public|coverage)\//.test(path) ||
        /(^|\/)__tests__\/|\.(spec|test|bench)\.|\.tsbuildinfo$|^\.medusa\/server\/src\/admin\/(?!index\.m?js$|_chunks\/)/.test(
          path
        ) ||
        (/\.tsx?$/.test(path) && !path.endsWith(".d.ts"))
    )
    expect(forbidden).toEqual([])
    expect(dryRun.size).toBeLessThan(PACKED_LIMIT)
    expect(dryRun.unpackedSize).toBeLessThan(UNPACKED_LIMIT)

    mkdirSync(unpacked)
    await run("tar", ["-xzf", tarball, "-C", work], work)
    const files = filesUnder(unpacked)
    // every compiled module has its declarations next to it (the admin bundle is the dashboard's)
    const modules = files.filter((file) => file.startsWith(".medusa/server/src/") && file.endsWith(".js"))
    const undeclared = modules
      .filter((file) => !file.startsWith(".medusa/server/src/admin/"))
      .filter((file) => !files.includes(file.replace(/\.js$/, ".d.ts")))
    expect(modules.length).toBeGreaterThan(50)
    expect(undeclared).toEqual([])
    const inlineMaps = modules.filter((file) =>
      readFileSync(join(unpacked, file), "utf8").includes("sourceMappingURL=data:")
    )
    expect(inlineMaps).toEqual([])
    const maps = files.filter((file) => file.endsWith(".map"))
    const withSources = maps.filter(
      (file) => "sourcesContent" in readJson<Record<string, unknown>>(join(unpacked, file))
    )
    expect(withSources).toEqual([])

    // each public entry: "types" first, both files in the package
    const manifest = readJson<PackageJson>(join(unpacked, "package.json"))
    for (const [subpath, target] of Object.entries(manifest.exports)) {
      if (typeof target !== "string" && subpath !== "./admin") {
        expect([subpath, Object.keys(target)[0]]).toEqual([subpath, "types"])
      }
    }
    for (const entry of [...ENTRIES, ...MEDUSA_SPECIFIERS]) {
      for (const condition of ["types", "default"]) {
        const file = exportTarget(manifest.exports, `./${entry}`, condition)
        expect([entry, condition, file !== undefined && files.includes(file.replace(/^\.\//, ""))]).toEqual([
          entry,
          condition,
          true,
        ])
      }
    }
  })

  it("installs into a fresh Medusa store with npm", async () => {
    expect(tarball).not.toBe("")
    // nothing above the store may lend it packages or @types (it would hide a missing dependency)
    for (let dir = dirname(STORE); ; dir = dirname(dir)) {
      expect([dir, existsSync(join(dir, "node_modules"))]).toEqual([dir, false])
      if (dir === dirname(dir)) break
    }
    if (process.env.INVOICEBOX_SCRATCH_STORE_FRESH === "true" || !existsSync(join(STORE, "node_modules"))) {
      rmSync(STORE, { recursive: true, force: true })
    }
    mkdirSync(STORE, { recursive: true })
    for (const file of readdirSync(STORE)) if (file.endsWith(".tgz")) rmSync(join(STORE, file))
    const digest = createHash("sha256").update(readFileSync(tarball)).digest("hex").slice(0, 12)
    const local = `${repository.name}-${digest}.tgz`
    copyFileSync(tarball, join(STORE, local))
    writeJson(join(STORE, "package.json"), {
      name: "invoicebox-scratch-store",
      private: true,
      dependencies: { ...storeDependencies, [repository.name]: `file:./${local}` },
      devDependencies: storeDevDependencies,
    })
    const install = await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund"], STORE)
    // the peers a server needs are there; the admin-only ones are optional
    expect(`${install.stdout}\n${install.stderr}`).not.toMatch(/ERESOLVE|peer dep|conflicting peer|missing peer/i)
    expect(treeHash(PACKAGE_DIR)).toBe(treeHash(unpacked))
  })

  it("typechecks a strict TypeScript file importing each public entry (node16, nodenext, bundler) and runs it", async () => {
    writeCheckFiles()
    const tsc = join(STORE, "node_modules/typescript/bin/tsc")
    for (const project of ["tsconfig.json", "tsconfig.nodenext.json", "tsconfig.bundler.json"]) {
      const output = await runToEnd(process.execPath, [tsc, "-p", project, "--pretty", "false"], STORE)
      // tsconfig.json checks the declarations too (skipLibCheck off): errors inside Medusa's and zod's
      // own .d.ts files are theirs; none may come from check/, the configuration or this package
      const ours = `${output.stdout}\n${output.stderr}`
        .split("\n")
        .filter((line) => /\berror TS\d+/.test(line))
        .filter((line) => !line.startsWith("node_modules/") || line.startsWith(`node_modules/${repository.name}/`))
      expect([project, ours]).toEqual([project, []])
    }
    for (const compiled of ["check-dist/check.js", "check-dist/check.mjs"]) {
      const output = await run(process.execPath, [compiled], STORE)
      expect(output.stdout).toMatch(/the InvoiceBox sandbox at http:\/\/127\.0\.0\.1:\d+ accepted the token/)
    }
  })

  it("migrates and starts the store with the plugin and the provider from the package", async () => {
    const host = process.env.DB_HOST ?? "localhost"
    const server = `postgres://${encodeURIComponent(process.env.DB_USERNAME ?? "postgres")}:${encodeURIComponent(
      process.env.DB_PASSWORD ?? ""
    )}@${host}:${process.env.DB_PORT ?? "5432"}`
    const name = `invoicebox_scratch_${randomBytes(4).toString("hex")}`
    const admin = new Client({ connectionString: `${server}/postgres` })
    await admin.connect()
    await admin.query(`create database "${name}"`).finally(() => admin.end())
    database = { name, url: `${server}/${name}`, adminUrl: `${server}/postgres` }

    const sandboxPort = await freePort()
    const sandbox = startProcess(
      join(STORE, "node_modules/.bin/invoicebox-sandbox"),
      [
        "--port",
        String(sandboxPort),
        "--merchant-id",
        SHOP.merchantId,
        "--token",
        SHOP.token,
        "--notification-key",
        SHOP.notificationKey,
        "--quiet",
      ],
      STORE,
      process.env
    )
    started.push(sandbox)
    const sandboxUrl = `http://127.0.0.1:${sandboxPort}`
    await waitFor(
      `the sandbox at ${sandboxUrl}`,
      async () => {
        if (sandbox.child.exitCode !== null) throw new Error(`the sandbox exited:\n${sandbox.log()}`)
        return fetch(sandboxUrl).then(
          () => true,
          () => false
        )
      },
      30_000
    )

    const port = await freePort()
    // a store's environment: none of this suite's own settings for Medusa's test runner
    const inherited = Object.entries(process.env).filter(([key]) => !/^(TEST_TYPE|DB_\w+|MEDUSA_\w+)$/.test(key))
    const env: NodeJS.ProcessEnv = {
      ...Object.fromEntries(inherited),
      NODE_ENV: "production",
      DATABASE_URL: database.url,
      PORT: String(port),
      LOG_LEVEL: "info",
      MEDUSA_DISABLE_TELEMETRY: "true",
      INVOICEBOX_MERCHANT_ID: SHOP.merchantId,
      INVOICEBOX_TOKEN: SHOP.token,
      INVOICEBOX_NOTIFICATION_KEY: SHOP.notificationKey,
      INVOICEBOX_API_URL: sandboxUrl,
      INVOICEBOX_NOTIFICATION_URL: `http://localhost:${port}/hooks/invoicebox`,
      INVOICEBOX_CONNECTION_KEY: randomBytes(32).toString("hex"),
    }
    writeFileSync(join(STORE, "medusa-config.js"), MEDUSA_CONFIG)
    const medusa = join(STORE, "node_modules/.bin/medusa")
    const migrate = await run(medusa, ["db:migrate"], STORE, env)
    expect(errorLines(`${migrate.stdout}\n${migrate.stderr}`)).toEqual([])
    const tables = new Client({ connectionString: database.url })
    await tables.connect()
    const { rows } = await tables
      .query<{ tablename: string }>("select tablename from pg_tables where tablename like 'invoicebox%' order by 1")
      .finally(() => tables.end())
    expect(rows.map((row) => row.tablename)).toEqual(expect.arrayContaining(["invoicebox_notification"]))

    const store = startProcess(medusa, ["start"], STORE, env)
    started.push(store)
    const url = `http://localhost:${port}`
    await waitForHealth(url, store.child, 120_000).catch((error: Error) => {
      throw new Error(`${error.message}\n${store.log().slice(-4000)}`)
    })
    expect((await fetch(`${url}/health`)).status).toBe(200)
    // the provider's loader asked the sandbox whether the token is accepted
    await waitFor(
      "the provider's connection check",
      () => store.log().includes(`InvoiceBox: the token for merchant ${SHOP.merchantId} is accepted`),
      30_000
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${store.log().slice(-4000)}`)
    })
    expect(errorLines(store.log())).toEqual([])
    if (process.env.INVOICEBOX_SCRATCH_STORE_LOG === "true") console.log(store.log())
    // the plugin's notification route answers (an unsigned notification is refused, not unknown)
    const hook = await fetch(`${url}/hooks/invoicebox`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    })
    expect(hook.status).not.toBe(404)
    expect(hook.status).toBeLessThan(500)
  })
})

/** log lines that report an error, or a warning from this plugin */
function errorLines(log: string): string[] {
  return log
    .split("\n")
    .filter((line) => /\berror\b|"level":"error"|err!/i.test(line) || (/invoicebox/i.test(line) && /warn/i.test(line)))
}

const MEDUSA_CONFIG = `// The README's configuration: the plugin and the InvoiceBox provider from the installed package.
const { defineConfig } = require("@medusajs/framework/utils")

const env = process.env

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: env.DATABASE_URL,
    http: {
      storeCors: "http://localhost:8000",
      adminCors: "http://localhost:9000",
      authCors: "http://localhost:8000,http://localhost:9000",
      jwtSecret: "scratch-store-jwt-secret",
      cookieSecret: "scratch-store-cookie-secret",
    },
  },
  admin: { disable: true },
  plugins: [
    {
      resolve: "medusa-payment-invoicebox",
      options: { notificationRetentionDays: 90, connectionKey: env.INVOICEBOX_CONNECTION_KEY },
    },
  ],
  modules: [
    {
      resolve: "@medusajs/medusa/locking",
      options: {
        providers: [{ resolve: "@medusajs/medusa/locking-postgres", id: "locking-postgres", is_default: true }],
      },
    },
    {
      resolve: "@medusajs/medusa/payment",
      options: {
        providers: [
          {
            resolve: "medusa-payment-invoicebox/providers/invoicebox",
            id: "invoicebox",
            options: {
              merchantId: env.INVOICEBOX_MERCHANT_ID,
              token: env.INVOICEBOX_TOKEN,
              notificationKey: env.INVOICEBOX_NOTIFICATION_KEY,
              apiUrl: env.INVOICEBOX_API_URL,
              notificationUrl: env.INVOICEBOX_NOTIFICATION_URL,
              successUrl: "http://localhost:8000/checkout/success?cart_id={cart_id}",
              failUrl: "http://localhost:8000/checkout/fail?cart_id={cart_id}",
            },
          },
        ],
      },
    },
  ],
})
`

/** What a TypeScript store writes: each public entry imported and a type of each used, under `strict`. */
const CHECK_TS = `import type { MedusaContainer } from "@medusajs/framework/types"
import {
  InvoiceboxClient,
  type AuthInfo,
  type InvoiceboxClientOptions,
  type WebSocketConstructor,
} from "medusa-payment-invoicebox/invoicebox"
import invoiceboxModule, {
  INVOICEBOX_MODULE,
  InvoiceboxModuleService,
  type InvoiceboxModuleOptions,
} from "medusa-payment-invoicebox/modules/invoicebox"
import invoiceboxProvider, {
  InvoiceboxProviderService,
  type InvoiceboxProviderOptions,
} from "medusa-payment-invoicebox/providers/invoicebox"
import {
  resolveSandboxOptions,
  startSandbox,
  type RunningSandbox,
  type SandboxOptions,
} from "medusa-payment-invoicebox/sandbox"
import {
  settleInvoiceboxPaymentWorkflow,
  type SettleInvoiceboxPaymentInput,
  type SettleInvoiceboxPaymentResult,
} from "medusa-payment-invoicebox/workflows"

type IsAny<T> = 0 extends 1 & T ? true : false
// \`false\` each: a module without declarations would make these \`any\`
export const typed: [
  IsAny<InvoiceboxClient>,
  IsAny<InvoiceboxClientOptions>,
  IsAny<AuthInfo>,
  IsAny<WebSocketConstructor>,
  IsAny<typeof invoiceboxModule>,
  IsAny<InvoiceboxModuleService>,
  IsAny<InvoiceboxModuleOptions>,
  IsAny<typeof invoiceboxProvider>,
  IsAny<InvoiceboxProviderService>,
  IsAny<InvoiceboxProviderOptions>,
  IsAny<RunningSandbox>,
  IsAny<SandboxOptions>,
  IsAny<typeof settleInvoiceboxPaymentWorkflow>,
  IsAny<SettleInvoiceboxPaymentInput>,
  IsAny<SettleInvoiceboxPaymentResult>,
] = [false, false, false, false, false, false, false, false, false, false, false, false, false, false, false]

export const moduleName: "invoicebox" = INVOICEBOX_MODULE
export const providerIdentifier: string = InvoiceboxProviderService.identifier
export const notificationLink: string = invoiceboxModule.linkable.invoiceboxNotification.id.linkable

export async function settle(
  container: MedusaContainer,
  input: SettleInvoiceboxPaymentInput
): Promise<SettleInvoiceboxPaymentResult> {
  const { result } = await settleInvoiceboxPaymentWorkflow(container).run({ input })
  return result
}

export function wrongOptions(): InvoiceboxClient {
  // @ts-expect-error the client needs a token
  return new InvoiceboxClient({ baseUrl: "http://127.0.0.1:9100" })
}

async function main(): Promise<void> {
  const options: SandboxOptions = { port: 0, quiet: true, rateLimit: false }
  const sandbox: RunningSandbox = await startSandbox(options)
  try {
    const clientOptions: InvoiceboxClientOptions = { token: resolveSandboxOptions(options).token, baseUrl: sandbox.url }
    const auth: AuthInfo = await new InvoiceboxClient(clientOptions).checkAuth()
    console.log(\`the InvoiceBox sandbox at \${sandbox.url} accepted the token (user \${String(auth.userId)})\`)
  } finally {
    await sandbox.close()
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  }
)
`

/** The same from an ES module: Node's named imports from the CommonJS build. */
const CHECK_MTS = `import { InvoiceboxClient, type AuthInfo } from "medusa-payment-invoicebox/invoicebox"
import { INVOICEBOX_MODULE } from "medusa-payment-invoicebox/modules/invoicebox"
import { InvoiceboxProviderService } from "medusa-payment-invoicebox/providers/invoicebox"
import { resolveSandboxOptions, startSandbox, type RunningSandbox } from "medusa-payment-invoicebox/sandbox"
import { settleInvoiceboxPaymentWorkflow } from "medusa-payment-invoicebox/workflows"

const loaded: [string, string, string] = [
  INVOICEBOX_MODULE,
  InvoiceboxProviderService.identifier,
  typeof settleInvoiceboxPaymentWorkflow,
]
if (loaded.join() !== "invoicebox,invoicebox,function") throw new Error(\`named imports: \${loaded.join()}\`)

const sandbox: RunningSandbox = await startSandbox({ port: 0, quiet: true, rateLimit: false })
try {
  const client = new InvoiceboxClient({ token: resolveSandboxOptions({}).token, baseUrl: sandbox.url })
  const auth: AuthInfo = await client.checkAuth()
  console.log(\`the InvoiceBox sandbox at \${sandbox.url} accepted the token (user \${String(auth.userId)})\`)
} finally {
  await sandbox.close()
}
process.exit(0)
`

function writeCheckFiles(): void {
  const check = join(STORE, "check")
  rmSync(check, { recursive: true, force: true })
  rmSync(join(STORE, "check-dist"), { recursive: true, force: true })
  mkdirSync(check)
  writeFileSync(join(check, "check.ts"), CHECK_TS)
  writeFileSync(join(check, "check.mts"), CHECK_MTS)
  writeJson(join(STORE, "tsconfig.json"), {
    compilerOptions: {
      target: "ES2021",
      module: "Node16",
      moduleResolution: "Node16",
      strict: true,
      esModuleInterop: true,
      skipLibCheck: false,
      types: ["node"],
      rootDir: "check",
      outDir: "check-dist",
    },
    include: ["check"],
  })
  writeJson(join(STORE, "tsconfig.nodenext.json"), {
    extends: "./tsconfig.json",
    compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", noEmit: true, skipLibCheck: true },
  })
  writeJson(join(STORE, "tsconfig.bundler.json"), {
    extends: "./tsconfig.json",
    compilerOptions: { module: "ESNext", moduleResolution: "Bundler", noEmit: true, skipLibCheck: true },
    // a bundler project has no .mts: the .ts file is its module
    include: ["check/check.ts"],
  })
}
