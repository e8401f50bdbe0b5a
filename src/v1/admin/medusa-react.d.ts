/**
 * The part of `medusa-react` 9 that the v1 widget uses. The v1 admin (`@medusajs/admin-ui` 2.1) treats
 * medusa-react as a shared package: an extension's import of it resolves to the admin's own copy, inside the
 * admin's MedusaProvider (its backend URL, session cookie and JWT), so the package neither bundles nor depends
 * on it.
 */
declare module "medusa-react" {
  /** @tanstack/react-query 4's query result, as far as the widget reads it */
  export type AdminCustomQueryResult<TResponse> = {
    /** the JSON body, with medusa-js's `response` (the axios response) added */
    data: (TResponse & { response: unknown }) | undefined
    isLoading: boolean
    isFetching: boolean
    isError: boolean
    error: Error | null
    refetch: () => Promise<unknown>
  }

  export type AdminCustomQueryOptions = {
    enabled?: boolean
    retry?: boolean | number
    staleTime?: number
    refetchOnWindowFocus?: boolean
  }

  /** `GET /admin${path}?${query}` through the admin's medusa-js client (`path` without "/admin" is prefixed). */
  export function useAdminCustomQuery<TQuery extends Record<string, unknown>, TResponse>(
    path: string,
    queryKey: readonly unknown[],
    query?: TQuery,
    options?: AdminCustomQueryOptions
  ): AdminCustomQueryResult<TResponse>
}
