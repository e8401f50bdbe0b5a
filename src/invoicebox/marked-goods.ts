/**
 * Marked and excise goods on a basket line (54-FZ, «Честный знак»), as the docs define them:
 *
 * - `type` — «признак предмета расчёта», tag 1212 (dictionary/tag1212.md): `commodity`, `service`
 *   or one of the table's codes (1–27, 30–33);
 * - `categoryType` + `category` — the product group (merchant/order/create.md, BasketItem):
 *   `honestSign` takes a group of the «Честный знак» list (merchant/honest-sign.md: `milk`, `water`…),
 *   `merchantHonestSignMap` a category of the shop's own map (string(20)); `categoryType` is
 *   required when `category` is set;
 * - `excise` — the excise sum of the line, float ≥ 0 (money: at most 2 decimals);
 * - tag 2108, «мера количества предмета расчёта» (dictionary/tag2108.md): not a BasketItem field;
 *   the receipt gets it from the line's unit, see `quantityMeasureOf`.
 *
 * `validateMarkedGoods` checks one line against these lists and the contradictions the tag 1212
 * table itself states (code 1 is a good «за исключением подакцизного товара и товара, подлежащего
 * маркировке», 32/33 «за исключением подакцизного товара», 3/4 are work and services). It returns
 * every problem, each naming its field; an empty list means the line is fine.
 */

/** Tag 1212 codes and what the receipt's line is about (dictionary/tag1212.md, table 101). */
export const PAYMENT_SUBJECTS: ReadonlyArray<{ code: number; subject: string }> = Object.freeze([
  { code: 1, subject: "товар, кроме подакцизного и подлежащего маркировке" },
  { code: 2, subject: "подакцизный товар, кроме подлежащего маркировке" },
  { code: 3, subject: "работа" },
  { code: 4, subject: "услуга" },
  { code: 5, subject: "ставка азартной игры" },
  { code: 6, subject: "выигрыш азартной игры" },
  { code: 7, subject: "лотерейный билет или ставка лотереи" },
  { code: 8, subject: "выигрыш лотереи" },
  { code: 9, subject: "предоставление прав на результаты интеллектуальной деятельности" },
  { code: 10, subject: "аванс, задаток, предоплата, кредит" },
  { code: 11, subject: "агентское вознаграждение" },
  { code: 12, subject: "взнос, пени, штраф, вознаграждение, бонус" },
  { code: 13, subject: "иной предмет расчёта" },
  { code: 14, subject: "имущественное право" },
  { code: 15, subject: "внереализационный доход" },
  { code: 16, subject: "иные платежи и взносы, уменьшающие налог" },
  { code: 17, subject: "торговый сбор" },
  { code: 18, subject: "курортный сбор" },
  { code: 19, subject: "залог" },
  { code: 20, subject: "расход, уменьшающий доход" },
  { code: 21, subject: "взносы на ОПС ИП" },
  { code: 22, subject: "взносы на ОПС" },
  { code: 23, subject: "взносы на ОМС ИП" },
  { code: 24, subject: "взносы на ОМС" },
  { code: 25, subject: "взносы на ОСС" },
  { code: 26, subject: "платёж казино" },
  { code: 27, subject: "выдача денежных средств банковским платёжным агентом" },
  { code: 30, subject: "подакцизный товар, подлежащий маркировке, без кода маркировки" },
  { code: 31, subject: "подакцизный товар, подлежащий маркировке, с кодом маркировки" },
  { code: 32, subject: "товар, подлежащий маркировке, без кода маркировки, кроме подакцизного" },
  { code: 33, subject: "товар, подлежащий маркировке, с кодом маркировки, кроме подакцизного" },
])

export const PAYMENT_SUBJECT_CODES: readonly number[] = Object.freeze(PAYMENT_SUBJECTS.map((s) => s.code))

/** Tag 1212 codes of goods subject to marking (30–33). */
export const MARKED_PAYMENT_SUBJECT_CODES: readonly number[] = Object.freeze([30, 31, 32, 33])

/** Tag 1212 codes of excise goods (2, 30, 31). */
export const EXCISE_PAYMENT_SUBJECT_CODES: readonly number[] = Object.freeze([2, 30, 31])

/** Codes whose table text excludes excise goods («за исключением подакцизного товара»). */
const NOT_EXCISE_CODES: ReadonlySet<number> = new Set([1, 32, 33])
/** Codes whose table text excludes marked goods (1, 2) or that are not goods at all (3, 4). */
const NOT_MARKED_CODES: ReadonlySet<number> = new Set([1, 2, 3, 4])

/** BasketItem.categoryType values (merchant/order/create.md). */
export const CATEGORY_TYPES = ["merchantHonestSignMap", "honestSign"] as const
export type CategoryType = (typeof CATEGORY_TYPES)[number]

/**
 * «Список поддерживаемых товарных групп» (merchant/honest-sign.md): code, the name used as
 * `category`, title, and the table's «Сочетание» column (the docs do not say how it applies; it is
 * kept as data and not checked).
 */
export const HONEST_SIGN_PRODUCT_GROUPS: ReadonlyArray<{
  code: number
  name: string
  title: string
  combination: number | null
}> = Object.freeze([
  { code: 1, name: "lp", title: "Предметы одежды, бельё постельное, столовое, туалетное и кухонное", combination: 2 },
  { code: 2, name: "shoes", title: "Обувные товары", combination: 2 },
  { code: 3, name: "tobacco", title: "Табачная продукция", combination: 1 },
  { code: 4, name: "perfumery", title: "Духи и туалетная вода", combination: 2 },
  { code: 5, name: "tires", title: "Шины и покрышки пневматические резиновые новые", combination: 2 },
  { code: 6, name: "electronics", title: "Фотокамеры (кроме кинокамер), фотовспышки и лампывспышки", combination: 2 },
  { code: 8, name: "milk", title: "Молочная продукция", combination: 3 },
  { code: 9, name: "bicycle", title: "Велосипеды и велосипедные рамы", combination: 2 },
  { code: 10, name: "wheelchairs", title: "Медицинские изделия", combination: 2 },
  { code: 12, name: "otp", title: "Альтернативная табачная продукция", combination: 1 },
  { code: 13, name: "water", title: "Упакованная вода", combination: 4 },
  { code: 14, name: "furs", title: "Товары из натурального меха", combination: null },
  {
    code: 15,
    name: "beer",
    title: "Пиво, напитки, изготавливаемые на основе пива, слабоалкогольные напитки",
    combination: 5,
  },
  { code: 16, name: "ncp", title: "Никотиносодержащая продукция", combination: 1 },
  { code: 17, name: "bio", title: "Биологически активные добавки к пище", combination: 2 },
  { code: 19, name: "antiseptic", title: "Антисептики и дезинфицирующие средства", combination: 2 },
  { code: 21, name: "seafood", title: "Морепродукты", combination: 3 },
  { code: 22, name: "nabeer", title: "Безалкогольное пиво", combination: 4 },
  { code: 23, name: "softdrinks", title: "Соковая продукция и безалкогольные напитки", combination: 4 },
])

export const HONEST_SIGN_CATEGORIES: readonly string[] = Object.freeze(HONEST_SIGN_PRODUCT_GROUPS.map((g) => g.name))

/** `category` is string(20). */
export const CATEGORY_MAX_LENGTH = 20

/**
 * Tag 2108 (dictionary/tag2108.md, table 114): the sign and the value the receipt carries. 255 is
 * «иные единицы измерения».
 */
export const QUANTITY_MEASURES: ReadonlyArray<{ sign: string; value: number }> = Object.freeze([
  { sign: "шт. или ед.", value: 0 },
  { sign: "г", value: 10 },
  { sign: "кг", value: 11 },
  { sign: "т", value: 12 },
  { sign: "см", value: 20 },
  { sign: "дм", value: 21 },
  { sign: "м", value: 22 },
  { sign: "кв. см", value: 30 },
  { sign: "кв. дм", value: 31 },
  { sign: "кв. м", value: 32 },
  { sign: "мл", value: 40 },
  { sign: "л", value: 41 },
  { sign: "куб. м", value: 42 },
  { sign: "кВт∙ч", value: 50 },
  { sign: "Гкал", value: 51 },
  { sign: "сутки", value: 70 },
  { sign: "час", value: 71 },
  { sign: "мин", value: 72 },
  { sign: "с", value: 73 },
  { sign: "Кбайт", value: 80 },
  { sign: "Мбайт", value: 81 },
  { sign: "Гбайт", value: 82 },
  { sign: "Тбайт", value: 83 },
  { sign: "иные единицы", value: 255 },
])

/** OKEI codes of the docs' dictionary (dictionary/okei.md) that have a tag 2108 measure. */
const OKEI_TO_TAG_2108: Readonly<Record<string, number>> = Object.freeze({
  "796": 0,
  "163": 10,
  "166": 11,
  "168": 12,
  "004": 20,
  "005": 21,
  "006": 22,
  "051": 30,
  "053": 31,
  "055": 32,
  // OKEI 111, cubic centimetre = millilitre
  "111": 40,
  "112": 41,
  "113": 42,
})

/** The tag 2108 value for a line's OKEI `measureCode`; 255 («иные») for any other unit. */
export function quantityMeasureOf(measureCode: string): number {
  const code = measureCode.trim().padStart(3, "0")
  return OKEI_TO_TAG_2108[code] ?? 255
}

/** The fields of a basket line that say what kind of goods it is. */
export interface MarkedGoodsFields {
  type: unknown
  category?: unknown
  categoryType?: unknown
  excise?: unknown
  totalAmount?: unknown
}

export interface MarkedGoodsProblem {
  /** the BasketItem field at fault */
  field: "type" | "category" | "categoryType" | "excise"
  message: string
}

/**
 * The tag 1212 code of a line's `type`: a number for codes (also when written as a numeric
 * string), the word for `commodity` / `service`, or null when it is neither.
 */
export function paymentSubjectOf(type: unknown): number | "commodity" | "service" | null {
  if (type === "commodity" || type === "service") return type
  const code = typeof type === "number" ? type : typeof type === "string" && /^\d{1,2}$/.test(type) ? Number(type) : NaN
  return Number.isInteger(code) && PAYMENT_SUBJECT_CODES.includes(code) ? code : null
}

const CODES_TEXT = `commodity, service or a tag 1212 code (${PAYMENT_SUBJECT_CODES.join(", ")})`

/** Every problem of the line's marked-goods fields; empty when they agree with the docs. */
export function validateMarkedGoods(item: MarkedGoodsFields): MarkedGoodsProblem[] {
  const problems: MarkedGoodsProblem[] = []
  const subject = paymentSubjectOf(item.type)
  if (subject === null) {
    problems.push({ field: "type", message: `type ${JSON.stringify(item.type)} is not ${CODES_TEXT}` })
  }

  const hasCategory = item.category !== undefined && item.category !== null
  const hasCategoryType = item.categoryType !== undefined && item.categoryType !== null
  if (hasCategoryType && !(CATEGORY_TYPES as readonly unknown[]).includes(item.categoryType)) {
    problems.push({
      field: "categoryType",
      message: `categoryType ${JSON.stringify(item.categoryType)} is not one of ${CATEGORY_TYPES.join(", ")}`,
    })
  }
  if (hasCategory) {
    if (typeof item.category !== "string" || item.category.trim() === "") {
      problems.push({ field: "category", message: "category must be a non-empty string" })
    } else if (item.category.length > CATEGORY_MAX_LENGTH) {
      problems.push({ field: "category", message: `category is longer than ${CATEGORY_MAX_LENGTH} characters` })
    } else if (item.categoryType === "honestSign" && !HONEST_SIGN_CATEGORIES.includes(item.category)) {
      problems.push({
        field: "category",
        message:
          `category "${item.category}" is not a «Честный знак» product group ` +
          `(${HONEST_SIGN_CATEGORIES.join(", ")})`,
      })
    }
    if (!hasCategoryType) {
      problems.push({ field: "categoryType", message: "categoryType is required when category is set" })
    }
  }
  const notGoodsToMark = subject === "service" || (typeof subject === "number" && NOT_MARKED_CODES.has(subject))
  if (item.categoryType === "honestSign" && notGoodsToMark) {
    problems.push({
      field: "type",
      message: `type ${JSON.stringify(item.type)} excludes goods subject to marking, but the line has a «Честный знак» category`,
    })
  }

  if (item.excise !== undefined && item.excise !== null) {
    const excise = item.excise
    if (typeof excise !== "number" || !Number.isFinite(excise) || excise < 0 || !hasAtMostTwoDecimals(excise)) {
      problems.push({ field: "excise", message: "excise must be a number ≥ 0 with at most 2 decimals" })
    } else {
      if (typeof item.totalAmount === "number" && excise > item.totalAmount) {
        problems.push({
          field: "excise",
          message: `excise ${excise} is more than the line's totalAmount ${item.totalAmount}`,
        })
      }
      if (excise > 0 && typeof subject === "number" && NOT_EXCISE_CODES.has(subject)) {
        problems.push({
          field: "excise",
          message: `type ${subject} is a good «за исключением подакцизного товара» (tag 1212); it carries no excise`,
        })
      }
    }
  }
  return problems
}

function hasAtMostTwoDecimals(value: number): boolean {
  return Math.abs(Math.round(value * 100) - value * 100) < 1e-6
}
