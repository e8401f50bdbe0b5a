// A Medusa 1.20 store with the InvoiceBox v1 plugin, as its README section configures it; the tests
// set the environment (database, ports, the sandbox's address and shop).
const env = process.env

module.exports = {
  projectConfig: {
    database_url: env.DATABASE_URL,
    database_type: "postgres",
    jwt_secret: "v1-fixture-jwt-secret",
    cookie_secret: "v1-fixture-cookie-secret",
    store_cors: "*",
    admin_cors: "*",
    database_extra: { max: 10 },
  },
  plugins: [
    "medusa-fulfillment-manual",
    {
      resolve: "medusa-payment-invoicebox/v1",
      options: {
        merchantId: env.INVOICEBOX_MERCHANT_ID,
        token: env.INVOICEBOX_TOKEN,
        notificationKey: env.INVOICEBOX_NOTIFICATION_KEY,
        apiUrl: env.INVOICEBOX_API_URL,
        notificationUrl: env.INVOICEBOX_NOTIFICATION_URL,
        captureMode: env.INVOICEBOX_CAPTURE_MODE || "auto",
        successUrl: "http://localhost:8000/order/confirmed?cart={cart_id}",
        rateLimit: false,
        enableUI: true,
      },
    },
  ],
  modules: {},
}
