import { StatusBadge } from "@medusajs/ui"
import type { ComponentPropsWithoutRef } from "react"

import { label, useT } from "../lib/i18n"
import { orderStatusColor } from "../lib/status"

type Props = Omit<ComponentPropsWithoutRef<typeof StatusBadge>, "color" | "children"> & {
  /** an InvoiceBox order's or refund order's status */
  status: string
  /** a refund order's status reads differently (`created`: being processed, not awaiting payment) */
  kind?: "order" | "refund"
}

export const OrderStatusBadge = ({ status, kind = "order", ...props }: Props) => {
  const t = useT()
  return (
    <StatusBadge color={orderStatusColor(status)} {...props}>
      {label(kind === "refund" ? t.refundStatus : t.orderStatus, status)}
    </StatusBadge>
  )
}
