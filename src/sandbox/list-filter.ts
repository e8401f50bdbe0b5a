/**
 * List endpoints' filters, sorting and paging (api/filters.md), applied to plain objects.
 * Express parses `status[]=a`, `amount[_ge]=10` and `_order[createdAt]=desc` into nested objects.
 */
import type { ParsedQs } from "qs"

export interface ListPage<T> {
  items: T[]
  meta: { totalCount: number; pageSize: number; page: number }
}

type QueryValue = undefined | string | string[] | ParsedQs | ParsedQs[] | (string | ParsedQs)[]

const RESERVED = new Set(["_order", "pageSize", "page"])

export function filterSortPage<T extends object>(rows: T[], query: ParsedQs): ListPage<T> {
  let result = rows.filter((row) =>
    Object.entries(query).every(
      ([field, condition]) => RESERVED.has(field) || matches(fieldValue(row, field), condition)
    )
  )
  const order = query._order
  if (order && typeof order === "object" && !Array.isArray(order)) {
    const keys = Object.entries(order as Record<string, unknown>)
    result = [...result].sort((a, b) => {
      for (const [field, direction] of keys) {
        const cmp = compare(fieldValue(a, field), fieldValue(b, field))
        if (cmp !== 0) return direction === "desc" ? -cmp : cmp
      }
      return 0
    })
  }
  const pageSize = positiveInt(query.pageSize, 30)
  const page = positiveInt(query.page, 1)
  return {
    items: result.slice((page - 1) * pageSize, page * pageSize),
    meta: { totalCount: result.length, pageSize, page },
  }
}

function fieldValue(row: object, field: string): unknown {
  return (row as Record<string, unknown>)[field]
}

function positiveInt(value: QueryValue, fallback: number): number {
  const n = typeof value === "string" ? Number(value) : NaN
  return Number.isInteger(n) && n > 0 ? n : fallback
}

function matches(actual: unknown, condition: QueryValue): boolean {
  if (condition === undefined) return true
  if (typeof condition === "string") return equals(actual, condition)
  if (Array.isArray(condition)) return condition.some((c) => typeof c === "string" && equals(actual, c))
  return Object.entries(condition).every(([operator, operand]) => {
    if (typeof operand !== "string") return false
    switch (operator) {
      case "_eq":
        return equals(actual, operand)
      case "_ne":
        return !equals(actual, operand)
      case "_gt":
        return compare(actual, operand) > 0
      case "_ge":
        return compare(actual, operand) >= 0
      case "_lt":
        return compare(actual, operand) < 0
      case "_le":
        return compare(actual, operand) <= 0
      case "_start":
        return typeof actual === "string" && actual.startsWith(operand)
      default:
        return false
    }
  })
}

function equals(actual: unknown, expected: string): boolean {
  if (actual === undefined || actual === null) return false
  return String(actual) === expected
}

function compare(a: unknown, b: unknown): number {
  if (a === undefined || a === null) return b === undefined || b === null ? 0 : -1
  if (b === undefined || b === null) return 1
  const na = asNumber(a)
  const nb = asNumber(b)
  if (na !== undefined && nb !== undefined) return Math.sign(na - nb)
  const da = Date.parse(String(a))
  const db = Date.parse(String(b))
  if (!Number.isNaN(da) && !Number.isNaN(db)) return Math.sign(da - db)
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined
  if (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value)
  return undefined
}
