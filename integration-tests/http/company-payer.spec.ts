/**
 * Business payers on a real Medusa + PostgreSQL + the sandbox: the storefront looks a company up by
 * ИНН (GET /store/invoicebox/companies, InvoiceBox's counterparty details, cached), declares it for the
 * cart (POST /store/carts/:id/invoicebox-company-payer) and the InvoiceBox order carries the legal
 * customer; bad input is refused with field errors and changes nothing; DELETE goes back to a private
 * payer. The seed's company buyer (a customer account with its company saved) pays as the company
 * without declaring anything, and as a private person after DELETE.
 */
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import axios, { type AxiosResponse } from "axios"

import { counterpartyByInn } from "../../src/sandbox"
import type { RequestCounts } from "../../src/sandbox/request-log"
import type { Order } from "../../src/invoicebox/types"
import { useSandboxForMedusa } from "../helpers/sandbox"
import { checkoutWithInvoicebox, publishableHeaders } from "../helpers/storefront"
import { orderOfCart, seedStore, type SeededStore } from "../helpers/seed"

jest.setTimeout(180_000)

const sandbox = useSandboxForMedusa()

const INN = "7707083893"
const ADDRESS = {
  first_name: "Иван",
  last_name: "Петров",
  address_1: "ул. Ленина, 1",
  city: "Казань",
  country_code: "ru",
  postal_code: "420000",
  phone: "+7 900 111-22-33",
}

interface Prefill {
  name?: string
  inn: string
  kpp?: string
  legal_address?: string
}

medusaIntegrationTestRunner({
  testSuite: ({ getContainer, api }) => {
    let store: SeededStore
    let headers: Record<string, string>

    beforeAll(async () => {
      store = await seedStore(getContainer())
      headers = publishableHeaders(store)
    })

    const sandboxOrder = async (id: string): Promise<Order> =>
      (await axios.get(`${sandbox.url}/_sandbox/orders/${id}`)).data
    const lookups = async (): Promise<number> =>
      (await axios.get<RequestCounts>(`${sandbox.url}/_sandbox/requests`)).data.byRoute[
        "GET /filter/api/counterparty-detail"
      ] ?? 0
    const refused = (error: { response?: AxiosResponse }): AxiosResponse => {
      if (!error.response) throw error
      return error.response
    }
    const cartMetadata = async (cartId: string): Promise<Record<string, unknown> | null> =>
      (await api.get(`/store/carts/${cartId}?fields=metadata`, { headers })).data.cart.metadata

    async function newCart(): Promise<string> {
      const { data } = await api.post(
        "/store/carts",
        {
          region_id: store.regionId,
          sales_channel_id: store.salesChannelId,
          email: "buyer@example.com",
          items: [{ variant_id: store.variants.tea, quantity: 2 }],
          shipping_address: ADDRESS,
          billing_address: ADDRESS,
        },
        { headers }
      )
      return data.cart.id as string
    }

    it("a company checkout with lookup: the InvoiceBox order carries the legal customer", async () => {
      const before = await lookups()
      const found: { companies: Prefill[] } = (await api.get(`/store/invoicebox/companies?inn=${INN}`, { headers }))
        .data
      const company = counterpartyByInn(INN)!
      expect(found.companies).toEqual([
        {
          name: company.name,
          inn: INN,
          kpp: company.taxRegistrationReasonCode,
          legal_address: company.registrationAddress,
        },
      ])
      // the second lookup is answered from Medusa's cache: InvoiceBox is asked once
      const again: { companies: Prefill[] } = (await api.get(`/store/invoicebox/companies?inn=${INN}`, { headers }))
        .data
      expect(again.companies).toEqual(found.companies)
      expect(await lookups()).toBe(before + 1)

      const payer = { ...found.companies[0]!, email: "buh@romashka.example", phone: "8 (495) 123-45-67" }
      const { cart, session } = await checkoutWithInvoicebox(api, store, {
        items: [{ variant_id: store.variants.tea, quantity: 2 }],
        cart: { shipping_address: ADDRESS, billing_address: ADDRESS },
        beforeSession: async (cartId) => {
          const { data } = await api.post(`/store/carts/${cartId}/invoicebox-company-payer`, payer, { headers })
          expect(data).toEqual({ cart_id: cartId, company_payer: { ...payer, phone: "74951234567" } })
        },
      })
      expect((await cartMetadata(cart.id))?.invoicebox_company_payer).toMatchObject({ inn: INN, kpp: payer.kpp })

      const order = await sandboxOrder(String(session.data.invoicebox_order_id))
      expect(order.customer).toEqual({
        type: "legal",
        name: company.name,
        vatNumber: INN,
        taxRegistrationReasonCode: company.taxRegistrationReasonCode,
        registrationAddress: company.registrationAddress,
        email: "buh@romashka.example",
        phone: "74951234567",
      })
      // the option is off in the dev store: nothing is locked on the payment page
      expect(order.invoiceSetting).toBeUndefined()

      const paid = await axios.post(`${sandbox.url}/_sandbox/orders/${order.id}/pay`)
      expect(paid.data.notification.replyBody).toBe('{"status":"success"}')
      expect(await orderOfCart(getContainer(), cart.id)).not.toBeNull()
    })

    it("an individual entrepreneur (12-digit ИНН, no КПП) is a legal customer too", async () => {
      const inn = "500100732259"
      const data: { companies: Prefill[] } = (await api.get(`/store/invoicebox/companies?inn=${inn}`, { headers })).data
      expect(data.companies[0]).toMatchObject({ inn })
      expect(data.companies[0]).not.toHaveProperty("kpp")
      const { session } = await checkoutWithInvoicebox(api, store, {
        items: [{ variant_id: store.variants.tea, quantity: 1 }],
        beforeSession: async (cartId) => {
          await api.post(
            `/store/carts/${cartId}/invoicebox-company-payer`,
            { ...data.companies[0], email: "ip@example.com" },
            { headers }
          )
        },
      })
      const order = await sandboxOrder(String(session.data.invoicebox_order_id))
      expect(order.customer).toMatchObject({ type: "legal", vatNumber: inn, email: "ip@example.com" })
      expect(order.customer).not.toHaveProperty("taxRegistrationReasonCode")
    })

    it("a bad ИНН is refused with field errors and changes nothing", async () => {
      const before = await lookups()
      const lookup = await api.get(`/store/invoicebox/companies?inn=7707083894`, { headers }).catch(refused)
      expect(lookup.status).toBe(400)
      expect(lookup.data.message).toContain("inn: INN check digit (the 10th digit) does not match")
      const short = await api.get(`/store/invoicebox/companies?inn=77070`, { headers }).catch(refused)
      expect(short.status).toBe(400)
      expect(short.data.message).toContain("inn:")
      expect(await lookups()).toBe(before)

      const cartId = await newCart()
      const good = {
        name: "ООО «Ромашка»",
        inn: INN,
        kpp: "773601001",
        legal_address: "117312, г. Москва, ул. Вавилова, д. 19",
        email: "buh@romashka.example",
      }
      await api.post(`/store/carts/${cartId}/invoicebox-company-payer`, good, { headers })
      const metadataBefore = await cartMetadata(cartId)

      const bad = await api
        .post(
          `/store/carts/${cartId}/invoicebox-company-payer`,
          { ...good, inn: "7707083894", kpp: "77360100", email: "buh@", name: "" },
          { headers }
        )
        .catch(refused)
      expect(bad.status).toBe(400)
      expect(bad.data.type).toBe("invalid_data")
      for (const field of ["name:", "inn: INN check digit", "kpp:", "email:"]) {
        expect(bad.data.message).toContain(field)
      }
      const missingKpp = await api
        .post(`/store/carts/${cartId}/invoicebox-company-payer`, { ...good, kpp: undefined }, { headers })
        .catch(refused)
      expect(missingKpp.status).toBe(400)
      expect(missingKpp.data.message).toContain("kpp: the KPP (КПП) is required for a legal entity")
      // nothing changed: the payer declared before is still the cart's
      expect(await cartMetadata(cartId)).toEqual(metadataBefore)

      const unknown = await api
        .post(`/store/carts/cart_01UNKNOWN/invoicebox-company-payer`, good, { headers })
        .catch(refused)
      expect(unknown.status).toBe(404)
      const unknownDelete = await api
        .delete(`/store/carts/cart_01UNKNOWN/invoicebox-company-payer`, { headers })
        .catch(refused)
      expect(unknownDelete.status).toBe(404)
    })

    it("DELETE goes back to a private payer", async () => {
      const { cart, session } = await checkoutWithInvoicebox(api, store, {
        items: [{ variant_id: store.variants.tea, quantity: 1 }],
        cart: { billing_address: ADDRESS },
        beforeSession: async (cartId) => {
          await api.post(
            `/store/carts/${cartId}/invoicebox-company-payer`,
            {
              name: "ООО «Ромашка»",
              inn: INN,
              kpp: "773601001",
              legal_address: "117312, г. Москва, ул. Вавилова, д. 19",
              email: "buh@romashka.example",
            },
            { headers }
          )
          const { data } = await api.delete(`/store/carts/${cartId}/invoicebox-company-payer`, { headers })
          expect(data).toEqual({ cart_id: cartId, company_payer: null })
        },
      })
      expect((await cartMetadata(cart.id))?.invoicebox_company_payer).toBe(false)
      const order = await sandboxOrder(String(session.data.invoicebox_order_id))
      expect(order.customer).toEqual({
        type: "private",
        email: "buyer@example.com",
        name: "Иван Петров",
        phone: "79001112233",
      })
    })

    it("the seed's company buyer signs in: the company pays their carts; after DELETE they pay privately", async () => {
      const {
        data: { token },
      } = await api.post("/auth/customer/emailpass", {
        email: store.companyBuyer.email,
        password: store.companyBuyer.password,
      })
      const signedIn = { headers: { ...headers, Authorization: `Bearer ${token}` } }
      const cartOfBuyer = async (): Promise<string> => {
        const { data } = await api.post(
          "/store/carts",
          {
            region_id: store.regionId,
            sales_channel_id: store.salesChannelId,
            items: [{ variant_id: store.variants.tea, quantity: 1 }],
            shipping_address: ADDRESS,
            billing_address: ADDRESS,
          },
          signedIn
        )
        expect(data.cart.customer_id).toBe(store.companyBuyer.customerId)
        return data.cart.id as string
      }
      const invoiceboxOrderOf = async (cartId: string): Promise<Order> => {
        const { data } = await api.post("/store/payment-collections", { cart_id: cartId }, signedIn)
        const {
          data: { payment_collection: withSession },
        } = await api.post(
          `/store/payment-collections/${data.payment_collection.id}/payment-sessions`,
          { provider_id: "pp_invoicebox_invoicebox" },
          signedIn
        )
        return sandboxOrder(String(withSession.payment_sessions[0].data.invoicebox_order_id))
      }

      const asCompany = await invoiceboxOrderOf(await cartOfBuyer())
      expect(asCompany.customer).toEqual({
        type: "legal",
        name: "ООО «Ромашка»",
        vatNumber: store.companyBuyer.inn,
        taxRegistrationReasonCode: "773601001",
        registrationAddress: "117312, г. Москва, ул. Вавилова, д. 19",
        email: "buh@romashka.example",
        phone: "74951234567",
      })

      const privateCart = await cartOfBuyer()
      await api.delete(`/store/carts/${privateCart}/invoicebox-company-payer`, signedIn)
      const asPerson = await invoiceboxOrderOf(privateCart)
      expect(asPerson.customer).toMatchObject({ type: "private", email: store.companyBuyer.email, name: "Иван Петров" })
    })

    it("a company payer declared after the session reaches the unpaid InvoiceBox order", async () => {
      const { cart, invoiceboxOrderId } = await checkoutWithInvoicebox(api, store, {
        items: [{ variant_id: store.variants.tea, quantity: 1 }],
        cart: { billing_address: ADDRESS },
      })
      expect((await sandboxOrder(invoiceboxOrderId)).customer?.type).toBe("private")
      await api.post(
        `/store/carts/${cart.id}/invoicebox-company-payer`,
        {
          name: "ООО «Ромашка»",
          inn: INN,
          kpp: "773601001",
          legal_address: "117312, г. Москва, ул. Вавилова, д. 19",
          email: "buh@romashka.example",
        },
        { headers }
      )
      // cart.updated → the refresh workflow updates the same InvoiceBox order (same total, another payer)
      const deadline = Date.now() + 30_000
      let order = await sandboxOrder(invoiceboxOrderId)
      while (order.customer?.type !== "legal" && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 250))
        order = await sandboxOrder(invoiceboxOrderId)
      }
      expect(order.customer).toMatchObject({ type: "legal", vatNumber: INN, taxRegistrationReasonCode: "773601001" })
      expect(order.status).toBe("created")
    })

    it("a company payer written into cart metadata around the route is refused at session creation", async () => {
      const cartId = await newCart()
      await api.post(
        `/store/carts/${cartId}`,
        { metadata: { invoicebox_company_payer: { name: "X", inn: "1234567890", email: "x@example.com" } } },
        { headers }
      )
      const { data } = await api.post("/store/payment-collections", { cart_id: cartId }, { headers })
      const ordersBefore = (await axios.get<Order[]>(`${sandbox.url}/_sandbox/orders`)).data.length
      const session = await api
        .post(
          `/store/payment-collections/${data.payment_collection.id}/payment-sessions`,
          { provider_id: "pp_invoicebox_invoicebox" },
          { headers }
        )
        .catch(refused)
      expect(session.status).toBe(400)
      expect(session.data.message).toContain("invalid company payer in metadata.invoicebox_company_payer")
      expect((await axios.get<Order[]>(`${sandbox.url}/_sandbox/orders`)).data.length).toBe(ordersBefore)
    })
  },
})
