/** Starts PostgreSQL for the integration tests (or uses DATABASE_URL) and exports Medusa's DB env. */
import { chmodSync, mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

import {
  connectionFromUrl,
  medusaDatabaseEnv,
  startLocalPostgres,
  type PostgresConnection,
} from "../../scripts/lib/postgres"

declare global {
  var __INVOICEBOX_PG__: PostgresConnection | undefined
}

export default async function globalSetup(): Promise<void> {
  let connection: PostgresConnection
  if (process.env.DATABASE_URL) {
    connection = connectionFromUrl(process.env.DATABASE_URL)
  } else {
    const dir = mkdtempSync(join(tmpdir(), "invoicebox-it-"))
    chmodSync(dir, 0o755) // the server runs as the postgres user and must reach its data directory
    connection = await startLocalPostgres({ dataDir: join(dir, "pg"), persistent: false })
  }
  globalThis.__INVOICEBOX_PG__ = connection
  Object.assign(process.env, medusaDatabaseEnv(connection))
}
