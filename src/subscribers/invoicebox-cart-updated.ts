import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import type { Logger } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

import { refreshCartBasket } from "../lib/refresh-cart-basket"

export default async function invoiceboxCartUpdatedHandler({ event, container }: SubscriberArgs<{ id: string }>): Promise<void> {
  try {
    await refreshCartBasket(container, event.data.id)
  } catch (error) {
    // the cart stays usable; the order keeps its previous basket
    container.resolve<Logger>(ContainerRegistrationKeys.LOGGER).warn(
      `InvoiceBox: could not refresh the basket of cart ${event.data.id}: ${error instanceof Error ? error.message : String(error)}`
    )
  }
}

export const config: SubscriberConfig = { event: "cart.updated" }
