/** What an invoice for an order's outstanding amount would be (or the one already open). Reads only. */
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

import { planInvoiceboxInvoice, type PlanInvoiceInput } from "../../lib/order-invoice"

export const planInvoiceboxInvoiceStepId = "plan-invoicebox-invoice"

export const planInvoiceboxInvoiceStep = createStep(
  planInvoiceboxInvoiceStepId,
  async (input: PlanInvoiceInput, { container }) => new StepResponse(await planInvoiceboxInvoice(container, input))
)
