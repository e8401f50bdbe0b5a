/**
 * The WebSocket gate connections this process keeps, by provider id (one per process: on globalThis,
 * as the module and the job may load two copies of this file). Filled by notifications/gate-connections.ts;
 * closed by the plugin module's shutdown hook.
 */
import type { GateConnectionState, InvoiceboxGateConnection } from "./ws-gate"

export interface KeptGateConnection {
  /** the account and gate it was opened for: a change of either opens a new one */
  account: string
  connection: InvoiceboxGateConnection
}

const KEY = Symbol.for("medusa-payment-invoicebox.gate-connections")
const holder = globalThis as typeof globalThis & { [KEY]?: Map<string, KeptGateConnection> }

export const gateConnectionPool: Map<string, KeptGateConnection> = (holder[KEY] ??= new Map())

/** Closes every gate connection of this process (application shutdown). */
export async function stopGateConnections(): Promise<void> {
  const all = [...gateConnectionPool.values()]
  gateConnectionPool.clear()
  await Promise.all(all.map((entry) => entry.connection.stop()))
}

/** The gate connections of this process by provider id (the worker's, in a production topology). */
export function gateConnectionStates(): Record<string, Readonly<GateConnectionState>> {
  return Object.fromEntries([...gateConnectionPool].map(([providerId, entry]) => [providerId, entry.connection.state]))
}
