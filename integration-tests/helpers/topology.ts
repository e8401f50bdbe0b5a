/**
 * The production topology for a spec: a throw-away Redis and the environment medusa-config reads
 * (Redis modules, `workerMode: "server"` for the test runner's own Medusa), set before Medusa boots
 * (call at the top level, before medusaIntegrationTestRunner); more Medusa processes (a second server,
 * the worker) started on the test database.
 */
import type { ChildProcess } from "node:child_process"

import { spawnMedusa, stopProcess, waitForHealth } from "../../scripts/lib/medusa-process"
import { freePort } from "../../scripts/lib/postgres"
import { startRedis, type RunningRedis } from "../../scripts/lib/redis"

export interface Topology {
  readonly redis: RunningRedis
  /** stops Redis and starts it again on the same port */
  restartRedis(): Promise<void>
}

export function useProductionTopology(env: Record<string, string> = {}): Topology {
  let redis: RunningRedis | undefined
  let port = 0
  const all = { MEDUSA_WORKER_MODE: "server", ...env }
  beforeAll(async () => {
    port = await freePort()
    redis = await startRedis(port)
    Object.assign(process.env, all, { REDIS_URL: redis.url })
  })
  afterAll(async () => {
    for (const key of [...Object.keys(all), "REDIS_URL"]) delete process.env[key]
    await redis?.stop()
  })
  return {
    get redis(): RunningRedis {
      if (!redis) throw new Error("Redis is not started yet")
      return redis
    },
    async restartRedis(): Promise<void> {
      await redis?.stop()
      redis = await startRedis(port)
    },
  }
}

export interface MedusaInstance {
  url: string
  child: ChildProcess
  stop(): Promise<void>
}

/** `medusa start` in `mode` on the test database, with this process's environment (Redis included). */
export async function startMedusaInstance(databaseUrl: string, mode: "server" | "worker"): Promise<MedusaInstance> {
  const port = await freePort()
  const url = `http://localhost:${port}`
  let log = ""
  const child = spawnMedusa(["start"], {
    ...process.env,
    NODE_ENV: "test",
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    MEDUSA_WORKER_MODE: mode,
    MEDUSA_ADMIN_DISABLED: "true",
    MEDUSA_DISABLE_TELEMETRY: "true",
    LOG_LEVEL: "error",
  })
  child.stdout!.on("data", (chunk: Buffer) => (log += chunk.toString()))
  child.stderr!.on("data", (chunk: Buffer) => (log += chunk.toString()))
  await waitForHealth(url, child).catch((error: Error) => {
    throw new Error(`${mode}: ${error.message}\n${log.slice(-3000)}`)
  })
  return { url, child, stop: () => stopProcess(child) }
}
