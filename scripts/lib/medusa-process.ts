/**
 * A Medusa CLI command (`db:migrate`, `exec …`, `start`) as a child process of this repository, with
 * the plugin's TypeScript loaded through swc (as in the tests). Used by `npm run demo` and by the tests
 * that need a second Medusa server on the same database.
 */
import { spawn, type ChildProcess } from "node:child_process"
import { resolve } from "node:path"

export const REPOSITORY_ROOT = resolve(__dirname, "../..")
const MEDUSA_CLI = require.resolve("@medusajs/cli/cli.js", { paths: [REPOSITORY_ROOT] })
const TS_REGISTER = require.resolve("@swc-node/register", { paths: [REPOSITORY_ROOT] })

const running = new Set<ChildProcess>()

// whatever way this process ends (done, an error, process.exit), no Medusa it started outlives it
process.once("exit", () => {
  for (const child of running) {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL")
    } catch {
      // already gone
    }
  }
})

/** Starts `medusa <args>` in its own process group (so stopProcess can end it with its children). */
export function spawnMedusa(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ["-r", TS_REGISTER, MEDUSA_CLI, ...args], {
    cwd: REPOSITORY_ROOT,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  })
  running.add(child)
  child.once("exit", () => running.delete(child))
  return child
}

/** Resolves once `url`/health answers 200; rejects if the process exits first or after `timeoutMs`. */
export async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Medusa exited (${child.exitCode}) while starting`)
    try {
      if ((await fetch(`${url}/health`)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 500))
  }
  throw new Error(`Medusa did not answer ${url}/health within ${Math.round(timeoutMs / 1000)} s`)
}

/** SIGTERM to the process group, SIGKILL after `graceMs`; resolves when the process has exited. */
export function stopProcess(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve()
  const pid = child.pid
  const signal = (name: NodeJS.Signals): boolean => {
    try {
      process.kill(-pid, name)
      return true
    } catch {
      return false // already gone
    }
  }
  return new Promise((done) => {
    const timer = setTimeout(() => {
      signal("SIGKILL")
      done()
    }, graceMs)
    child.once("exit", () => {
      clearTimeout(timer)
      done()
    })
    if (!signal("SIGTERM")) {
      clearTimeout(timer)
      done()
    }
  })
}
