/**
 * A small Russian store (used by the demo and by the integration tests): a RUB region paid through
 * InvoiceBox, VAT 22 % with 10 % for honey, a service, a product sold by the kilogram (ОКЕИ 166),
 * a kettle with one unit in stock, a 300 ₽ courier, the promotion code WELCOME10 (10 % off), a
 * publishable API key for the storefront and a company buyer: a customer account of «Ромашка» whose
 * carts the company pays (its details saved in the customer's metadata, see cart-company-payer.ts).
 */
import type { IAuthModuleService, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createCustomerAccountWorkflow,
  createInventoryLevelsWorkflow,
  createPricePreferencesWorkflow,
  createPromotionsWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  createTaxRatesWorkflow,
  createTaxRegionsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
} from "@medusajs/medusa/core-flows"

export interface SeededStore {
  regionId: string
  salesChannelId: string
  publishableKey: string
  variants: { tea: string; honey: string; course: string; samovar: string; kettle: string; kefir: string }
  /** the kettle's inventory item (one unit at the warehouse) */
  kettleInventoryItemId: string
  promotionCode: string
  shippingOptionId: string
  stockLocationId: string
  /** a customer account whose carts «Ромашка» pays: e-mail, password and its saved company's ИНН */
  companyBuyer: { customerId: string; email: string; password: string; inn: string }
}

/** The seed's company buyer: the procurement manager of «Ромашка» signs in with these. */
export const COMPANY_BUYER = {
  email: "zakupki@romashka.example",
  password: "romashka-demo",
  company: {
    name: "ООО «Ромашка»",
    inn: "7707083893",
    kpp: "773601001",
    legal_address: "117312, г. Москва, ул. Вавилова, д. 19",
    email: "buh@romashka.example",
    phone: "74951234567",
  },
} as const

export async function seedStore(container: MedusaContainer): Promise<SeededStore> {
  const {
    result: [salesChannel],
  } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: [{ name: "Интернет-магазин" }] },
  })
  const {
    result: [apiKey],
  } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ title: "Витрина", type: "publishable", created_by: "seed" }] },
  })
  await linkSalesChannelsToApiKeyWorkflow(container).run({ input: { id: apiKey!.id, add: [salesChannel!.id] } })
  const {
    result: [region],
  } = await createRegionsWorkflow(container).run({
    input: {
      regions: [
        {
          name: "Россия",
          currency_code: "rub",
          countries: ["ru"],
          payment_providers: ["pp_invoicebox_invoicebox"],
          automatic_taxes: true,
          is_tax_inclusive: true,
        },
      ],
    },
  })
  // RUB prices include VAT, as Russian shops show them: 450 ₽ on the shelf is 450 ₽ at checkout (the
  // products' prices are per currency, so the currency's preference decides, not the region's)
  await createPricePreferencesWorkflow(container).run({
    input: [{ attribute: "currency_code", value: "rub", is_tax_inclusive: true }],
  })
  const {
    result: [taxRegion],
  } = await createTaxRegionsWorkflow(container).run({
    input: [
      {
        country_code: "ru",
        provider_id: "tp_system",
        default_tax_rate: { rate: 22, code: "ru-vat-22", name: "НДС 22%" },
      },
    ],
  })
  const {
    result: [shippingProfile],
  } = await createShippingProfilesWorkflow(container).run({
    input: { data: [{ name: "Посылки", type: "default" }] },
  })
  const { result: products } = await createProductsWorkflow(container).run({
    input: {
      products: [
        {
          title: "Чай улун",
          status: "published",
          options: [{ title: "Фасовка", values: ["100 г"] }],
          variants: [
            {
              title: "100 г",
              sku: "TEA-100",
              manage_inventory: false,
              options: { Фасовка: "100 г" },
              prices: [{ amount: 450, currency_code: "rub" }],
            },
          ],
          sales_channels: [{ id: salesChannel!.id }],
        },
        {
          title: "Мёд липовый",
          status: "published",
          metadata: { invoicebox_measure: "кг", invoicebox_measure_code: "166" },
          options: [{ title: "Вес", values: ["1 кг"] }],
          variants: [
            {
              title: "1 кг",
              sku: "HONEY-1KG",
              manage_inventory: false,
              options: { Вес: "1 кг" },
              prices: [{ amount: 333.33, currency_code: "rub" }],
            },
          ],
          sales_channels: [{ id: salesChannel!.id }],
        },
        {
          // needs shipping: a cart with it and no shipping method cannot become an order
          title: "Самовар",
          status: "published",
          shipping_profile_id: shippingProfile!.id,
          options: [{ title: "Объём", values: ["3 л"] }],
          variants: [
            {
              title: "3 л",
              sku: "SAMOVAR-3L",
              manage_inventory: false,
              options: { Объём: "3 л" },
              prices: [{ amount: 5000, currency_code: "rub" }],
            },
          ],
          sales_channels: [{ id: salesChannel!.id }],
        },
        {
          // marked goods («Честный знак», dairy): the receipt line carries the product group
          title: "Кефир 2,5 %",
          status: "published",
          options: [{ title: "Объём", values: ["1 л"] }],
          variants: [
            {
              title: "1 л",
              sku: "KEFIR-2.5-1L",
              manage_inventory: false,
              options: { Объём: "1 л" },
              metadata: {
                invoicebox_type: "33",
                invoicebox_category_type: "honestSign",
                invoicebox_category: "milk",
              },
              prices: [{ amount: 120, currency_code: "rub" }],
            },
          ],
          sales_channels: [{ id: salesChannel!.id }],
        },
        {
          // stock is tracked: one unit at the warehouse
          title: "Чайник чугунный",
          status: "published",
          shipping_profile_id: shippingProfile!.id,
          options: [{ title: "Объём", values: ["1 л"] }],
          variants: [
            {
              title: "1 л",
              sku: "KETTLE-1L",
              manage_inventory: true,
              options: { Объём: "1 л" },
              prices: [{ amount: 2500, currency_code: "rub" }],
            },
          ],
          sales_channels: [{ id: salesChannel!.id }],
        },
        {
          title: "Мастер-класс по чаю",
          status: "published",
          metadata: { invoicebox_type: "service" },
          options: [{ title: "Формат", values: ["Онлайн"] }],
          variants: [
            {
              title: "Онлайн",
              sku: "CLASS-ONLINE",
              manage_inventory: false,
              options: { Формат: "Онлайн" },
              prices: [{ amount: 1000, currency_code: "rub" }],
            },
          ],
          sales_channels: [{ id: salesChannel!.id }],
        },
      ],
    },
  })
  const honey = products.find((p) => p.title === "Мёд липовый")!
  const kefir = products.find((p) => p.title === "Кефир 2,5 %")!
  await createTaxRatesWorkflow(container).run({
    input: [
      {
        tax_region_id: taxRegion!.id,
        rate: 10,
        code: "ru-vat-10",
        name: "НДС 10%",
        // foods at 10 %
        rules: [
          { reference: "product", reference_id: honey.id },
          { reference: "product", reference_id: kefir.id },
        ],
      },
    ],
  })
  // a warehouse with the manual fulfillment provider and a 300 ₽ courier option for Russia
  const {
    result: [location],
  } = await createStockLocationsWorkflow(container).run({
    input: {
      locations: [
        { name: "Склад Москва", address: { city: "Москва", country_code: "RU", address_1: "ул. Тверская, 1" } },
      ],
    },
  })
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location!.id },
    [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" },
  })
  const fulfillment = container.resolve(Modules.FULFILLMENT)
  const fulfillmentSet = await fulfillment.createFulfillmentSets({
    name: "Доставка по России",
    type: "shipping",
    service_zones: [{ name: "Россия", geo_zones: [{ country_code: "ru", type: "country" }] }],
  })
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location!.id },
    [Modules.FULFILLMENT]: { fulfillment_set_id: fulfillmentSet.id },
  })
  await linkSalesChannelsToStockLocationWorkflow(container).run({
    input: { id: location!.id, add: [salesChannel!.id] },
  })
  const {
    result: [shippingOption],
  } = await createShippingOptionsWorkflow(container).run({
    input: [
      {
        name: "Курьер",
        price_type: "flat",
        provider_id: "manual_manual",
        service_zone_id: fulfillmentSet.service_zones[0]!.id,
        shipping_profile_id: shippingProfile!.id,
        type: { label: "Курьер", description: "Доставка курьером", code: "courier" },
        prices: [
          { currency_code: "rub", amount: 300 },
          { region_id: region!.id, amount: 300 },
        ],
        rules: [
          { attribute: "enabled_in_store", value: "true", operator: "eq" },
          { attribute: "is_return", value: "false", operator: "eq" },
        ],
      },
    ],
  })

  const variantOf = (title: string) => products.find((p) => p.title === title)!.variants[0]!.id
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: kettleVariants } = await query.graph({
    entity: "variant",
    fields: ["id", "inventory_items.inventory_item_id"],
    filters: { id: variantOf("Чайник чугунный") },
  })
  const kettleInventoryItemId = (kettleVariants[0] as { inventory_items: Array<{ inventory_item_id: string }> })
    .inventory_items[0]!.inventory_item_id
  await createInventoryLevelsWorkflow(container).run({
    input: {
      inventory_levels: [{ inventory_item_id: kettleInventoryItemId, location_id: location!.id, stocked_quantity: 1 }],
    },
  })

  const promotionCode = "WELCOME10"
  await createPromotionsWorkflow(container).run({
    input: {
      promotionsData: [
        {
          code: promotionCode,
          type: "standard",
          status: "active",
          is_automatic: false,
          application_method: {
            type: "percentage",
            target_type: "order",
            allocation: "across",
            value: 10,
            currency_code: "rub",
          },
        },
      ],
    },
  })

  const companyBuyer = await seedCompanyBuyer(container)

  return {
    regionId: region!.id,
    salesChannelId: salesChannel!.id,
    publishableKey: apiKey!.token,
    variants: {
      tea: variantOf("Чай улун"),
      honey: variantOf("Мёд липовый"),
      course: variantOf("Мастер-класс по чаю"),
      samovar: variantOf("Самовар"),
      kettle: variantOf("Чайник чугунный"),
      kefir: variantOf("Кефир 2,5 %"),
    },
    kettleInventoryItemId,
    promotionCode,
    shippingOptionId: shippingOption!.id,
    stockLocationId: location!.id,
    companyBuyer,
  }
}

/** A customer account (e-mail and password, as a storefront registers one) with the company saved. */
async function seedCompanyBuyer(container: MedusaContainer): Promise<SeededStore["companyBuyer"]> {
  const auth = container.resolve<IAuthModuleService>(Modules.AUTH)
  const { success, authIdentity, error } = await auth.register("emailpass", {
    body: { email: COMPANY_BUYER.email, password: COMPANY_BUYER.password },
  })
  if (!success || !authIdentity)
    throw new Error(`Seeding the company buyer's account failed: ${error ?? "no identity"}`)
  const { result: customer } = await createCustomerAccountWorkflow(container).run({
    input: {
      authIdentityId: authIdentity.id,
      customerData: {
        email: COMPANY_BUYER.email,
        first_name: "Анна",
        last_name: "Смирнова",
        company_name: COMPANY_BUYER.company.name,
        phone: "+7 495 123-45-67",
        metadata: { invoicebox_company_payer: { ...COMPANY_BUYER.company } },
      },
    },
  })
  return {
    customerId: customer.id,
    email: COMPANY_BUYER.email,
    password: COMPANY_BUYER.password,
    inn: COMPANY_BUYER.company.inn,
  }
}
