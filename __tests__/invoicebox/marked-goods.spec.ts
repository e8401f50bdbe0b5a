/** Marked and excise goods on a basket line: the docs' lists (tag 1212, «Честный знак», tag 2108) and their check. */
import {
  CATEGORY_TYPES,
  EXCISE_PAYMENT_SUBJECT_CODES,
  HONEST_SIGN_CATEGORIES,
  HONEST_SIGN_PRODUCT_GROUPS,
  MARKED_PAYMENT_SUBJECT_CODES,
  PAYMENT_SUBJECT_CODES,
  QUANTITY_MEASURES,
  paymentSubjectOf,
  quantityMeasureOf,
  validateMarkedGoods,
  type MarkedGoodsFields,
} from "../../src/invoicebox/marked-goods"

const fieldsOf = (item: MarkedGoodsFields) => validateMarkedGoods(item).map((problem) => problem.field)

describe("the docs' lists", () => {
  it("tag 1212 has the table's codes 1–27 and 30–33", () => {
    expect(PAYMENT_SUBJECT_CODES).toEqual([...Array.from({ length: 27 }, (_, i) => i + 1), 30, 31, 32, 33])
    expect(MARKED_PAYMENT_SUBJECT_CODES).toEqual([30, 31, 32, 33])
    expect(EXCISE_PAYMENT_SUBJECT_CODES).toEqual([2, 30, 31])
  })

  it("«Честный знак» has the 19 supported product groups by name, codes as in the table", () => {
    expect(HONEST_SIGN_CATEGORIES).toHaveLength(19)
    expect(HONEST_SIGN_CATEGORIES).toEqual(expect.arrayContaining(["lp", "shoes", "milk", "water", "softdrinks"]))
    expect(HONEST_SIGN_PRODUCT_GROUPS.find((group) => group.name === "milk")).toMatchObject({ code: 8 })
    expect(HONEST_SIGN_PRODUCT_GROUPS.find((group) => group.name === "furs")).toMatchObject({ combination: null })
    expect(CATEGORY_TYPES).toEqual(["merchantHonestSignMap", "honestSign"])
  })

  it("tag 2108 maps the docs' OKEI units and calls the rest «иные» (255)", () => {
    expect(QUANTITY_MEASURES.map((measure) => measure.value)).toContain(255)
    expect(quantityMeasureOf("796")).toBe(0)
    expect(quantityMeasureOf("166")).toBe(11)
    expect(quantityMeasureOf("6")).toBe(22)
    expect(quantityMeasureOf("112")).toBe(41)
    expect(quantityMeasureOf("356")).toBe(255)
  })
})

describe("paymentSubjectOf", () => {
  it("reads commodity, service, a code and a code written as a string", () => {
    expect(paymentSubjectOf("commodity")).toBe("commodity")
    expect(paymentSubjectOf("service")).toBe("service")
    expect(paymentSubjectOf(33)).toBe(33)
    expect(paymentSubjectOf("31")).toBe(31)
  })

  it("refuses codes the table does not have", () => {
    for (const type of [0, 28, 29, 34, "goods", "3.5", 1.5, null]) expect(paymentSubjectOf(type)).toBeNull()
  })
})

describe("validateMarkedGoods", () => {
  it("passes plain lines and correct marked lines", () => {
    expect(validateMarkedGoods({ type: "commodity" })).toEqual([])
    expect(validateMarkedGoods({ type: 33, categoryType: "honestSign", category: "shoes" })).toEqual([])
    expect(
      validateMarkedGoods({ type: "commodity", categoryType: "merchantHonestSignMap", category: "my-cat-7" })
    ).toEqual([])
    expect(
      validateMarkedGoods({ type: 31, categoryType: "honestSign", category: "beer", excise: 12.5, totalAmount: 200 })
    ).toEqual([])
  })

  it("names the field of each problem with a message saying what is allowed", () => {
    const [unknownType] = validateMarkedGoods({ type: 28 })
    expect(unknownType).toEqual({ field: "type", message: expect.stringContaining("tag 1212") })
    const [unknownGroup] = validateMarkedGoods({ type: 33, categoryType: "honestSign", category: "caviar" })
    expect(unknownGroup!.field).toBe("category")
    expect(unknownGroup!.message).toContain("milk")
  })

  it("requires categoryType with a category, and a known categoryType", () => {
    expect(fieldsOf({ type: 33, category: "milk" })).toEqual(["categoryType"])
    expect(fieldsOf({ type: 33, categoryType: "chestnyZnak", category: "milk" })).toEqual(["categoryType"])
    expect(fieldsOf({ type: "commodity", categoryType: "merchantHonestSignMap", category: "x".repeat(21) })).toEqual([
      "category",
    ])
    expect(fieldsOf({ type: "commodity", categoryType: "merchantHonestSignMap", category: " " })).toEqual(["category"])
  })

  it("refuses a «Честный знак» group on work, services and goods the table excludes from marking", () => {
    for (const type of [1, 2, 3, 4, "service"]) {
      expect(fieldsOf({ type, categoryType: "honestSign", category: "milk" })).toEqual(["type"])
    }
    expect(fieldsOf({ type: "commodity", categoryType: "honestSign", category: "milk" })).toEqual([])
  })

  it("checks excise: a sum of money within the line, and none on goods the table calls non-excise", () => {
    expect(fieldsOf({ type: 2, excise: -1 })).toEqual(["excise"])
    expect(fieldsOf({ type: 2, excise: 1.005 })).toEqual(["excise"])
    expect(fieldsOf({ type: 2, excise: "10.00" })).toEqual(["excise"])
    expect(fieldsOf({ type: 2, excise: 101, totalAmount: 100 })).toEqual(["excise"])
    expect(fieldsOf({ type: 1, excise: 5, totalAmount: 100 })).toEqual(["excise"])
    expect(fieldsOf({ type: 33, excise: 5, totalAmount: 100 })).toEqual(["excise"])
    expect(fieldsOf({ type: 33, excise: 0, totalAmount: 100 })).toEqual([])
    expect(fieldsOf({ type: "commodity", excise: 5, totalAmount: 100 })).toEqual([])
  })

  it("reports every problem of a line at once", () => {
    expect(fieldsOf({ type: 99, category: "nope", excise: -3 })).toEqual(["type", "categoryType", "excise"])
  })
})
