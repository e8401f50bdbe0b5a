import type { FilterValue, ListQuery } from "./types"

/**
 * Query string of a list request (api/filters.md): `field=value`, `field[]=a&field[]=b`,
 * `field[_ge]=10`, `_order[field]=asc`, `pageSize`, `page`. Keys and values are URI-encoded.
 */
export function encodeListQuery(query: ListQuery = {}): string {
  const parts: string[] = []
  const add = (key: string, value: string | number | boolean): void => {
    parts.push(`${encodeKey(key)}=${encodeURIComponent(String(value))}`)
  }
  for (const [field, value] of Object.entries(query.filter ?? {})) {
    appendFilter(field, value, add)
  }
  for (const [field, direction] of Object.entries(query.order ?? {})) {
    add(`_order[${field}]`, direction)
  }
  if (query.pageSize !== undefined) add("pageSize", query.pageSize)
  if (query.page !== undefined) add("page", query.page)
  return parts.join("&")
}

function appendFilter(
  field: string,
  value: FilterValue,
  add: (key: string, value: string | number | boolean) => void
): void {
  if (Array.isArray(value)) {
    for (const item of value) add(`${field}[]`, item)
  } else if (typeof value === "object" && value !== null) {
    for (const [operator, operand] of Object.entries(value)) {
      if (operand !== undefined) add(`${field}[${operator}]`, operand)
    }
  } else {
    add(field, value)
  }
}

/** Brackets stay readable (`status[]`, `amount[_ge]`); everything else is encoded. */
function encodeKey(key: string): string {
  return encodeURIComponent(key).replace(/%5B/g, "[").replace(/%5D/g, "]")
}
