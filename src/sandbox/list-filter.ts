/**
 * List endpoints' filters, sorting and paging (api/filters.md), applied to plain objects.
 * Express parses `status[]=a`, `amount[_ge]=10` and `_order[createdAt]=desc` into nested objects.
 *
 * - a parameter naming one of the entity's fields is a filter; any other is ignored, as the API
 *   ignores it;
 * - `_order[field]=asc|desc` sorts (several fields in turn); `_order` in any other shape — e.g.
 *   `_order=createdAt:desc` — is refused with 422 `validation_error`;
 * - paging: `pageSize` / `page` (the docs) or `_pageSize` / `_page` (InvoiceBox's official clients);
 *   the page size defaults to 30.
 */
import type { ParsedQs } from "qs"

import { SandboxApiError } from "./envelope"
import type { ListFields } from "./list-fields"

export interface ListPage<T> {
  items: T[]
  meta: { totalCount: number; pageSize: number; page: number }
}

type QueryValue = undefined | string | string[] | ParsedQs | ParsedQs[] | (string | ParsedQs)[]

export const DEFAULT_PAGE_SIZE = 30

export function filterSortPage<T extends object>(rows: T[], query: ParsedQs, fields: ListFields): ListPage<T> {
  const sorting = sortKeys(query._order, fields)
  const filters = Object.entries(query).filter(([field]) => fields.has(field))
  let result = rows.filter((row) => filters.every(([field, condition]) => matches(fieldValue(row, field), condition)))
  if (sorting.length > 0) {
    result = [...result].sort((a, b) => {
      for (const [field, direction] of sorting) {
        const cmp = compare(fieldValue(a, field), fieldValue(b, field))
        if (cmp !== 0) return direction === "desc" ? -cmp : cmp
      }
      return 0
    })
  }
  const pageSize = positiveInt(query._pageSize ?? query.pageSize, DEFAULT_PAGE_SIZE)
  const page = positiveInt(query._page ?? query.page, 1)
  return {
    items: result.slice((page - 1) * pageSize, page * pageSize),
    meta: { totalCount: result.length, pageSize, page },
  }
}

/** `_order[field]=asc|desc` pairs, in the given order; sorting by a field the entity lacks is ignored. */
function sortKeys(order: QueryValue, fields: ListFields): Array<[string, "asc" | "desc"]> {
  if (order === undefined) return []
  if (typeof order !== "object" || Array.isArray(order)) {
    throw malformedOrder(`_order must be given as _order[field]=asc|desc, got _order=${JSON.stringify(order)}`)
  }
  const keys: Array<[string, "asc" | "desc"]> = []
  for (const [field, direction] of Object.entries(order)) {
    const normalized = typeof direction === "string" ? direction.toLowerCase() : undefined
    if (normalized !== "asc" && normalized !== "desc") {
      throw malformedOrder(`_order[${field}] must be asc or desc, got ${JSON.stringify(direction)}`)
    }
    if (fields.has(field)) keys.push([field, normalized])
  }
  return keys
}

function malformedOrder(message: string): SandboxApiError {
  return new SandboxApiError(422, "validation_error", "Validation Error", [
    { name: "_order", code: "wrong_value", message },
  ])
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
