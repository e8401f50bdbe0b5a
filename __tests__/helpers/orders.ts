import { basketOrderAmounts, buildBasket, type BasketLineInput } from "../../src/invoicebox/basket"
import { DEMO_SHOP, type BasketItem, type CreateOrderRequest } from "../../src/invoicebox/types"

let counter = 0

/** A valid create-order request for the demo shop, built with the core's basket builder. */
export function orderRequest(
  overrides: Partial<CreateOrderRequest> = {},
  lines?: BasketLineInput[]
): CreateOrderRequest {
  counter += 1
  const basket = buildBasket(
    lines ?? [
      {
        sku: "TEA-1",
        name: "Чай улун, 100 г",
        unitPrice: "450.00",
        quantity: 3,
        discount: "100.00",
        vatCode: "RUS_VAT22",
      },
      {
        sku: "HONEY",
        name: "Мёд липовый",
        unitPrice: "320.50",
        quantity: "1.5",
        vatCode: "RUS_VAT10",
        measure: "кг",
        measureCode: "166",
      },
      {
        sku: "shipping",
        name: "Доставка курьером",
        unitPrice: 300,
        quantity: 1,
        vatCode: "RUS_VAT22",
        type: "service",
      },
    ]
  )
  return {
    merchantId: DEMO_SHOP.merchantId,
    merchantOrderId: `test-${process.pid}-${Date.now()}-${counter}`,
    description: "Заказ в тестовом магазине",
    currencyId: "RUB",
    languageId: "ru",
    expirationDate: new Date(Date.now() + 3_600_000).toISOString(),
    customer: { type: "private", email: "buyer@example.com" },
    basketItems: basket.items,
    ...basketOrderAmounts(basket),
    ...overrides,
  }
}

export const AUTH = { Authorization: `Bearer ${DEMO_SHOP.token}` }

/** The line of the docs' create-order example (merchant/order/create.md). */
export function docsBasketItem(overrides: Partial<BasketItem> = {}): BasketItem {
  return {
    sku: "5fe0adcfa7fb4",
    name: "Бронирование номера",
    measure: "шт",
    measureCode: "796",
    quantity: 3,
    amount: 123.96,
    amountWoVat: 103.3,
    totalAmount: 371.88,
    totalVatAmount: 61.98,
    vatCode: "RUS_VAT20",
    type: "service",
    paymentType: "full_prepayment",
    ...overrides,
  }
}
