/** cart.updated → the unpaid InvoiceBox orders of the cart get its current basket. */
import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import type { Logger } from "@medusajs/framework/types"
import { CartWorkflowEvents, ContainerRegistrationKeys } from "@medusajs/framework/utils"

import { errorMessageOf } from "../invoicebox/errors"
import { refreshInvoiceboxCartBasketWorkflow } from "../workflows/refresh-invoicebox-cart-basket"
import { refreshInvoiceboxConnections } from "../lib/invoicebox-connections"

export default async function invoiceboxCartUpdatedHandler({
  event,
  container,
}: SubscriberArgs<{ id: string }>): Promise<void> {
  await refreshInvoiceboxConnections(container)
  const { errors } = await refreshInvoiceboxCartBasketWorkflow(container).run({
    input: { cart_id: event.data.id },
    throwOnError: false,
  })
  // the cart stays usable; the order keeps its previous basket
  for (const { error } of errors) {
    container
      .resolve<Logger>(ContainerRegistrationKeys.LOGGER)
      .warn(`InvoiceBox: could not refresh the basket of cart ${event.data.id}: ${errorMessageOf(error)}`)
  }
}

export const config: SubscriberConfig = { event: CartWorkflowEvents.UPDATED }
