/** ISO 4217 codes the API accepts (dictionary/iso4217.md). */
export const ACCEPTED_CURRENCIES: ReadonlySet<string> = new Set(["RUB", "CNY", "UZS", "EUR", "GBP", "USD"])

/** Payment page languages (create.md: languageId `ru`, `en`). */
export const ACCEPTED_LANGUAGES: ReadonlySet<string> = new Set(["ru", "en"])
