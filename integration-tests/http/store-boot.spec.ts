/** Medusa v2 boots on a real PostgreSQL with this plugin's InvoiceBox provider registered. */
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"

jest.setTimeout(120_000)

medusaIntegrationTestRunner({
  testSuite: ({ getContainer, api }) => {
    it("registers pp_invoicebox_invoicebox in the payment module", async () => {
      const payment = getContainer().resolve(Modules.PAYMENT)
      const providers = await payment.listPaymentProviders({})
      expect(providers.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining(["pp_invoicebox_invoicebox"]))
      const health = await api.get("/health")
      expect(health.status).toBe(200)
    })
  },
})
