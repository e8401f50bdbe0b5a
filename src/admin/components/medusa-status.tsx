import { Text } from "@medusajs/ui"

import { useFormat } from "../lib/format"
import { label, useT } from "../lib/i18n"
import type { MedusaPaymentView } from "../lib/types"

/** The payment as Medusa has it, e.g. "Medusa: authorized, captured". */
export const MedusaStatus = ({ medusa }: { medusa: MedusaPaymentView }) => {
  const t = useT()
  const format = useFormat()
  const parts = [
    label(t.sessionStatus, medusa.session_status),
    medusa.captured ? t.captured : null,
    medusa.canceled ? t.canceled : null,
    medusa.refunded_amount > 0 ? `${t.refunded} ${format.money(medusa.refunded_amount, medusa.currency_code)}` : null,
  ]
  return (
    <Text size="small" leading="compact" data-testid="invoicebox-medusa-status">
      {`${t.medusa}: ${parts.filter((part) => part !== null).join(", ")}`}
    </Text>
  )
}
