/** Marked and excise goods from product / variant metadata into the cart's basket lines. */
import { MedusaError } from "@medusajs/framework/utils"

import { withMedusaDataErrors } from "../../src/providers/invoicebox/errors"

import { cartBasketLines, type CartItemLike } from "../../src/payment/cart-basket"
import { describeGoods, goodsKindOf } from "../../src/payment/marked-goods-metadata"
import { parseProviderOptions } from "../../src/payment/options"
import { DEMO_SHOP } from "../../src/invoicebox/types"

const options = parseProviderOptions({
  merchantId: DEMO_SHOP.merchantId,
  token: DEMO_SHOP.token,
  notificationKey: DEMO_SHOP.notificationKey,
})

function milk(overrides: Partial<CartItemLike> = {}): CartItemLike {
  return {
    id: "item_1",
    product_id: "prod_milk",
    product_title: "Молоко",
    variant_id: "variant_milk_1l",
    variant_title: "1 л",
    variant_sku: "MILK-1L",
    quantity: 2,
    unit_price: 100,
    total: 200,
    tax_lines: [{ rate: 10 }],
    ...overrides,
  }
}

/** what Medusa v2 gets: the shared basket code's StoreDataError as the provider's MedusaError */
function medusaErrorOf(run: () => unknown): MedusaError {
  try {
    withMedusaDataErrors(run)
  } catch (error) {
    if (error instanceof MedusaError) return error
    throw error
  }
  throw new Error("expected a MedusaError, nothing was thrown")
}

describe("goodsKindOf", () => {
  it("reads the category from the product and lets the variant win", () => {
    const fromProduct = milk({
      product: { metadata: { invoicebox_category_type: "honestSign", invoicebox_category: "milk" } },
      variant: { metadata: { invoicebox_type: "33" } },
    })
    const [line] = cartBasketLines({ id: "cart", items: [fromProduct] }, options)
    expect(line).toMatchObject({ type: 33, categoryType: "honestSign", category: "milk" })

    const variantWins = milk({
      variant: {
        metadata: { invoicebox_category: "water" },
        product: { metadata: { invoicebox_category_type: "honestSign", invoicebox_category: "milk" } },
      },
    })
    expect(cartBasketLines({ id: "cart", items: [variantWins] }, options)[0]).toMatchObject({
      categoryType: "honestSign",
      category: "water",
    })
  })

  it("does not read the marked goods keys from the line item's own metadata (the storefront writes it)", () => {
    const item = milk({ metadata: { invoicebox_category_type: "honestSign", invoicebox_category: "caviar" } })
    const [line] = cartBasketLines({ id: "cart", items: [item] }, options)
    expect(line).not.toHaveProperty("category")
    expect(line).not.toHaveProperty("categoryType")
  })

  it("turns the excise of one unit into the line's excise", () => {
    const item = milk({
      quantity: 3,
      total: 900,
      product: { metadata: { invoicebox_type: 2, invoicebox_excise: "12.345" } },
    })
    expect(cartBasketLines({ id: "cart", items: [item] }, options)[0]).toMatchObject({ type: 2, excise: "37.04" })
    const kg = milk({
      quantity: 1.5,
      total: 300,
      variant: { metadata: { invoicebox_type: "2", invoicebox_excise: 10 } },
    })
    expect(goodsKindOf(kg, { type: "2", defaultType: "commodity", quantity: 1.5, grossTotal: 300 })).toEqual({
      type: 2,
      excise: "15.00",
    })
  })

  it("keeps plain goods plain", () => {
    expect(goodsKindOf(milk(), { type: undefined, defaultType: "commodity", quantity: 2, grossTotal: 200 })).toEqual({
      type: "commodity",
    })
    expect(goodsKindOf(milk(), { type: "service", defaultType: "commodity", quantity: 1, grossTotal: 200 })).toEqual({
      type: "service",
    })
  })

  it("refuses a bad value with a 400 naming the product, the variant, the key and the value", () => {
    const error = medusaErrorOf(() =>
      cartBasketLines(
        {
          id: "cart",
          items: [
            milk({
              variant: { metadata: { invoicebox_category: "milkk" } },
              product: { metadata: { invoicebox_category_type: "honestSign" } },
            }),
          ],
        },
        options
      )
    )
    expect(error.type).toBe(MedusaError.Types.INVALID_DATA)
    expect(error.message).toContain('product "Молоко" (prod_milk), variant "1 л" (variant_milk_1l)')
    expect(error.message).toContain('variant metadata invoicebox_category "milkk"')
    expect(error.message).toMatch(/is not a «Честный знак» product group/)
  })

  it("reports every problem at once: type, categoryType, category, excise", () => {
    const item = milk({
      product: {
        metadata: {
          invoicebox_type: "goods",
          invoicebox_category_type: "chestnyZnak",
          invoicebox_category: "x".repeat(21),
          invoicebox_excise: "free",
        },
      },
    })
    const message = medusaErrorOf(() => cartBasketLines({ id: "cart", items: [item] }, options)).message
    expect(message).toContain('metadata invoicebox_type "goods"')
    expect(message).toContain('product metadata invoicebox_category_type "chestnyZnak"')
    expect(message).toMatch(/invoicebox_category "x{21}": category is longer than 20 characters/)
    expect(message).toContain('product metadata invoicebox_excise "free" must be a decimal number')
  })

  it("refuses an excise larger than the line, excise on a non-excise good and a negative excise", () => {
    const over = milk({ product: { metadata: { invoicebox_type: 2, invoicebox_excise: 150 } } })
    expect(medusaErrorOf(() => cartBasketLines({ id: "c", items: [over] }, options)).message).toContain(
      "invoicebox_excise 150 per unit (300.00 for the line): excise 300 is more than the line's totalAmount 200"
    )
    const plain = milk({ product: { metadata: { invoicebox_type: "1", invoicebox_excise: 1 } } })
    expect(medusaErrorOf(() => cartBasketLines({ id: "c", items: [plain] }, options)).message).toMatch(
      /carries no excise/
    )
    const negative = milk({ product: { metadata: { invoicebox_type: 2, invoicebox_excise: -1 } } })
    expect(medusaErrorOf(() => cartBasketLines({ id: "c", items: [negative] }, options)).message).toMatch(
      /invoicebox_excise -1 must not be negative/
    )
  })

  it("names a bad default type as the provider's option", () => {
    const odd = parseProviderOptions({ ...options, defaultItemType: 99 })
    expect(medusaErrorOf(() => cartBasketLines({ id: "c", items: [milk()] }, odd)).message).toContain(
      "the provider's defaultItemType 99"
    )
  })

  it("describes goods without titles or variants", () => {
    expect(describeGoods({ id: "i", title: "Подарок" })).toBe('product "Подарок"')
    expect(describeGoods({ id: "i", product_title: "Чай", variant_id: "v1" })).toBe('product "Чай", variant "" (v1)')
  })
})
