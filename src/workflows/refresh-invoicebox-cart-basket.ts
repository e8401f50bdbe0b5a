/** A cart changed with the same total → its unpaid InvoiceBox orders get the current basket. Returns their ids. */
import { createWorkflow, transform, WorkflowResponse, type WorkflowData } from "@medusajs/framework/workflows-sdk"
import { useQueryGraphStep } from "@medusajs/medusa/core-flows"

import { CART_WITH_SESSIONS_FIELDS, type CartForBasket } from "../lib/cart-for-basket"
import { refreshInvoiceboxBasketsStep } from "./steps/refresh-invoicebox-baskets"

export const refreshInvoiceboxCartBasketWorkflowId = "refresh-invoicebox-cart-basket"

export const refreshInvoiceboxCartBasketWorkflow = createWorkflow(
  refreshInvoiceboxCartBasketWorkflowId,
  (input: WorkflowData<{ cart_id: string }>) => {
    const { data: carts } = useQueryGraphStep({
      entity: "cart",
      fields: CART_WITH_SESSIONS_FIELDS,
      filters: { id: input.cart_id },
    })
    const cart = transform({ carts }, ({ carts }) => ({ cart: (carts[0] as CartForBasket | undefined) ?? null }))
    return new WorkflowResponse(refreshInvoiceboxBasketsStep(cart))
  }
)
