/** The plugin's own data (module `invoicebox`): notifications, refund orders, stored connections, partner invitations. */
import { Module } from "@medusajs/framework/utils"

import InvoiceboxModuleService from "./service"

export const INVOICEBOX_MODULE = "invoicebox"

export { InvoiceboxModuleService }
export type { InvoiceboxModuleOptions, InvoiceboxPartnerOptions, SaveConnectionInput } from "./service"

export default Module(INVOICEBOX_MODULE, { service: InvoiceboxModuleService })
