/**
 * Every few seconds (in the worker): the WebSocket gate connections match the InvoiceBox accounts
 * whose notifications come that way (notifications/gate-connections.ts) — opened for a shop connected
 * from the admin within seconds, closed when it is disconnected or gets a notification key.
 */
import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

import { errorMessageOf } from "../invoicebox/errors"
import { keepGateConnections } from "../notifications/gate-connections"

export default async function keepInvoiceboxGateConnectionsJob(container: MedusaContainer): Promise<void> {
  try {
    await keepGateConnections(container)
  } catch (error) {
    container
      .resolve<Logger>(ContainerRegistrationKeys.LOGGER)
      .warn(`InvoiceBox gate connections: ${errorMessageOf(error)}`)
  }
}

export const config = {
  name: "keep-invoicebox-gate-connections",
  schedule: { interval: 5_000 },
}
