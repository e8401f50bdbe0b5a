/** Retry policy for reads: exponential backoff with full jitter, bounded in attempts and time. */
export interface RetryPolicy {
  /** attempts in all, the first included (default 4) */
  maxAttempts?: number
  /** first backoff ceiling (default 200 ms), doubled per attempt */
  baseDelayMs?: number
  /** largest single wait (default 5 000 ms) */
  maxDelayMs?: number
  /** no new attempt starts after this much time since the first (default 20 000 ms) */
  maxElapsedMs?: number
}

export const DEFAULT_RETRY_POLICY: Required<RetryPolicy> = {
  maxAttempts: 4,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  maxElapsedMs: 20_000,
}

export function resolveRetryPolicy(policy: RetryPolicy | undefined): Required<RetryPolicy> {
  return { ...DEFAULT_RETRY_POLICY, ...(policy ?? {}) }
}

/**
 * Wait before attempt `attempt + 1` (attempt counts from 1): full jitter over the exponential
 * ceiling, but never less than what the server asked for in Retry-After.
 */
export function backoffDelayMs(
  attempt: number,
  policy: Required<RetryPolicy>,
  retryAfterMs?: number,
  random: () => number = Math.random
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1))
  const jittered = Math.floor(random() * ceiling)
  return retryAfterMs !== undefined ? Math.max(jittered, retryAfterMs) : jittered
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unparsable. */
export function parseRetryAfter(value: unknown, now: number = Date.now()): number | undefined {
  if (typeof value !== "string" || value.trim() === "") return undefined
  const text = value.trim()
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000)
  const date = Date.parse(text)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - now)
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
