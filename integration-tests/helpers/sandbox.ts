import { startSandbox, type RunningSandbox } from "../../src/sandbox"
import { freePort } from "../../scripts/lib/postgres"

/**
 * Before Medusa boots: a sandbox on a free port, and the env medusa-config.js reads — Medusa's port
 * (so the sandbox's notifications reach /hooks/invoicebox) and the sandbox's URL for the provider.
 */
export async function startSandboxForMedusa(): Promise<RunningSandbox> {
  process.env.PORT = String(await freePort())
  const sandbox = await startSandbox({ port: 0, quiet: true, rateLimit: false, notificationRetryDelaysMs: [] })
  process.env.INVOICEBOX_API_URL = sandbox.url
  return sandbox
}
