/** Money and dates in the admin's locale. */
import { useMemo } from "react"

import { useLang, type Lang } from "./i18n"

export type Formatters = {
  money: (amount: number, currencyCode: string) => string
  dateTime: (iso: string | null) => string
  /** a calendar date (a document's date), shown as is, whatever the admin's time zone */
  date: (iso: string | null) => string
}

/**
 * Russian admin: Russian formats. English admin: the browser's own locale, which is what Medusa's dashboard
 * formats its amounts with, so the widget's amounts read like the order page's next to it.
 */
export const formatLocale = (lang: Lang): string | undefined => (lang === "ru" ? "ru-RU" : undefined)

export function formatters(locale: string | undefined): Formatters {
  const dateTimes = new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "short" })
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: "short", timeZone: "UTC" })
  const show = (iso: string | null, format: Intl.DateTimeFormat, parse: (iso: string) => Date) => {
    if (!iso) return "—"
    const date = parse(iso)
    return Number.isNaN(date.getTime()) ? iso : format.format(date)
  }
  return {
    money: (amount, currencyCode) => {
      const currency = currencyCode.toUpperCase()
      try {
        const format = new Intl.NumberFormat(locale, { style: "currency", currency, currencyDisplay: "narrowSymbol" })
        return format.format(amount)
      } catch {
        return `${amount} ${currency}` // not an ISO 4217 code
      }
    },
    dateTime: (iso) => show(iso, dateTimes, (value) => new Date(value)),
    date: (iso) => show(iso, dates, (value) => new Date(`${value.slice(0, 10)}T00:00:00Z`)),
  }
}

export function useFormat(): Formatters {
  const locale = formatLocale(useLang())
  return useMemo(() => formatters(locale), [locale])
}
