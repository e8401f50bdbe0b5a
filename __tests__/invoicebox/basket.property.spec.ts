/**
 * Property test over random carts: mixed VAT codes (22 % and `_ADDED` included), discounts (1/3,
 * halves, 100 %), fractional quantities, shipping lines as services, money given as numbers, decimal
 * text, Medusa raw values and Medusa BigNumber instances. For every cart:
 * - the built basket passes the reconciler and the sandbox's own order check;
 * - its amount equals the cart total computed independently here with BigInt, to the kopeck;
 * - random refunds (one, then another from what is left) sum exactly, stay within the refundable
 *   lines and pass the reconciler too.
 */
import { BigNumber } from "@medusajs/framework/utils"
import fc from "fast-check"

import { basketOrderAmounts, buildBasket, type BasketLineInput } from "../../src/invoicebox/basket"
import { checkOrderBasket } from "../../src/invoicebox/basket-reconcile"
import { allocateRefund, refundableTotal, type RefundAllocation } from "../../src/invoicebox/refund-allocation"
import { VAT_CODES, type BasketItem, type VatCode } from "../../src/invoicebox/types"
import { checkOrderArithmetic } from "../../src/sandbox/order-validation"

// fewer under StrykerJS (jest.stryker.config.js), where the test runs once per mutant
const CARTS = Number(process.env.INVOICEBOX_PROPERTY_CARTS ?? 10_000)

/** The sandbox's independent implementation of the same rules (src/sandbox/order-validation.ts). */
const sandboxCheck = checkOrderArithmetic

// ---- independent reference arithmetic (BigInt, no package code) ----

const RATES: Record<VatCode, { rate: bigint; added: boolean }> = {
  VATNONE: { rate: 0n, added: false },
  RUS_VAT0: { rate: 0n, added: false },
  RUS_VAT5: { rate: 5n, added: false },
  RUS_VAT5_ADDED: { rate: 5n, added: true },
  RUS_VAT7: { rate: 7n, added: false },
  RUS_VAT7_ADDED: { rate: 7n, added: true },
  RUS_VAT10: { rate: 10n, added: false },
  RUS_VAT10_ADDED: { rate: 10n, added: true },
  RUS_VAT20: { rate: 20n, added: false },
  RUS_VAT20_ADDED: { rate: 20n, added: true },
  RUS_VAT22: { rate: 22n, added: false },
  RUS_VAT22_ADDED: { rate: 22n, added: true },
}

const pow10 = (n: number): bigint => 10n ** BigInt(n)
/** half-up of n/d for n ≥ 0, d > 0 */
const halfUp = (n: bigint, d: bigint): bigint => (2n * n + d) / (2n * d)

function decimalText(units: bigint, scale: number): string {
  const digits = units.toString().padStart(scale + 1, "0")
  return scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`
}

/** Kopecks of a JSON number with at most 2 decimals, read from its text (throws otherwise). */
function wireKopecks(value: number): bigint {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(String(value))
  if (!match) throw new Error(`not a 2-decimal wire amount: ${value}`)
  return BigInt(match[1]!) * 100n + BigInt((match[2] ?? "").padEnd(2, "0"))
}

function wireMilli(value: number): bigint {
  const match = /^(\d+)(?:\.(\d{1,3}))?$/.exec(String(value))
  if (!match) throw new Error(`not a 3-decimal wire quantity: ${value}`)
  return BigInt(match[1]!) * 1000n + BigInt((match[2] ?? "").padEnd(3, "0"))
}

// ---- cart generation ----

type MoneyForm = "number" | "text" | "raw" | "medusa"

interface CartLine {
  unitUnits: bigint
  unitScale: number
  milli: bigint
  /** discount as a fraction of the subtotal, applied at 6 decimals (truncated) */
  discount: [bigint, bigint] | null
  vatCode: VatCode
  shipping: boolean
  priceForm: MoneyForm
  quantityAsText: boolean
}

const cartLine: fc.Arbitrary<CartLine> = fc.record({
  unitScale: fc.constantFrom(2, 2, 2, 3, 4),
  unitUnits: fc.oneof(
    fc.bigInt({ min: 0n, max: 1_000n }),
    fc.bigInt({ min: 1n, max: 10_000_000n }),
    fc.constantFrom(9_999n, 33_333n, 100_000n, 1n)
  ),
  milli: fc.oneof(
    fc.integer({ min: 1, max: 20 }).map((n) => BigInt(n) * 1000n),
    fc.bigInt({ min: 1n, max: 25_000n }),
    fc.constantFrom(1500n, 250n, 333n, 2500n)
  ),
  discount: fc.option(
    fc.oneof(
      fc.constantFrom<[bigint, bigint]>([1n, 3n], [2n, 3n], [1n, 2n], [1n, 1n]),
      fc.integer({ min: 0, max: 100 }).map((p): [bigint, bigint] => [BigInt(p), 100n])
    ),
    { freq: 2 }
  ),
  vatCode: fc.constantFrom(...VAT_CODES),
  shipping: fc.constant(false),
  priceForm: fc.constantFrom<MoneyForm>("number", "text", "raw", "medusa"),
  quantityAsText: fc.boolean(),
})

const shippingLine: fc.Arbitrary<CartLine> = fc.record({
  unitScale: fc.constant(2),
  unitUnits: fc.bigInt({ min: 0n, max: 200_000n }),
  milli: fc.constant(1000n),
  discount: fc.option(fc.constant<[bigint, bigint]>([1n, 1n]), { freq: 5 }),
  vatCode: fc.constantFrom(...VAT_CODES),
  shipping: fc.constant(true),
  priceForm: fc.constantFrom<MoneyForm>("number", "text", "raw"),
  quantityAsText: fc.constant(false),
})

const cart = fc.record({
  lines: fc.array(cartLine, { minLength: 1, maxLength: 8 }),
  shipping: fc.option(shippingLine, { freq: 2 }),
  refund: fc.double({ min: 0, max: 1, noNaN: true }),
  secondRefund: fc.double({ min: 0, max: 1, noNaN: true }),
  fullRefund: fc.boolean(),
})

function money(text: string, form: MoneyForm): BasketLineInput["unitPrice"] {
  switch (form) {
    case "number":
      return Number(text)
    case "text":
      return text
    case "raw":
      return { value: text, precision: 20 }
    case "medusa":
      return new BigNumber(text)
  }
}

/** discount units at scale 6 for a line, or null */
function discountUnits(line: CartLine): bigint | null {
  if (line.discount === null) return null
  const [num, den] = line.discount
  // subtotal at scale 6 = unitUnits × milli × 10^6 / 10^(unitScale + 3)
  return (line.unitUnits * line.milli * pow10(6) * num) / (den * pow10(line.unitScale + 3))
}

function toInput(line: CartLine, index: number): BasketLineInput {
  const discount = discountUnits(line)
  const quantity = decimalText(line.milli, 3)
  return {
    sku: line.shipping ? "shipping" : `SKU-${index}`,
    name: line.shipping ? "Доставка курьером" : `Товар №${index}`,
    unitPrice: money(decimalText(line.unitUnits, line.unitScale), line.priceForm),
    quantity: line.quantityAsText ? quantity : Number(quantity),
    ...(discount !== null ? { discount: decimalText(discount, 6) } : {}),
    vatCode: line.vatCode,
    ...(line.shipping ? { type: "service" as const, measure: "усл. ед", measureCode: "876" } : {}),
  }
}

/** The line's gross total in kopecks, computed here without package code. */
function expectedGross(line: CartLine): bigint {
  const scale = Math.max(line.unitScale + 3, 6)
  const subtotal = line.unitUnits * line.milli * pow10(scale - line.unitScale - 3)
  const discount = (discountUnits(line) ?? 0n) * pow10(scale - 6)
  const net = halfUp(subtotal - discount, pow10(scale - 2))
  const { rate, added } = RATES[line.vatCode]
  return added ? net + halfUp(net * rate, 100n) : net
}

// ---- checks (plain throws: jest's expect is too slow for ~1M assertions; fast-check reports the cart) ----

function check(condition: boolean, message: () => string): void {
  if (!condition) throw new Error(message())
}

function noProblems(order: { amount: number; vatAmount: number; basketItems: BasketItem[] }, what: string): void {
  const problems = checkOrderBasket(order)
  check(problems.length === 0, () => `${what}: reconciler problems ${JSON.stringify(problems)}`)
  const verdict = sandboxCheck(order)
  check(verdict === null, () => `${what}: sandbox check ${JSON.stringify(verdict)}`)
}

// ---- refund checks ----

interface Remaining {
  item: BasketItem
  milli: bigint
  kopecks: bigint
}

function checkRefund(result: RefundAllocation, from: Remaining[], requested: bigint): void {
  const amounts = {
    amount: Number(decimalText(BigInt(result.amount), 2)),
    vatAmount: Number(decimalText(BigInt(result.vatAmount), 2)),
  }
  noProblems({ ...amounts, basketItems: result.items }, "refund")
  check(BigInt(result.amount) === requested, () => `refund amount ${result.amount} ≠ requested ${requested}`)
  const sum = result.items.reduce((total, item) => total + wireKopecks(item.totalAmount), 0n)
  check(sum === requested, () => `refund lines sum to ${sum}, requested ${requested}`)
  const vat = result.items.reduce((total, item) => total + wireKopecks(item.totalVatAmount), 0n)
  check(vat === BigInt(result.vatAmount), () => `refund VAT lines sum to ${vat}, vatAmount ${result.vatAmount}`)
  check(result.sourceLineIndexes.length === result.items.length, () => "one source index per refund line")
  const takenKopecks = from.map(() => 0n)
  const takenMilli = from.map(() => 0n)
  result.items.forEach((item, i) => {
    const source = result.sourceLineIndexes[i]!
    const line = from[source]!
    check(
      item.sku === line.item.sku && item.vatCode === line.item.vatCode,
      () => `refund line ${i} does not match its source ${source}`
    )
    takenKopecks[source]! += wireKopecks(item.totalAmount)
    takenMilli[source]! += wireMilli(item.quantity)
  })
  from.forEach((line, i) => {
    check(takenKopecks[i]! <= line.kopecks, () => `line ${i}: refunded ${takenKopecks[i]} kopecks of ${line.kopecks}`)
    check(takenMilli[i]! <= line.milli, () => `line ${i}: refunded quantity ${takenMilli[i]} of ${line.milli}`)
  })
  // whole lines first: every source line before the last one touched is refunded in full
  const touched = [...new Set(result.sourceLineIndexes)].sort((a, b) => a - b)
  for (const i of touched.slice(0, -1)) {
    check(takenKopecks[i] === from[i]!.kopecks, () => `line ${i} refunded in part before a later line`)
  }
}

function leftAfter(result: RefundAllocation, from: Remaining[]): Remaining[] {
  return from.map((line, index) => {
    let kopecks = line.kopecks
    let milli = line.milli
    result.items.forEach((item, i) => {
      if (result.sourceLineIndexes[i] !== index) return
      kopecks -= wireKopecks(item.totalAmount)
      milli -= wireMilli(item.quantity)
    })
    return {
      item: { ...line.item, quantity: Number(decimalText(milli, 3)), totalAmount: Number(decimalText(kopecks, 2)) },
      milli,
      kopecks: milli === 0n ? 0n : kopecks,
    }
  })
}

function pick(fraction: number, max: bigint): bigint {
  // 1 … max
  return 1n + BigInt(Math.floor(fraction * Number(max - 1n)))
}

describe("basket property: random carts and refunds", () => {
  it("uses checks that do reject a basket off by one kopeck", () => {
    const basket = buildBasket([{ sku: "A", name: "Товар", unitPrice: 100, quantity: 3, vatCode: "RUS_VAT22" }])
    const order = { ...basketOrderAmounts(basket), basketItems: basket.items }
    expect(checkOrderBasket(order)).toEqual([])
    expect(sandboxCheck(order)).toBeNull()
    const tampered = { ...order, basketItems: [{ ...basket.items[0]!, totalAmount: 300.01 }], amount: 300.01 }
    expect(checkOrderBasket(tampered).map((p) => p.code)).toEqual(["wrong_basket_item_total_amount"])
    expect(sandboxCheck(tampered)?.code).toBe("wrong_basket_item_total_amount")
  })

  it(`builds ${CARTS} carts with 0 kopeck drift that pass every check, and refunds them exactly`, () => {
    let refunds = 0
    let splitLines = 0
    fc.assert(
      fc.property(cart, ({ lines, shipping, refund, secondRefund, fullRefund }) => {
        const all = shipping === null ? lines : [...lines, shipping]
        const basket = buildBasket(all.map(toInput))
        splitLines += basket.items.length - all.length

        // 0 drift against the independent total
        const expected = all.reduce((sum, line) => sum + expectedGross(line), 0n)
        check(BigInt(basket.amount) === expected, () => `basket amount ${basket.amount} ≠ expected ${expected}`)

        // the order as it goes over the wire passes the reconciler and the sandbox's check
        const wire = JSON.parse(JSON.stringify({ ...basketOrderAmounts(basket), basketItems: basket.items })) as {
          amount: number
          vatAmount: number
          basketItems: BasketItem[]
        }
        check(wireKopecks(wire.amount) === expected, () => `wire amount ${wire.amount} ≠ expected ${expected}`)
        noProblems(wire, "order")
        const vat = wire.basketItems.reduce((sum, item) => sum + wireKopecks(item.totalVatAmount), 0n)
        check(vat === BigInt(basket.vatAmount), () => `Σ totalVatAmount ${vat} ≠ vatAmount ${basket.vatAmount}`)

        if (expected === 0n) return
        // first refund: full, or a random amount in 1 … total
        const paid: Remaining[] = wire.basketItems.map((item) => ({
          item,
          milli: wireMilli(item.quantity),
          kopecks: wireKopecks(item.totalAmount),
        }))
        const firstAmount = fullRefund ? expected : pick(refund, expected)
        const first = allocateRefund(
          paid.map((line) => line.item),
          decimalText(firstAmount, 2)
        )
        checkRefund(first, paid, firstAmount)
        refunds += 1
        if (firstAmount === expected) {
          check(
            JSON.stringify(first.items) === JSON.stringify(wire.basketItems),
            () => "a full refund returns the lines as paid"
          )
        }

        // second refund from what is left (lines may no longer be amount × quantity)
        const left = leftAfter(first, paid)
        const leftTotal = BigInt(refundableTotal(left.map((line) => line.item)))
        const leftSum = left.reduce((sum, line) => sum + line.kopecks, 0n)
        check(leftTotal === leftSum, () => `refundableTotal ${leftTotal} ≠ ${leftSum}`)
        if (leftTotal === 0n) return
        const secondAmount = pick(secondRefund, leftTotal)
        const second = allocateRefund(
          left.map((line) => line.item),
          Number(decimalText(secondAmount, 2))
        )
        checkRefund(second, left, secondAmount)
        refunds += 1
      }),
      { numRuns: CARTS }
    )
    // the generator really exercises splitting and refunds
    expect(splitLines).toBeGreaterThan(CARTS / 10)
    expect(refunds).toBeGreaterThan(CARTS)
  }, 60_000)
})
