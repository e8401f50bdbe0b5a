import { BigNumber } from "@medusajs/framework/utils"
import BigNumberJS from "bignumber.js"
import fc from "fast-check"

import {
  MAX_WIRE_KOPECKS,
  divideHalfUp,
  formatExactDecimal,
  formatKopecks,
  formatQuantity,
  kopecksToMajor,
  mulDivHalfUp,
  shareInProportion,
  multiplyByQuantity,
  parseDecimalText,
  quantityToNumber,
  toExactDecimal,
  toKopecks,
  toQuantity,
  type MoneyInput,
} from "../../src/invoicebox/money"
import { errorOf } from "../helpers/errors"

describe("toKopecks", () => {
  it.each<[MoneyInput, number]>([
    [123.45, 12345],
    ["123.45", 12345],
    [" 7 ", 700],
    [0, 0],
    ["-12.5", -1250],
    [".5", 50],
    ["5.", 500],
    ["+3.10", 310],
    [123n, 12300],
    [-2n, -200],
  ])("%p → %p kopecks", (input, kopecks) => {
    expect(toKopecks(input)).toBe(kopecks)
  })

  it("has no float drift: 0.1 + 0.2 is 30 kopecks, 1.1 × 3 style sums too", () => {
    expect(0.1 + 0.2).not.toBe(0.3)
    expect(toKopecks(0.1 + 0.2)).toBe(30)
    expect(toKopecks(1.1 * 3)).toBe(330)
    expect(toKopecks(0.7 + 0.1)).toBe(80)
  })

  it("rounds ties half-up (away from zero) on the decimal text, not on the float", () => {
    // Math.round(1.005 * 100) is 100 because 1.005 * 100 = 100.49999999999999
    expect(Math.round(1.005 * 100)).toBe(100)
    expect(toKopecks(1.005)).toBe(101)
    expect(toKopecks("1.005")).toBe(101)
    expect(toKopecks("1.0049999")).toBe(100)
    expect(toKopecks("-1.005")).toBe(-101)
    expect(toKopecks("0.125")).toBe(13)
    expect(toKopecks("2.675")).toBe(268)
  })

  it("never returns -0", () => {
    expect(Object.is(toKopecks("-0.001"), 0)).toBe(true)
    expect(Object.is(toKopecks(-0), 0)).toBe(true)
  })

  it("handles exponent forms", () => {
    expect(String(1e-7)).toBe("1e-7")
    expect(toKopecks(1e-7)).toBe(0)
    expect(toKopecks("1e-7")).toBe(0)
    expect(toKopecks("1.2E+3")).toBe(120000)
    expect(toKopecks("5e-3")).toBe(1)
    expect(toKopecks("12345e-2")).toBe(12345)
    expect(toKopecks(1e13)).toBe(1e15)
  })

  it('"exact" accepts at most 2 non-zero decimals', () => {
    expect(toKopecks("12.300", "exact")).toBe(1230)
    expect(toKopecks("1e-2", "exact")).toBe(1)
    expect(toKopecks(0.1 + 0.2, "half-up")).toBe(30)
    const error = errorOf(() => toKopecks("12.301", "exact"))
    expect(error.code).toBe("invalid_amount")
    expect(error.message).toContain("12.301")
    expect(error.message).toContain("2 decimal")
    expect(errorOf(() => toKopecks(1e-7, "exact")).code).toBe("invalid_amount")
    expect(errorOf(() => toKopecks(0.1 + 0.2, "exact")).message).toContain("0.30000000000000004")
  })

  it.each<[string, unknown]>([
    ["NaN", NaN],
    ["Infinity", Infinity],
    ["-Infinity", -Infinity],
    ["empty text", ""],
    ["letters", "abc"],
    ["two dots", "1.2.3"],
    ["comma decimal", "1,5"],
    ["a bare sign", "-"],
    ["a bare exponent", "e5"],
    ["an empty object", {}],
    ["null", null],
    ["undefined", undefined],
    ["a boolean", true],
    ["a huge exponent", "1e999999"],
    ["an object whose value is text", { value: "twelve" }],
  ])("rejects %s with invalid_amount", (_label, input) => {
    const error = errorOf(() => toKopecks(input as MoneyInput))
    expect(error.code).toBe("invalid_amount")
    expect(error.message).toMatch(/^Invalid amount: /)
  })

  it("rejects results beyond safe integers", () => {
    const error = errorOf(() => toKopecks(1e21))
    expect(error.code).toBe("invalid_amount")
    expect(error.message).toContain("too large")
    expect(toKopecks("90071992547409.91")).toBe(Number.MAX_SAFE_INTEGER)
    expect(errorOf(() => toKopecks("90071992547409.92")).code).toBe("invalid_amount")
  })

  it("names what was being read", () => {
    expect(errorOf(() => toKopecks("x", "half-up", "refund amount")).message).toContain("refund amount")
  })

  describe("BigNumber-like values", () => {
    it("reads Medusa's raw form { value, precision } exactly", () => {
      expect(toKopecks({ value: "123.456789", precision: 20 })).toBe(12346)
      expect(toKopecks({ value: "10.00000000000000000000", precision: 20 }, "exact")).toBe(1000)
      expect(toKopecks({ value: 10 })).toBe(1000)
      expect(toKopecks({ value: "1.2000000000000000000e+3", precision: 20 })).toBe(120000)
    })

    it("prefers raw.value over the lossy numeric", () => {
      const shaped = { numeric: 1.23, raw: { value: "1.234999999999999999999" } }
      expect(toKopecks(shaped)).toBe(123)
      expect(toKopecks({ raw: { value: "2.50" } })).toBe(250)
      expect(toKopecks({ numeric: 1.5 })).toBe(150)
    })

    it("uses toJSON()/valueOf() when there is nothing else", () => {
      expect(toKopecks({ toJSON: () => "7.77", valueOf: () => 0 })).toBe(777)
      expect(toKopecks({ valueOf: () => 3.333 })).toBe(333)
      expect(toKopecks({ valueOf: () => "4.005" })).toBe(401)
    })

    it("reads a real Medusa BigNumber", () => {
      expect(toKopecks(new BigNumber("12.345"))).toBe(1235)
      expect(toKopecks(new BigNumber(0.1 + 0.2))).toBe(30)
      expect(toKopecks(new BigNumber({ value: "99.99", precision: 20 }), "exact")).toBe(9999)
      expect(toKopecks(new BigNumber(new BigNumberJS("1").div(3)))).toBe(33)
      expect(toKopecks(new BigNumber("1000000.01").raw as MoneyInput, "exact")).toBe(100000001)
    })

    it("reads a bignumber.js instance", () => {
      expect(toKopecks(new BigNumberJS("0.1").plus("0.2"), "exact")).toBe(30)
      expect(toKopecks(new BigNumberJS("2").div(3))).toBe(67)
    })
  })
})

describe("decimal text", () => {
  it("parses exactly and prints without exponent", () => {
    expect(parseDecimalText("1.50")).toEqual({ units: 150n, scale: 2 })
    expect(parseDecimalText("1e3")).toEqual({ units: 1000n, scale: 0 })
    expect(parseDecimalText("-2.5e-3")).toEqual({ units: -25n, scale: 4 })
    expect(parseDecimalText("x")).toBeNull()
    expect(formatExactDecimal({ units: -25n, scale: 4 })).toBe("-0.0025")
    expect(formatExactDecimal({ units: 12345n, scale: 0 })).toBe("12345")
    expect(formatExactDecimal(toExactDecimal("1e-7"))).toBe("0.0000001")
  })
})

describe("formatKopecks / kopecksToMajor", () => {
  it.each<[number, string, number]>([
    [12345, "123.45", 123.45],
    [-5, "-0.05", -0.05],
    [0, "0.00", 0],
    [100, "1.00", 1],
    [7, "0.07", 0.07],
    [-12345, "-123.45", -123.45],
    [30, "0.30", 0.3],
  ])("%p → %p / %p", (kopecks, text, major) => {
    expect(formatKopecks(kopecks)).toBe(text)
    expect(kopecksToMajor(kopecks)).toBe(major)
  })

  it("puts at most 2 decimals on the wire", () => {
    expect(JSON.stringify({ amount: kopecksToMajor(30) })).toBe('{"amount":0.3}')
    expect(JSON.stringify({ amount: kopecksToMajor(37188) })).toBe('{"amount":371.88}')
    expect(Object.is(kopecksToMajor(0), 0)).toBe(true)
  })

  it("rejects non-integers and values a JSON number cannot carry exactly", () => {
    expect(errorOf(() => formatKopecks(1.5)).code).toBe("invalid_amount")
    expect(errorOf(() => formatKopecks(NaN)).code).toBe("invalid_amount")
    expect(kopecksToMajor(MAX_WIRE_KOPECKS)).toBe(9999999999999.99)
    expect(errorOf(() => kopecksToMajor(MAX_WIRE_KOPECKS + 1)).code).toBe("invalid_amount")
  })

  it("round-trips every wire-sized amount through the JSON number exactly", () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX_WIRE_KOPECKS, max: MAX_WIRE_KOPECKS }), (kopecks) => {
        const wire = JSON.parse(JSON.stringify(kopecksToMajor(kopecks))) as number
        expect(toKopecks(wire, "exact")).toBe(kopecks)
      }),
      { numRuns: 5000 }
    )
  })
})

describe("quantities", () => {
  it.each<[number | string, number]>([
    [3, 3000],
    ["1.5", 1500],
    [1.5, 1500],
    [0.001, 1],
    ["0.125", 125],
    ["2.000", 2000],
    ["1e2", 100000],
  ])("toQuantity(%p) → %p thousandths", (input, milli) => {
    expect(toQuantity(input)).toBe(milli)
  })

  it.each<[string, number | string, string]>([
    ["zero", 0, "greater than 0"],
    ["negative", -1, "greater than 0"],
    ["too many decimals", 1.0005, "3 decimal"],
    ["too many decimals as text", "0.0001", "3 decimal"],
    ["NaN", NaN, "finite"],
    ["text", "abc", "finite"],
  ])("rejects %s with invalid_quantity", (_label, input, fragment) => {
    const error = errorOf(() => toQuantity(input))
    expect(error.code).toBe("invalid_quantity")
    expect(error.message).toContain(fragment)
  })

  it("prints and sends quantities without trailing zeros", () => {
    expect(formatQuantity(1500)).toBe("1.5")
    expect(formatQuantity(3000)).toBe("3")
    expect(formatQuantity(125)).toBe("0.125")
    expect(quantityToNumber(1500)).toBe(1.5)
    expect(quantityToNumber(1)).toBe(0.001)
    expect(JSON.stringify(quantityToNumber(2010))).toBe("2.01")
  })
})

describe("integer arithmetic", () => {
  it("divides half-up, ties away from zero", () => {
    expect(divideHalfUp(5n, 10n)).toBe(1n)
    expect(divideHalfUp(4n, 10n)).toBe(0n)
    expect(divideHalfUp(-5n, 10n)).toBe(-1n)
    expect(divideHalfUp(-4n, 10n)).toBe(0n)
    expect(() => divideHalfUp(1n, 0n)).toThrow(RangeError)
  })

  it("multiplies money by a quantity with half-up to the kopeck", () => {
    expect(multiplyByQuantity(3333, 1500)).toBe(5000) // 33.33 × 1.5 = 49.995 → 50.00
    expect(multiplyByQuantity(3333, 3000)).toBe(9999)
    expect(multiplyByQuantity(1, 499)).toBe(0) // 0.01 × 0.499 = 0.00499
    expect(multiplyByQuantity(1, 500)).toBe(1) // 0.01 × 0.5 = 0.005 → 0.01
    expect(multiplyByQuantity(12396, 3000)).toBe(37188)
  })

  it("stays exact where a float product would not", () => {
    // (2^53 − 1) × 1000 does not fit a double; BigInt keeps it exact.
    expect(mulDivHalfUp(Number.MAX_SAFE_INTEGER, 1000, 1000)).toBe(Number.MAX_SAFE_INTEGER)
    expect(mulDivHalfUp(Number.MAX_SAFE_INTEGER, 3, 3)).toBe(Number.MAX_SAFE_INTEGER)
    expect(() => mulDivHalfUp(Number.MAX_SAFE_INTEGER, 2, 1)).toThrow(RangeError)
    expect(() => mulDivHalfUp(1.5, 2, 1)).toThrow(RangeError)
  })

  it("agrees with exact rational rounding for random products", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e10 }), fc.integer({ min: 1, max: 1e7 }), (kopecks, milli) => {
        const exactTimes2000 = 2n * BigInt(kopecks) * BigInt(milli)
        const result = BigInt(multiplyByQuantity(kopecks, milli))
        // result − 1/2 ≤ kopecks × milli / 1000 < result + 1/2
        expect((2n * result - 1n) * 1000n <= exactTimes2000).toBe(true)
        expect(exactTimes2000 < (2n * result + 1n) * 1000n).toBe(true)
      }),
      { numRuns: 2000 }
    )
  })
})

describe("shareInProportion", () => {
  it("rescales totals to the target, the kopecks left to the largest remainders, ties to the earlier", () => {
    // 100 of 300: 33.33… each; the one kopeck left goes to the first
    expect(shareInProportion([100, 100, 100], 100)).toEqual([34, 33, 33])
    // 1 000 and 500 down to 1 000: 666.67 and 333.33
    expect(shareInProportion([1000, 500], 1000)).toEqual([667, 333])
    // a zero line stays zero; up as well as down
    expect(shareInProportion([0, 250, 750], 1001)).toEqual([0, 250, 751])
  })

  it("always sums to the target; going down, no share is below 0 or above its total", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 30 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (totals, fraction) => {
          const sum = totals.reduce((a, b) => a + b, 0)
          fc.pre(sum > 0)
          const target = Math.max(1, Math.floor(sum * fraction))
          const shares = shareInProportion(totals, target)
          expect(shares.reduce((a, b) => a + b, 0)).toBe(target)
          shares.forEach((share, index) => {
            expect(share).toBeGreaterThanOrEqual(0)
            expect(share).toBeLessThanOrEqual(totals[index]!)
            // within one kopeck of the exact proportional share
            expect(Math.abs(share - (totals[index]! * target) / sum)).toBeLessThan(1)
          })
        }
      )
    )
  })
})
