/**
 * A lock that holds across every Medusa process sharing the database: a PostgreSQL transaction-level
 * advisory lock. A waiter does not keep a pooled connection while it waits (it retries), so a burst
 * of duplicate notifications cannot exhaust the pool the locked work itself needs.
 */
import type { Knex } from "@medusajs/framework/mikro-orm/knex"

export class LockTimeoutError extends Error {}

export async function withDatabaseLock<T>(pg: Knex, key: string, timeoutMs: number, work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const trx = await pg.transaction()
    let locked = false
    try {
      const result = await trx.raw<{ rows: Array<{ locked: boolean }> }>("select pg_try_advisory_xact_lock(hashtext(?)) as locked", [key])
      locked = result.rows[0]?.locked === true
    } catch (error) {
      await trx.rollback().catch(() => undefined)
      throw error
    }
    if (locked) {
      try {
        const value = await work()
        await trx.commit()
        return value
      } catch (error) {
        await trx.rollback().catch(() => undefined)
        throw error
      }
    }
    await trx.rollback()
    if (Date.now() > deadline) throw new LockTimeoutError(`lock ${key} still held after ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 25 + Math.random() * 50))
  }
}
