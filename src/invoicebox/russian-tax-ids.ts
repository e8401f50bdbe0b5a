/**
 * Russian taxpayer identifiers, checked to the letter of the ФНС rules:
 *
 * - ИНН (INN, taxpayer identification number):
 *   - a legal entity has 10 digits; the 10th is a check digit over the first nine with the weights
 *     2 4 10 3 5 9 4 6 8;
 *   - an individual (a person, an individual entrepreneur — ИП) has 12 digits; the 11th is a check digit
 *     over the first ten with the weights 7 2 4 10 3 5 9 4 6 8, the 12th one over the first eleven
 *     with the weights 3 7 2 4 10 3 5 9 4 6 8;
 *   - a check digit is (Σ digit × weight) mod 11, then mod 10 (a remainder of 10 gives 0).
 * - КПП (KPP, tax registration reason code): 9 characters NNNNPPNNN — NNNN the tax office's code,
 *   PP the reason of registration (digits, or capital Latin letters A–Z since 2013: ФНС order
 *   ММВ-7-6/435@), NNN a serial number. Only legal entities have one.
 *
 * Only the format and the check digits are checked, not whether the taxpayer exists (for that,
 * InvoiceBox's counterparty-detail dictionary looks a company up by its ИНН). Pure functions, no I/O.
 */

/** `legal_entity`: 10-digit ИНН of an organisation; `individual`: 12-digit ИНН of a person or an ИП. */
export type InnKind = "legal_entity" | "individual"

/** Weights of the legal entity's check digit (the 10th). */
export const LEGAL_ENTITY_INN_WEIGHTS: readonly number[] = [2, 4, 10, 3, 5, 9, 4, 6, 8]
/** Weights of the individual's first check digit (the 11th). */
export const INDIVIDUAL_INN_WEIGHTS_11: readonly number[] = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]
/** Weights of the individual's second check digit (the 12th). */
export const INDIVIDUAL_INN_WEIGHTS_12: readonly number[] = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]

export type InnCheck = { valid: true; inn: string; kind: InnKind } | { valid: false; message: string }

export type KppCheck =
  | {
      valid: true
      kpp: string
      /** characters 1–4: the code of the tax office (налоговый орган) */
      taxOfficeCode: string
      /** characters 5–6: the reason of registration (причина постановки на учёт) */
      reasonCode: string
      /** characters 7–9: the serial number of the registration on that ground */
      serialNumber: string
    }
  | { valid: false; message: string }

const ASCII_DIGITS = /^[0-9]+$/

/** (Σ digit × weight) mod 11 mod 10 over the leading digits, one weight per digit. */
function checkDigit(digits: string, weights: readonly number[]): number {
  let sum = 0
  for (let i = 0; i < weights.length; i++) sum += Number(digits[i]) * weights[i]!
  return (sum % 11) % 10
}

/**
 * The check digits completing an ИНН body: one digit for a 9-digit body (a legal entity), two for a
 * 10-digit body (an individual: the 11th digit, then the 12th computed over the first eleven).
 * Throws a RangeError for any other input.
 */
export function innCheckDigits(body: string): string {
  if (!ASCII_DIGITS.test(body)) throw new RangeError("an INN body must contain digits only")
  if (body.length === 9) return String(checkDigit(body, LEGAL_ENTITY_INN_WEIGHTS))
  if (body.length === 10) {
    const eleventh = String(checkDigit(body, INDIVIDUAL_INN_WEIGHTS_11))
    return eleventh + String(checkDigit(body + eleventh, INDIVIDUAL_INN_WEIGHTS_12))
  }
  throw new RangeError(
    `an INN body has 9 digits (legal entity) or 10 digits (individual), got ${body.length} characters`
  )
}

/** Checks an ИНН exactly as written (no trimming, no separators allowed). */
export function validateInn(value: string): InnCheck {
  if (value.length === 0) return { valid: false, message: "INN is empty" }
  if (!ASCII_DIGITS.test(value)) return { valid: false, message: "INN must contain digits 0–9 only" }
  if (value.length === 10) {
    if (Number(value[9]) !== checkDigit(value, LEGAL_ENTITY_INN_WEIGHTS)) {
      return {
        valid: false,
        message: "INN check digit (the 10th digit) does not match the first nine digits: the INN is mistyped",
      }
    }
    return { valid: true, inn: value, kind: "legal_entity" }
  }
  if (value.length === 12) {
    if (Number(value[10]) !== checkDigit(value, INDIVIDUAL_INN_WEIGHTS_11)) {
      return {
        valid: false,
        message: "INN check digit (the 11th digit) does not match the first ten digits: the INN is mistyped",
      }
    }
    if (Number(value[11]) !== checkDigit(value, INDIVIDUAL_INN_WEIGHTS_12)) {
      return {
        valid: false,
        message: "INN check digit (the 12th digit) does not match the first eleven digits: the INN is mistyped",
      }
    }
    return { valid: true, inn: value, kind: "individual" }
  }
  return {
    valid: false,
    message: `INN must have 10 digits (legal entity) or 12 digits (individual entrepreneur), got ${value.length}`,
  }
}

export function isValidInn(value: string): boolean {
  return validateInn(value).valid
}

/** Checks a КПП exactly as written (no trimming; letters only in positions 5–6, capital Latin A–Z). */
export function validateKpp(value: string): KppCheck {
  if (value.length === 0) return { valid: false, message: "KPP is empty" }
  if (value.length !== 9) return { valid: false, message: `KPP must have 9 characters, got ${value.length}` }
  const taxOfficeCode = value.slice(0, 4)
  const reasonCode = value.slice(4, 6)
  const serialNumber = value.slice(6)
  if (!ASCII_DIGITS.test(taxOfficeCode)) {
    return { valid: false, message: "KPP characters 1–4 (the tax office code) must be digits 0–9" }
  }
  if (!/^[0-9A-Z]{2}$/.test(reasonCode)) {
    return {
      valid: false,
      message:
        "KPP characters 5–6 (the registration reason) must be digits 0–9 or capital Latin letters A–Z " +
        "(no lower-case or Cyrillic letters)",
    }
  }
  if (!ASCII_DIGITS.test(serialNumber)) {
    return { valid: false, message: "KPP characters 7–9 (the serial number) must be digits 0–9" }
  }
  return { valid: true, kpp: value, taxOfficeCode, reasonCode, serialNumber }
}

export function isValidKpp(value: string): boolean {
  return validateKpp(value).valid
}
