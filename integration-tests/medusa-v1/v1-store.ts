/**
 * A real Medusa 1.20 store for the v1 adapter's tests: this directory's fixture (its own package.json
 * and lock, installed by `npm run v1:install`) with the packed plugin installed into it as a store
 * owner would (`npm install <tarball>`), its own PostgreSQL database migrated by Medusa v1's TypeORM
 * migrations (the plugin's included), an admin user, and `medusa start` processes on free ports.
 * The store is seeded through v1's admin API and bought from through its store API.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process"
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

import axios, { type AxiosInstance } from "axios"
import { Client } from "pg"

import { stopProcess, waitForHealth } from "../../scripts/lib/medusa-process"
import { freePort } from "../../scripts/lib/postgres"

export const FIXTURE = __dirname
const ROOT = join(__dirname, "../..")

/** the sandbox's docs demo shop */
export const SHOP = {
  merchantId: "ffffffff-ffff-ffff-ffff-ffffffffffff",
  token: "b37c4c689295904ed21eee5d9a48d42e",
  notificationKey: "098f6bcd4621d373cade4e832627b4f6",
}
export const ADMIN = { email: "admin@example.com", password: "supersecret" }

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(command, args, { cwd, env, maxBuffer: 64 * 1024 * 1024, timeout: 280_000 }, (error, stdout, stderr) =>
      error
        ? reject(new Error(`${command} ${args.join(" ")} failed: ${error.message}\n${stderr.slice(-4000)}`))
        : resolve(stdout)
    )
  )
}

/**
 * The package as npm publishes it (`npm pack` of the build), installed into the fixture store with
 * npm — never a link: the plugin must resolve Medusa v1 from the store, as in a real store.
 */
export async function installPackedPlugin(): Promise<void> {
  if (!existsSync(join(FIXTURE, "node_modules/@medusajs/medusa/package.json"))) {
    throw new Error("the v1 fixture store is not installed: run `npm run v1:install` first")
  }
  if (!existsSync(join(ROOT, ".medusa/v1/dist/services/invoicebox.js"))) {
    throw new Error("the package is not built: run `npm run build` first")
  }
  const packDir = mkdtempSync(join(tmpdir(), "invoicebox-v1-pack-"))
  try {
    await run("npm", ["pack", "--pack-destination", packDir, "--silent"], ROOT)
    const tarball = readdirSync(packDir).find((name) => name.endsWith(".tgz"))
    if (!tarball) throw new Error("npm pack made no tarball")
    await run("npm", ["install", "--no-save", "--no-audit", "--no-fund", join(packDir, tarball)], FIXTURE)
  } finally {
    rmSync(packDir, { recursive: true, force: true })
  }
}

/** A fresh database on the tests' PostgreSQL (embedded or DATABASE_URL's server). */
export async function createDatabase(name: string): Promise<string> {
  const user = process.env.DB_USERNAME ?? "postgres"
  const password = process.env.DB_PASSWORD ?? ""
  const host = process.env.DB_HOST ?? "localhost"
  const port = process.env.DB_PORT ?? "5432"
  const base = `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${host}:${port}`
  const client = new Client({ connectionString: `${base}/postgres` })
  await client.connect()
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}"`)
    await client.query(`CREATE DATABASE "${name}"`)
  } finally {
    await client.end()
  }
  return `${base}/${name}`
}

export interface V1StoreEnv {
  databaseUrl: string
  sandboxUrl: string
  /** where InvoiceBox is to send notifications (a server of the store) */
  notificationUrl: string
  captureMode?: "auto" | "manual"
}

function storeEnv(env: V1StoreEnv, port?: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "development",
    MEDUSA_DISABLE_TELEMETRY: "true",
    NODE_OPTIONS: "",
    // the server's warnings (a refused notification, a failed InvoiceBox call) reach a failing test's message
    LOG_LEVEL: "warn",
    DATABASE_URL: env.databaseUrl,
    INVOICEBOX_MERCHANT_ID: SHOP.merchantId,
    INVOICEBOX_TOKEN: SHOP.token,
    INVOICEBOX_NOTIFICATION_KEY: SHOP.notificationKey,
    INVOICEBOX_API_URL: env.sandboxUrl,
    INVOICEBOX_NOTIFICATION_URL: env.notificationUrl,
    INVOICEBOX_CAPTURE_MODE: env.captureMode ?? "auto",
    ...(port ? { PORT: String(port) } : {}),
  }
}

const MEDUSA_BIN = join(FIXTURE, "node_modules/.bin/medusa")

/** `medusa migrations run` (Medusa v1's and the plugin's TypeORM migrations) and the admin user. */
export async function migrateV1Store(env: V1StoreEnv): Promise<void> {
  await run(MEDUSA_BIN, ["migrations", "run"], FIXTURE, storeEnv(env))
  await run(MEDUSA_BIN, ["user", "-e", ADMIN.email, "-p", ADMIN.password], FIXTURE, storeEnv(env))
}

export interface V1Server {
  url: string
  port: number
  process: ChildProcess
  /** what the server printed (for a failing test's message) */
  output(): string
  stop(): Promise<void>
}

/** `medusa start` of the fixture store on `port` (a free one when not given), healthy. */
export async function startV1Server(env: V1StoreEnv, port?: number): Promise<V1Server> {
  const chosen = port ?? (await freePort())
  // its own process group: stopProcess ends the server and anything it started
  const child = spawn(MEDUSA_BIN, ["start"], {
    cwd: FIXTURE,
    env: storeEnv(env, chosen),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  })
  let output = ""
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-200_000)
  }
  child.stdout?.on("data", keep)
  child.stderr?.on("data", keep)
  const url = `http://localhost:${chosen}`
  try {
    await waitForHealth(url, child, 120_000)
  } catch (error) {
    await stopProcess(child)
    throw new Error(`the v1 store did not start: ${(error as Error).message}\n${output.slice(-4000)}`, { cause: error })
  }
  return { url, port: chosen, process: child, output: () => output, stop: () => stopProcess(child) }
}

/** A v1 admin API client (JWT from POST /admin/auth/token). */
export async function adminApi(url: string): Promise<AxiosInstance> {
  const { data } = await axios.post<{ access_token: string }>(`${url}/admin/auth/token`, ADMIN)
  return axios.create({ baseURL: url, headers: { Authorization: `Bearer ${data.access_token}` } })
}

export interface SeededV1Store {
  regionId: string
  shippingOptionId: string
  productId: string
  variantId: string
  /** the variant's price, kopecks */
  unitPrice: number
  /** the shipping option's price, kopecks */
  shippingPrice: number
}

/**
 * Rubles in the store, a Russian region paid with InvoiceBox (VAT 20 % on top of the prices), manual
 * fulfillment with a 300 ₽ shipping option, a published tea product at 1 000 ₽ with 1 000 in stock.
 */
export async function seedV1Store(admin: AxiosInstance): Promise<SeededV1Store> {
  const { data: storeBody } = await admin.get<{ store: { currencies: Array<{ code: string }> } }>("/admin/store")
  if (!storeBody.store.currencies.some((currency) => currency.code === "rub")) {
    await admin.post("/admin/store/currencies/rub")
  }
  const { data: regionBody } = await admin.post<{ region: { id: string } }>("/admin/regions", {
    name: "Россия",
    currency_code: "rub",
    tax_rate: 20,
    payment_providers: ["invoicebox"],
    fulfillment_providers: ["manual"],
    countries: ["ru"],
  })
  const regionId = regionBody.region.id
  const shippingPrice = 30_000
  const { data: optionBody } = await admin.post<{ shipping_option: { id: string } }>("/admin/shipping-options", {
    name: "Курьер",
    region_id: regionId,
    provider_id: "manual",
    data: {},
    price_type: "flat_rate",
    amount: shippingPrice,
  })
  const unitPrice = 100_000
  const { data: productBody } = await admin.post<{ product: { id: string; variants: Array<{ id: string }> } }>(
    "/admin/products",
    {
      title: "Чай улун",
      status: "published",
      options: [{ title: "Вес" }],
      variants: [
        {
          title: "100 г",
          sku: "TEA-OOLONG-100",
          inventory_quantity: 1000,
          manage_inventory: true,
          prices: [{ currency_code: "rub", amount: unitPrice }],
          options: [{ value: "100 г" }],
        },
      ],
    }
  )
  return {
    regionId,
    shippingOptionId: optionBody.shipping_option.id,
    productId: productBody.product.id,
    variantId: productBody.product.variants[0]!.id,
    unitPrice,
    shippingPrice,
  }
}

export interface V1CartSession {
  cartId: string
  /** the cart's total, kopecks */
  total: number
  invoiceboxOrderId: string
  paymentUrl: string
  data: Record<string, unknown>
}

/** A buyer's cart up to the InvoiceBox payment page: items, address, shipping, the InvoiceBox session. */
export async function checkoutV1(url: string, store: SeededV1Store, quantity = 2): Promise<V1CartSession> {
  const api = axios.create({ baseURL: url })
  const { data: created } = await api.post<{ cart: { id: string } }>("/store/carts", { region_id: store.regionId })
  const cartId = created.cart.id
  await api.post(`/store/carts/${cartId}/line-items`, { variant_id: store.variantId, quantity })
  await api.post(`/store/carts/${cartId}`, {
    email: "buyer@example.com",
    shipping_address: {
      first_name: "Иван",
      last_name: "Петров",
      address_1: "ул. Ленина, 1",
      city: "Москва",
      country_code: "ru",
      postal_code: "101000",
      phone: "+79991234567",
    },
  })
  await api.post(`/store/carts/${cartId}/shipping-methods`, { option_id: store.shippingOptionId })
  await api.post(`/store/carts/${cartId}/payment-sessions`)
  const { data } = await api.post<{
    cart: { total: number; payment_session: { provider_id: string; data: Record<string, unknown> } | null }
  }>(`/store/carts/${cartId}/payment-session`, { provider_id: "invoicebox" })
  const session = data.cart.payment_session
  if (!session || session.provider_id !== "invoicebox") throw new Error(`cart ${cartId} has no InvoiceBox session`)
  return {
    cartId,
    total: data.cart.total,
    invoiceboxOrderId: String(session.data.invoicebox_order_id),
    paymentUrl: String(session.data.payment_url),
    data: session.data,
  }
}
