/**
 * Marked and excise goods on a real Medusa + PostgreSQL + the sandbox: product / variant metadata
 * (`invoicebox_type`, `invoicebox_category_type`, `invoicebox_category`, `invoicebox_excise`; the
 * variant's win) reach the InvoiceBox basket line, which the sandbox checks as the real API does; a
 * bad value stops the payment session with a 400 naming the product, the variant and the value,
 * before any request to InvoiceBox.
 */
import { createProductsWorkflow } from "@medusajs/medusa/core-flows"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import axios, { type AxiosResponse } from "axios"

import type { Order } from "../../src/invoicebox/types"
import type { RequestCounts } from "../../src/sandbox/request-log"
import { useSandboxForMedusa } from "../helpers/sandbox"
import { checkoutWithInvoicebox } from "../helpers/storefront"
import { seedStore, type SeededStore } from "../helpers/seed"

jest.setTimeout(180_000)

const sandbox = useSandboxForMedusa()

medusaIntegrationTestRunner({
  testSuite: ({ getContainer, api }) => {
    let store: SeededStore
    const variants: Record<string, string> = {}

    beforeAll(async () => {
      store = await seedStore(getContainer())
      const product = (
        title: string,
        sku: string,
        price: number,
        metadata: Record<string, unknown>,
        variantMetadata: Record<string, unknown>
      ) => ({
        title,
        status: "published" as const,
        metadata,
        options: [{ title: "Объём", values: ["1 л"] }],
        variants: [
          {
            title: "1 л",
            sku,
            manage_inventory: false,
            options: { Объём: "1 л" },
            metadata: variantMetadata,
            prices: [{ amount: price, currency_code: "rub" }],
          },
        ],
        sales_channels: [{ id: store.salesChannelId }],
      })
      const { result } = await createProductsWorkflow(getContainer()).run({
        input: {
          products: [
            // the product says «Честный знак», milk; the variant narrows the type (33: marked, with a code)
            product(
              "Молоко 3,2 %",
              "MILK-1L",
              120,
              { invoicebox_category_type: "honestSign", invoicebox_category: "water", invoicebox_type: "32" },
              { invoicebox_category: "milk", invoicebox_type: "33" }
            ),
            // excise and marked: beer, 31, 8.50 ₽ of excise in each bottle
            product(
              "Пиво светлое",
              "BEER-1L",
              250,
              { invoicebox_type: "31", invoicebox_category_type: "honestSign", invoicebox_category: "beer" },
              { invoicebox_excise: "8.50" }
            ),
            // a typo in the product group
            product(
              "Кефир",
              "KEFIR-1L",
              90,
              { invoicebox_category_type: "honestSign", invoicebox_type: "33" },
              { invoicebox_category: "milkk" }
            ),
          ],
        },
      })
      for (const created of result) variants[created.variants[0]!.sku!] = created.variants[0]!.id
    })

    const sandboxOrder = async (id: string): Promise<Order> =>
      (await axios.get(`${sandbox.url}/_sandbox/orders/${id}`)).data
    const orderCreations = async (): Promise<number> =>
      (await axios.get<RequestCounts>(`${sandbox.url}/_sandbox/requests`)).data.byRoute[
        "POST /billing/api/order/order"
      ] ?? 0

    it("a marked product's basket line carries the category fields; an excise product its excise", async () => {
      const { session } = await checkoutWithInvoicebox(api, store, {
        items: [
          { variant_id: variants["MILK-1L"]!, quantity: 2 },
          { variant_id: variants["BEER-1L"]!, quantity: 3 },
          { variant_id: store.variants.tea, quantity: 1 },
        ],
      })
      const order = await sandboxOrder(String(session.data.invoicebox_order_id))
      const milk = order.basketItems.filter((item) => item.sku === "MILK-1L")
      expect(milk.length).toBeGreaterThan(0)
      for (const line of milk) {
        // the variant's metadata won: category milk and type 33, not the product's water and 32
        expect(line).toMatchObject({ type: 33, categoryType: "honestSign", category: "milk" })
      }
      const beer = order.basketItems.filter((item) => item.sku === "BEER-1L")
      for (const line of beer) expect(line).toMatchObject({ type: 31, categoryType: "honestSign", category: "beer" })
      // 3 × 8.50 = 25.50 of excise over the beer line (shared if the line was split)
      expect(Math.round(beer.reduce((sum, line) => sum + (line.excise ?? 0), 0) * 100)).toBe(2550)
      const tea = order.basketItems.find((item) => item.sku === "TEA-100")!
      expect(tea).toMatchObject({ type: "commodity" })
      expect(tea).not.toHaveProperty("category")
      expect(tea).not.toHaveProperty("excise")
    })

    it("a bad category value is refused at session creation, naming the goods, before any InvoiceBox request", async () => {
      const before = await orderCreations()
      const failure: AxiosResponse = await checkoutWithInvoicebox(api, store, {
        items: [
          { variant_id: store.variants.tea, quantity: 1 },
          { variant_id: variants["KEFIR-1L"]!, quantity: 1 },
        ],
      }).then(
        () => {
          throw new Error("the payment session was created")
        },
        (error: { response?: AxiosResponse }) => {
          if (!error.response) throw error
          return error.response
        }
      )
      expect(failure.status).toBe(400)
      const body = failure.data as { type: string; message: string }
      expect(body.type).toBe("invalid_data")
      expect(body.message).toContain(`product "Кефир"`)
      expect(body.message).toContain(`variant "1 л" (${variants["KEFIR-1L"]})`)
      expect(body.message).toContain('variant metadata invoicebox_category "milkk"')
      expect(body.message).toContain("is not a «Честный знак» product group")
      expect(await orderCreations()).toBe(before)
    })
  },
})
