// The development / demo store of this repository: Medusa v2 with this plugin loaded from ./src and
// the InvoiceBox provider pointed at INVOICEBOX_API_URL (the local sandbox in development and tests).
const { loadEnv, defineConfig } = require("@medusajs/framework/utils")

loadEnv(process.env.NODE_ENV || "development", process.cwd())

const env = process.env
// INVOICEBOX_CONNECT_FROM_ADMIN=true: no account in the options — the store is connected from the
// admin (Settings → InvoiceBox), as a fresh store would be
const DEMO =
  env.INVOICEBOX_CONNECT_FROM_ADMIN === "true"
    ? {}
    : {
        merchantId: env.INVOICEBOX_MERCHANT_ID || "ffffffff-ffff-ffff-ffff-ffffffffffff",
        token: env.INVOICEBOX_TOKEN || "b37c4c689295904ed21eee5d9a48d42e",
        notificationKey: env.INVOICEBOX_NOTIFICATION_KEY || "098f6bcd4621d373cade4e832627b4f6",
      }
const storeUrl = env.MEDUSA_BACKEND_URL || `http://localhost:${env.PORT || 9000}`
const storefrontUrl = env.STOREFRONT_URL || "http://localhost:8000"

/** One InvoiceBox account as a payment provider (`pp_invoicebox_{id}`). */
function invoiceboxProvider(id, apiUrl, account, notificationPath = "/hooks/invoicebox") {
  return {
    resolve: "./src/providers/invoicebox",
    id,
    options: {
      merchantId: account.merchantId,
      token: account.token,
      notificationKey: account.notificationKey,
      apiUrl: apiUrl || "http://127.0.0.1:9100",
      // InvoiceBox's WebSocket gate: the sandbox serves it on its own address
      wsGateUrl:
        env.INVOICEBOX_WS_GATE_URL || `${(apiUrl || "http://127.0.0.1:9100").replace(/^http/, "ws")}/v3/gate/rpc`,
      notificationChannel: env.INVOICEBOX_NOTIFICATION_CHANNEL || "http",
      notificationUrl: env.INVOICEBOX_NOTIFICATION_URL || `${storeUrl}${notificationPath}`,
      successUrl: env.INVOICEBOX_SUCCESS_URL || `${storefrontUrl}/checkout/success?cart_id={cart_id}`,
      failUrl: env.INVOICEBOX_FAIL_URL || `${storefrontUrl}/checkout/fail?cart_id={cart_id}`,
      captureMode: env.INVOICEBOX_CAPTURE_MODE || "auto",
      shipmentOn: env.INVOICEBOX_SHIPMENT_ON || "shipped",
      reconcileEverySeconds: Number(env.INVOICEBOX_RECONCILE_EVERY_SECONDS || 300),
      reconcileAfterSeconds: Number(env.INVOICEBOX_RECONCILE_AFTER_SECONDS || 120),
      timeoutMs: Number(env.INVOICEBOX_TIMEOUT_MS || 15_000),
      rateLimitMaxWaitMs: Number(env.INVOICEBOX_RATE_LIMIT_MAX_WAIT_MS || 10_000),
      // the account's 100 requests / 30 s, kept in Redis for every server and worker together in the
      // production topology; off in single-process development against the sandbox
      ...(env.REDIS_URL ? { rateLimitRedisUrl: env.REDIS_URL } : { rateLimit: false }),
    },
  }
}

/** A second InvoiceBox account (e.g. one for companies), when INVOICEBOX_COMPANIES_* are set. */
function secondProvider() {
  if (!env.INVOICEBOX_COMPANIES_MERCHANT_ID) return []
  return [
    invoiceboxProvider(
      "invoicebox-companies",
      env.INVOICEBOX_COMPANIES_API_URL,
      {
        merchantId: env.INVOICEBOX_COMPANIES_MERCHANT_ID,
        token: env.INVOICEBOX_COMPANIES_TOKEN,
        notificationKey: env.INVOICEBOX_COMPANIES_NOTIFICATION_KEY,
      },
      // this account's notifications name their provider in the URL
      "/hooks/invoicebox/invoicebox-companies"
    ),
  ]
}

function lockingModule() {
  const provider = env.REDIS_URL
    ? {
        resolve: "@medusajs/medusa/locking-redis",
        id: "locking-redis",
        is_default: true,
        options: { redisUrl: env.REDIS_URL },
      }
    : { resolve: "@medusajs/medusa/locking-postgres", id: "locking-postgres", is_default: true }
  return { resolve: "@medusajs/medusa/locking", options: { providers: [provider] } }
}

function redisModules(redisUrl) {
  return [
    { resolve: "@medusajs/medusa/event-bus-redis", options: { redisUrl } },
    { resolve: "@medusajs/medusa/workflow-engine-redis", options: { redis: { redisUrl } } },
    { resolve: "@medusajs/medusa/cache-redis", options: { redisUrl } },
    {
      resolve: "@medusajs/medusa/caching",
      options: {
        providers: [
          { resolve: "@medusajs/medusa/caching-redis", id: "caching-redis", is_default: true, options: { redisUrl } },
        ],
      },
    },
  ]
}

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: env.DATABASE_URL,
    // production topology: servers (`server`) and one worker (`worker`) on Redis; `shared` in development
    workerMode: env.MEDUSA_WORKER_MODE || "shared",
    redisUrl: env.REDIS_URL,
    http: {
      storeCors: env.STORE_CORS || storefrontUrl,
      adminCors: env.ADMIN_CORS || storeUrl,
      authCors: env.AUTH_CORS || `${storefrontUrl},${storeUrl}`,
      jwtSecret: env.JWT_SECRET || "invoicebox-dev-jwt-secret",
      cookieSecret: env.COOKIE_SECRET || "invoicebox-dev-cookie-secret",
    },
    // `npm run demo -- --production` serves plain http on localhost: no `Secure` session cookie there
    ...(env.MEDUSA_COOKIE_SECURE === "false" ? { cookieOptions: { secure: false } } : {}),
  },
  admin: {
    disable: env.MEDUSA_ADMIN_DISABLED === "true",
    // "/" makes a built dashboard call whichever server serves it (the production demo has two)
    ...(env.MEDUSA_ADMIN_BACKEND_URL ? { backendUrl: env.MEDUSA_ADMIN_BACKEND_URL } : {}),
  },
  modules: [
    // the plugin's own data (the notification log); a store installing the package gets it from `plugins`
    {
      resolve: "./src/modules/invoicebox",
      options: {
        notificationRetentionDays: Number(env.INVOICEBOX_NOTIFICATION_RETENTION_DAYS || 90),
        // seals the InvoiceBox credentials stored from the admin; a real store sets its own secret
        connectionKey: env.INVOICEBOX_CONNECTION_KEY || "invoicebox-dev-connection-key-not-for-production",
        // partner onboarding from the admin: the sandbox's partner (the docs' example) unless given
        partner: {
          partnerId: env.INVOICEBOX_PARTNER_ID || "dda90c3d-e2f8-4f90-aa8b-87b1cd2956a1",
          token: env.INVOICEBOX_PARTNER_TOKEN || "b37c4c689295904ed21eee5d9a48d42e",
        },
      },
    },
    // locks that hold across every server and worker (one notification, one order): Redis in the
    // production topology, else PostgreSQL; INVOICEBOX_LOCKING=in-memory leaves Medusa's per-process
    // default (to show what the lock prevents)
    ...(env.INVOICEBOX_LOCKING === "in-memory" ? [] : [lockingModule()]),
    // the production topology: events, workflows and caching on Redis too
    ...(env.REDIS_URL ? redisModules(env.REDIS_URL) : []),
    // the dev store has no e-mail service: Medusa's local provider takes the `email` channel too (it
    // logs what it would send), so the widget's "send to the customer" works; a real store configures
    // its own e-mail provider (SendGrid, Resend…) with a template `invoicebox-invoice`
    {
      resolve: "@medusajs/medusa/notification",
      options: {
        providers: [
          {
            resolve: "@medusajs/medusa/notification-local",
            id: "local",
            options: { name: "Local Notification Provider", channels: ["feed", "email"] },
          },
        ],
      },
    },
    {
      resolve: "@medusajs/medusa/payment",
      options: {
        providers: [invoiceboxProvider("invoicebox", env.INVOICEBOX_API_URL, DEMO), ...secondProvider()],
      },
    },
  ],
})
