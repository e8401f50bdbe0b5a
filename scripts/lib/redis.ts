/**
 * A throw-away Redis (Debian's `redis-server`) on a free loopback port, for the production-topology
 * tests and `npm run demo -- --production`: nothing kept on disk, stopped with its owner.
 */
import { spawn, type ChildProcess } from "node:child_process"
import { existsSync } from "node:fs"
import { createConnection } from "node:net"

import { freePort } from "./postgres"

export interface RunningRedis {
  url: string
  port: number
  process: ChildProcess
  stop(): Promise<void>
}

const REDIS_SERVER = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"].find((path) => existsSync(path))

export async function startRedis(port?: number): Promise<RunningRedis> {
  if (!REDIS_SERVER) {
    throw new Error("redis-server is not installed: apt-get install redis-server (.ci/run installs it)")
  }
  const chosen = port ?? (await freePort())
  const child = spawn(
    REDIS_SERVER,
    ["--port", String(chosen), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes"],
    { stdio: ["ignore", "pipe", "pipe"] }
  )
  // a Redis started here never outlives this process
  process.once("exit", () => child.kill("SIGKILL"))
  let log = ""
  child.stdout!.on("data", (chunk: Buffer) => (log += chunk.toString()))
  child.stderr!.on("data", (chunk: Buffer) => (log += chunk.toString()))
  const deadline = Date.now() + 10_000
  while (!(await answersPing(chosen))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL")
      throw new Error(`redis-server did not start on port ${chosen}:\n${log.slice(-2000)}`)
    }
    await new Promise((done) => setTimeout(done, 100))
  }
  return {
    url: `redis://127.0.0.1:${chosen}`,
    port: chosen,
    process: child,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done()
        child.once("exit", () => done())
        child.kill("SIGTERM")
      }),
  }
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port }, () => socket.write("PING\r\n"))
    socket.once("data", (data) => {
      socket.destroy()
      resolve(data.toString().startsWith("+PONG"))
    })
    socket.once("error", () => resolve(false))
    socket.setTimeout(500, () => {
      socket.destroy()
      resolve(false)
    })
  })
}
