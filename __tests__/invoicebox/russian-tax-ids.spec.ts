/**
 * ИНН and КПП checks against an independent reference (the ФНС weights written out here, BigInt-free
 * integer arithmetic), real taxpayers' numbers, every wrong check digit, wrong lengths and characters,
 * and random property runs over generated bodies.
 */
import fc from "fast-check"

import {
  INDIVIDUAL_INN_WEIGHTS_11,
  INDIVIDUAL_INN_WEIGHTS_12,
  LEGAL_ENTITY_INN_WEIGHTS,
  innCheckDigits,
  isValidInn,
  isValidKpp,
  validateInn,
  validateKpp,
} from "../../src/invoicebox/russian-tax-ids"

// ---- independent reference (ФНС algorithm, weights written out) ----

const W10 = [2, 4, 10, 3, 5, 9, 4, 6, 8]
const W11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]
const W12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]

const weightedRemainder = (digits: string, weights: number[]): number =>
  weights.reduce((sum, weight, i) => sum + weight * Number(digits[i]), 0) % 11

const referenceDigit = (digits: string, weights: number[]): number => weightedRemainder(digits, weights) % 10

function referenceValid(inn: string): boolean {
  if (!/^[0-9]+$/.test(inn)) return false
  if (inn.length === 10) return referenceDigit(inn, W10) === Number(inn[9])
  if (inn.length === 12)
    return referenceDigit(inn, W11) === Number(inn[10]) && referenceDigit(inn, W12) === Number(inn[11])
  return false
}

const otherDigits = (digit: string): string[] => "0123456789".split("").filter((d) => d !== digit)
const withDigit = (value: string, position: number, digit: string): string =>
  value.slice(0, position) + digit + value.slice(position + 1)

describe("weights", () => {
  it("are the ФНС weights", () => {
    expect(LEGAL_ENTITY_INN_WEIGHTS).toEqual(W10)
    expect(INDIVIDUAL_INN_WEIGHTS_11).toEqual(W11)
    expect(INDIVIDUAL_INN_WEIGHTS_12).toEqual(W12)
  })
})

describe("validateInn: real numbers", () => {
  it.each([
    ["7707083893", "ПАО Сбербанк"],
    ["7736207543", "ООО «Яндекс»"],
    ["7710044140", "the example of Customer.vatNumber in merchant/order/create.md"],
    ["7810610046", "a legal customer in the PHP SDK's recorded get-order response"],
  ])("%s (%s) is a valid legal entity ИНН", (inn) => {
    expect(referenceValid(inn)).toBe(true)
    expect(validateInn(inn)).toEqual({ valid: true, inn, kind: "legal_entity" })
    expect(isValidInn(inn)).toBe(true)
  })

  it("500100732259 is a valid individual ИНН (12 digits)", () => {
    expect(referenceValid("500100732259")).toBe(true)
    expect(validateInn("500100732259")).toEqual({ valid: true, inn: "500100732259", kind: "individual" })
  })

  it("takes a remainder of 10 as the check digit 0 (mod 11, then mod 10)", () => {
    // 1·2 + 1·8 = 10 → 10 mod 11 = 10 → 10 mod 10 = 0
    expect(weightedRemainder("100000001", W10)).toBe(10)
    expect(innCheckDigits("100000001")).toBe("0")
    expect(isValidInn("1000000010")).toBe(true)
    expect(isValidInn("1000000011")).toBe(false)
  })

  it("takes a remainder of 10 as 0 for the 11th digit of a 12-digit ИНН", () => {
    // 11th: 1·7 + 1·6 + 1·8 = 21 → 21 mod 11 = 10 → 0; 12th over 10000000110: 1·3 + 1·4 + 1·6 = 13 → 2
    expect(weightedRemainder("1000000011", W11)).toBe(10)
    expect(innCheckDigits("1000000011")).toBe(`0${referenceDigit("10000000110", W12)}`)
    expect(innCheckDigits("1000000011")).toBe("02")
    expect(isValidInn("100000001102")).toBe(true)
  })

  it("takes a remainder of 10 as 0 for the 12th digit of a 12-digit ИНН", () => {
    // 11th: 1·7 + 7·8 = 63 → 8; 12th: 1·3 + 7·6 + 8·8 = 109 → 109 mod 11 = 10 → 0
    expect(innCheckDigits("1000000007")).toBe("80")
    expect(weightedRemainder("10000000078", W12)).toBe(10)
    expect(isValidInn("100000000780")).toBe(true)
    expect(isValidInn("100000000781")).toBe(false)
  })
})

describe("validateInn: every wrong check digit", () => {
  it.each(otherDigits("3"))("7707083893 with the 10th digit %s is refused", (digit) => {
    const inn = withDigit("7707083893", 9, digit)
    expect(validateInn(inn)).toEqual({
      valid: false,
      message: "INN check digit (the 10th digit) does not match the first nine digits: the INN is mistyped",
    })
  })

  it.each(otherDigits("5"))("500100732259 with the 11th digit %s is refused", (digit) => {
    const check = validateInn(withDigit("500100732259", 10, digit))
    expect(check).toEqual({
      valid: false,
      message: "INN check digit (the 11th digit) does not match the first ten digits: the INN is mistyped",
    })
  })

  it.each(otherDigits("9"))("500100732259 with the 12th digit %s is refused", (digit) => {
    const check = validateInn(withDigit("500100732259", 11, digit))
    expect(check).toEqual({
      valid: false,
      message: "INN check digit (the 12th digit) does not match the first eleven digits: the INN is mistyped",
    })
  })

  it("refuses a changed body digit of a real ИНН", () => {
    for (let position = 0; position < 9; position++) {
      for (const digit of otherDigits("7707083893"[position]!)) {
        const inn = withDigit("7707083893", position, digit)
        expect({ inn, valid: isValidInn(inn) }).toEqual({ inn, valid: referenceValid(inn) })
      }
    }
    expect(isValidInn("7707083883")).toBe(false)
  })
})

describe("validateInn: lengths and characters", () => {
  it.each([
    ["", "INN is empty"],
    ["770708389", "INN must have 10 digits (legal entity) or 12 digits (individual entrepreneur), got 9"],
    ["77070838930", "INN must have 10 digits (legal entity) or 12 digits (individual entrepreneur), got 11"],
    ["5001007322590", "INN must have 10 digits (legal entity) or 12 digits (individual entrepreneur), got 13"],
    ["1", "INN must have 10 digits (legal entity) or 12 digits (individual entrepreneur), got 1"],
  ])("%j → %s", (value, message) => {
    expect(validateInn(value)).toEqual({ valid: false, message })
  })

  it.each([
    "77070838a3",
    "77O7083893", // Latin O for zero
    "7707 083893",
    " 7707083893",
    "7707083893 ",
    "7707-083893",
    "+707083893",
    "-707083893",
    "7707083893\n",
    "７７０７０８３８９３", // full-width digits
    "٧٧٠٧٠٨٣٨٩٣", // Arabic-Indic digits
    "770708389.",
  ])("%j is refused as not digits only", (value) => {
    expect(validateInn(value)).toEqual({ valid: false, message: "INN must contain digits 0–9 only" })
  })
})

describe("innCheckDigits", () => {
  it("completes real numbers", () => {
    expect(innCheckDigits("770708389")).toBe("3")
    expect(innCheckDigits("5001007322")).toBe("59")
  })

  it.each(["", "77070838", "77070838930", "12345678901", "77070838a", "７７０７０８３８９"])(
    "throws a RangeError for the body %j",
    (body) => {
      expect(() => innCheckDigits(body)).toThrow(RangeError)
    }
  )
})

describe("ИНН property runs", () => {
  const body = (length: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length })

  it("a random 9-digit body completed with its check digit is a valid legal entity ИНН", () => {
    fc.assert(
      fc.property(body(9), (digits) => {
        const head = digits.join("")
        const inn = head + innCheckDigits(head)
        expect(innCheckDigits(head)).toBe(String(referenceDigit(head, W10)))
        expect(validateInn(inn)).toEqual({ valid: true, inn, kind: "legal_entity" })
      }),
      { numRuns: 2_000 }
    )
  })

  it("a random 10-digit body completed with its two check digits is a valid individual ИНН", () => {
    fc.assert(
      fc.property(body(10), (digits) => {
        const head = digits.join("")
        const eleventh = String(referenceDigit(head, W11))
        const twelfth = String(referenceDigit(head + eleventh, W12))
        expect(innCheckDigits(head)).toBe(eleventh + twelfth)
        const inn = head + eleventh + twelfth
        expect(validateInn(inn)).toEqual({ valid: true, inn, kind: "individual" })
      }),
      { numRuns: 2_000 }
    )
  })

  /**
   * Changing one digit of a valid ИНН changes the weighted sum by weight × (new − old), never a
   * multiple of 11 (weights 2…10, differences 1…9), so the remainder mod 11 always changes. The
   * final "mod 10" maps the remainders 0 and 10 to the same check digit 0, so a one-digit change is
   * missed exactly when it moves the remainder between 0 and 10. A changed check digit is always caught.
   */
  it("a valid ИНН with any one digit changed fails, except the 0/10 remainder collision of the algorithm", () => {
    let collisions = 0
    fc.assert(
      fc.property(fc.oneof(body(9), body(10)), (digits) => {
        const head = digits.join("")
        const inn = head + innCheckDigits(head)
        for (let position = 0; position < inn.length; position++) {
          for (const digit of otherDigits(inn[position]!)) {
            const changed = withDigit(inn, position, digit)
            const valid = isValidInn(changed)
            expect(valid).toBe(referenceValid(changed))
            if (position >= head.length) expect(valid).toBe(false)
            if (valid) {
              collisions++
              // explained only by the collision: the changed ИНН keeps the check digit 0 because one
              // of its sums moved from remainder 0 to 10 or back
              const weights = inn.length === 10 ? [W10] : [W11, W12]
              const explained = weights.some((w) => {
                const before = weightedRemainder(inn, w)
                const after = weightedRemainder(changed, w)
                return (before === 0 && after === 10) || (before === 10 && after === 0)
              })
              expect(explained).toBe(true)
            }
          }
        }
      }),
      { numRuns: 1_000 }
    )
    // the collision is real but rare: at most a small share of all the one-digit changes
    expect(collisions).toBeLessThan(1_000 * 12 * 9 * 0.05)
  })

  it("documents one such collision: 1000000010 and 1000000080 are both valid", () => {
    // 100000001 → 2 + 8 = 10 → remainder 10 → check digit 0; 100000008 → 2 + 64 = 66 → remainder 0 → 0
    expect(isValidInn("1000000010")).toBe(true)
    expect(isValidInn("1000000080")).toBe(true)
  })
})

describe("validateKpp", () => {
  it.each([
    ["773601001", "7736", "01", "001"], // ПАО Сбербанк
    ["770201001", "7702", "01", "001"], // the example of Customer.taxRegistrationReasonCode
    ["997950001", "9979", "50", "001"], // a largest taxpayer's КПП
    ["7701AB001", "7701", "AB", "001"],
    ["77010Z001", "7701", "0Z", "001"],
    ["7701A0999", "7701", "A0", "999"],
  ])("%s is valid", (kpp, taxOfficeCode, reasonCode, serialNumber) => {
    expect(validateKpp(kpp)).toEqual({ valid: true, kpp, taxOfficeCode, reasonCode, serialNumber })
    expect(isValidKpp(kpp)).toBe(true)
  })

  it.each([
    ["", "KPP is empty"],
    ["77360100", "KPP must have 9 characters, got 8"],
    ["7736010011", "KPP must have 9 characters, got 10"],
    [" 773601001", "KPP must have 9 characters, got 10"],
    ["A73601001", "KPP characters 1–4 (the tax office code) must be digits 0–9"],
    ["773 01001", "KPP characters 1–4 (the tax office code) must be digits 0–9"],
    ["７７３６01001", "KPP characters 1–4 (the tax office code) must be digits 0–9"],
    ["773601A01", "KPP characters 7–9 (the serial number) must be digits 0–9"],
    ["77360100Z", "KPP characters 7–9 (the serial number) must be digits 0–9"],
  ])("%j → %s", (kpp, message) => {
    expect(validateKpp(kpp)).toEqual({ valid: false, message })
  })

  it.each([
    "7736ab001", // lower case
    "7736Ab001",
    "7736АВ001", // Cyrillic А and В
    "7736К0001", // Cyrillic К
    "7736-0001",
    "7736 0001",
    "7736Ä0001",
  ])("%j is refused: positions 5–6 are digits or capital Latin letters only", (kpp) => {
    expect(validateKpp(kpp)).toEqual({
      valid: false,
      message:
        "KPP characters 5–6 (the registration reason) must be digits 0–9 or capital Latin letters A–Z " +
        "(no lower-case or Cyrillic letters)",
    })
  })

  it("accepts every digit/capital letter pair in positions 5–6 and nothing else (all 2-character pairs of printable ASCII)", () => {
    const allowed = new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    for (let a = 32; a < 127; a++) {
      for (let b = 32; b < 127; b++) {
        const pair = String.fromCharCode(a) + String.fromCharCode(b)
        const kpp = `7736${pair}001`
        expect({ kpp, valid: isValidKpp(kpp) }).toEqual({
          kpp,
          valid: allowed.has(pair[0]!) && allowed.has(pair[1]!),
        })
      }
    }
  })
})
