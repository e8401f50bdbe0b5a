import { ModuleProvider, Modules } from "@medusajs/framework/utils"

import { checkInvoiceboxConnection } from "./check-connection"
import { InvoiceboxProviderService } from "./service"

export { InvoiceboxProviderService }
export * from "../../payment/options"
export * from "../../payment/session-data"

export default ModuleProvider(Modules.PAYMENT, {
  services: [InvoiceboxProviderService],
  loaders: [checkInvoiceboxConnection],
})
