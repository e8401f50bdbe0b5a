/**
 * `medusa exec ./demo/seed-demo.ts` — seeds the demo store once (the result is kept in the store's
 * metadata, so a second run changes nothing), makes sure the demo admin can log in, and writes what
 * the storefront needs to DEMO_SEED_OUTPUT as JSON.
 */
import { writeFileSync } from "node:fs"

import type { ExecArgs, IAuthModuleService, IStoreModuleService, IUserModuleService } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createUsersWorkflow } from "@medusajs/medusa/core-flows"

import { seedStore, type SeededStore } from "./store-seed"

const METADATA_KEY = "invoicebox_demo"

export interface DemoSeed extends SeededStore {
  adminEmail: string
  adminPassword: string
}

export default async function seedDemo({ container }: ExecArgs): Promise<void> {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const storeModule = container.resolve<IStoreModuleService>(Modules.STORE)
  let [medusaStore] = await storeModule.listStores({}, { take: 1 })
  if (!medusaStore) medusaStore = await storeModule.createStores({ name: "Чайная лавка" })

  let seeded = medusaStore.metadata?.[METADATA_KEY] as SeededStore | undefined
  if (seeded) {
    logger.info("Demo store already seeded")
  } else {
    seeded = await seedStore(container)
    await storeModule.updateStores(medusaStore.id, {
      name: "Чайная лавка",
      supported_currencies: [{ currency_code: "rub", is_default: true }],
      default_sales_channel_id: seeded.salesChannelId,
      default_region_id: seeded.regionId,
      metadata: { ...(medusaStore.metadata ?? {}), [METADATA_KEY]: seeded },
    })
    logger.info("Demo store seeded")
  }

  const adminEmail = process.env.DEMO_ADMIN_EMAIL || "admin@example.com"
  const adminPassword = process.env.DEMO_ADMIN_PASSWORD || "supersecret"
  await ensureAdmin(container, adminEmail, adminPassword)

  const output: DemoSeed = { ...seeded, adminEmail, adminPassword }
  if (process.env.DEMO_SEED_OUTPUT) writeFileSync(process.env.DEMO_SEED_OUTPUT, JSON.stringify(output, null, 2))
}

async function ensureAdmin(container: ExecArgs["container"], email: string, password: string): Promise<void> {
  const users = container.resolve<IUserModuleService>(Modules.USER)
  const auth = container.resolve<IAuthModuleService>(Modules.AUTH)
  if ((await users.listUsers({ email })).length > 0) {
    // the printed password must work: set it again (DEMO_ADMIN_PASSWORD may have changed)
    const { success, error } = await auth.updateProvider("emailpass", { entity_id: email, password })
    if (!success) throw new Error(`Demo admin ${email}: the password could not be set: ${error ?? "unknown error"}`)
    return
  }
  const {
    result: [user],
  } = await createUsersWorkflow(container).run({ input: { users: [{ email, first_name: "Админ" }] } })
  const { authIdentity, error } = await auth.register("emailpass", { body: { email, password } })
  if (error || !authIdentity) throw new Error(`Demo admin ${email} could not be created: ${error ?? "no identity"}`)
  await auth.updateAuthIdentities({ id: authIdentity.id, app_metadata: { user_id: user!.id } })
}
