import { StatusBadge } from "@medusajs/ui"
import type { ComponentPropsWithoutRef } from "react"

import { label, useT } from "../lib/i18n"
import { orderStatusColor } from "../lib/status"

type Props = Omit<ComponentPropsWithoutRef<typeof StatusBadge>, "color" | "children"> & {
  /** an InvoiceBox order's or refund order's status */
  status: string
}

export const OrderStatusBadge = ({ status, ...props }: Props) => {
  const t = useT()
  return (
    <StatusBadge color={orderStatusColor(status)} {...props}>
      {label(t.orderStatus, status)}
    </StatusBadge>
  )
}
