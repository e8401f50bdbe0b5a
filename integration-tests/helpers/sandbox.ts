import { startSandbox, type RunningSandbox, type SandboxOptions } from "../../src/sandbox"
import { freePort } from "../../scripts/lib/postgres"

/**
 * Before Medusa boots: a sandbox on a free port, and the env medusa-config.js reads — Medusa's port
 * (so the sandbox's notifications reach /hooks/invoicebox) and the sandbox's URL for the provider.
 */
export async function startSandboxForMedusa(options: SandboxOptions = {}): Promise<RunningSandbox> {
  process.env.PORT = String(await freePort())
  const sandbox = await startSandbox({
    port: 0,
    quiet: true,
    rateLimit: false,
    notificationRetryDelaysMs: [],
    ...options,
  })
  process.env.INVOICEBOX_API_URL = sandbox.url
  return sandbox
}

/**
 * A spec file's sandbox: started before Medusa (call at the top level, before
 * medusaIntegrationTestRunner), closed after; `env` is set for Medusa's config and removed after.
 */
export function useSandboxForMedusa(
  env: Record<string, string> = {},
  options: SandboxOptions = {}
): { readonly url: string } {
  let sandbox: RunningSandbox | undefined
  beforeAll(async () => {
    Object.assign(process.env, env)
    sandbox = await startSandboxForMedusa(options)
  })
  afterAll(async () => {
    for (const key of Object.keys(env)) delete process.env[key]
    await sandbox?.close()
  })
  return {
    get url(): string {
      if (!sandbox) throw new Error("the sandbox is not started yet")
      return sandbox.url
    },
  }
}
