/** Daily: the notification log older than the retention is deleted. */
import type { MedusaContainer } from "@medusajs/framework/types"

import { pruneInvoiceboxNotificationsWorkflow } from "../workflows/prune-invoicebox-notifications"

export default async function pruneInvoiceboxNotificationsJob(container: MedusaContainer): Promise<void> {
  await pruneInvoiceboxNotificationsWorkflow(container).run({ input: { now: new Date() } })
}

export const config = {
  name: "prune-invoicebox-notifications",
  schedule: "17 3 * * *",
}
