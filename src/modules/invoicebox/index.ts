/** The plugin's own data (module `invoicebox`): the InvoiceBox notification log and refund orders. */
import { Module } from "@medusajs/framework/utils"

import InvoiceboxModuleService from "./service"

export const INVOICEBOX_MODULE = "invoicebox"

export { InvoiceboxModuleService }
export type { InvoiceboxModuleOptions } from "./service"

export default Module(INVOICEBOX_MODULE, { service: InvoiceboxModuleService })
