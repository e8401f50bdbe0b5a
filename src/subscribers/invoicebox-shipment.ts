import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"

import { registerShipmentForFulfillment } from "../lib/register-shipment"

export default async function invoiceboxShipmentHandler({ event, container }: SubscriberArgs<{ id: string }>): Promise<void> {
  await registerShipmentForFulfillment(container, event.data.id, event.name === "delivery.created" ? "delivered" : "shipped")
}

export const config: SubscriberConfig = {
  event: ["shipment.created", "delivery.created"],
}
