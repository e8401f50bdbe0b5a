// The development / demo store of this repository: Medusa v2 with this plugin loaded from ./src and
// the InvoiceBox provider pointed at INVOICEBOX_API_URL (the local sandbox in development and tests).
const { loadEnv, defineConfig } = require("@medusajs/framework/utils")

loadEnv(process.env.NODE_ENV || "development", process.cwd())

const env = process.env
const DEMO = {
  merchantId: "ffffffff-ffff-ffff-ffff-ffffffffffff",
  token: "b37c4c689295904ed21eee5d9a48d42e",
  notificationKey: "098f6bcd4621d373cade4e832627b4f6",
}
const storeUrl = env.MEDUSA_BACKEND_URL || `http://localhost:${env.PORT || 9000}`
const storefrontUrl = env.STOREFRONT_URL || "http://localhost:8000"

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: env.DATABASE_URL,
    http: {
      storeCors: env.STORE_CORS || storefrontUrl,
      adminCors: env.ADMIN_CORS || storeUrl,
      authCors: env.AUTH_CORS || `${storefrontUrl},${storeUrl}`,
      jwtSecret: env.JWT_SECRET || "invoicebox-dev-jwt-secret",
      cookieSecret: env.COOKIE_SECRET || "invoicebox-dev-cookie-secret",
    },
  },
  admin: {
    disable: env.MEDUSA_ADMIN_DISABLED === "true",
  },
  modules: [
    {
      resolve: "@medusajs/medusa/payment",
      options: {
        providers: [
          {
            resolve: "./src/providers/invoicebox",
            id: "invoicebox",
            options: {
              merchantId: env.INVOICEBOX_MERCHANT_ID || DEMO.merchantId,
              token: env.INVOICEBOX_TOKEN || DEMO.token,
              notificationKey: env.INVOICEBOX_NOTIFICATION_KEY || DEMO.notificationKey,
              apiUrl: env.INVOICEBOX_API_URL || "http://127.0.0.1:9100",
              notificationUrl: env.INVOICEBOX_NOTIFICATION_URL || `${storeUrl}/hooks/invoicebox`,
              successUrl: env.INVOICEBOX_SUCCESS_URL || `${storefrontUrl}/checkout/success?cart_id={cart_id}`,
              failUrl: env.INVOICEBOX_FAIL_URL || `${storefrontUrl}/checkout/fail?cart_id={cart_id}`,
              captureMode: env.INVOICEBOX_CAPTURE_MODE || "auto",
              shipmentOn: env.INVOICEBOX_SHIPMENT_ON || "shipped",
              rateLimit: false,
            },
          },
        ],
      },
    },
  ],
})
