/**
 * The InvoiceBox connections stored from the admin (module `invoicebox`, Settings → InvoiceBox), as
 * this process last read them: provider id → the account's credentials. The registry lays them over
 * the provider's options, so the provider, routes and jobs use the current account at call time with
 * no restart.
 *
 * The snapshot is re-read at most every REFRESH_AFTER_MS by `refreshStoredConnections` — which the
 * plugin's middleware calls on every admin, store and hook request, and its jobs and subscribers
 * before they work — and replaced at once in the process that saves a change; other servers and the
 * worker see a change within that time. One snapshot per process (on globalThis: the provider and the
 * module may be loaded from two copies of this file).
 */
import type { Logger } from "@medusajs/framework/types"

export interface StoredCredentials {
  merchantId: string
  token: string
  /** null until the shop sets one in its InvoiceBox personal account */
  notificationKey: string | null
  apiPrefix: "v3" | "l3" | null
  /**
   * why the stored secrets cannot be opened here (another or no connection key): the provider is then
   * not connected — never silently back on the options' account
   */
  unreadable?: string
}

/** Reads every stored connection (the module service's `storedCredentials`). */
export type StoredConnectionsSource = () => Promise<Map<string, StoredCredentials>>

export const REFRESH_AFTER_MS = 5_000

interface Snapshot {
  credentials: Map<string, StoredCredentials>
  readAt: number
  reading: Promise<void> | null
  /** bumped by every change this process saves: a read begun before it is stale and dropped */
  generation: number
}

const KEY = Symbol.for("medusa-payment-invoicebox.stored-connections")
const holder = globalThis as typeof globalThis & { [KEY]?: Snapshot }
const snapshot: Snapshot = (holder[KEY] ??= {
  credentials: new Map(),
  readAt: 0,
  reading: null,
  generation: 0,
})

/** The stored credentials of a provider, as last read; undefined when none are stored. */
export function storedCredentialsOf(providerId: string): StoredCredentials | undefined {
  return snapshot.credentials.get(providerId)
}

/** Re-reads the stored connections when the snapshot is older than `maxAgeMs`; never throws. */
export async function refreshStoredConnections(
  source: StoredConnectionsSource,
  logger?: Logger,
  maxAgeMs = REFRESH_AFTER_MS
): Promise<void> {
  if (Date.now() - snapshot.readAt < maxAgeMs) return
  const generation = snapshot.generation
  snapshot.reading ??= source()
    .then((credentials) => {
      if (snapshot.generation !== generation) return
      snapshot.credentials = credentials
      snapshot.readAt = Date.now()
    })
    .catch((error: unknown) => {
      // the last snapshot stays in effect; tried again after the same interval, not on every request
      if (snapshot.generation === generation) snapshot.readAt = Date.now()
      logger?.warn(`InvoiceBox: the stored connections could not be read: ${(error as Error).message}`)
    })
    .finally(() => {
      snapshot.reading = null
    })
  await snapshot.reading
}

/** A change saved by this process: in effect here at once. */
export function replaceStoredCredentials(providerId: string, credentials: StoredCredentials | null): void {
  snapshot.generation += 1
  if (credentials) snapshot.credentials.set(providerId, credentials)
  else snapshot.credentials.delete(providerId)
}
