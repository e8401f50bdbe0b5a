import { Text } from "@medusajs/ui"
import type { ReactNode } from "react"

import { useT } from "../lib/i18n"

type Props = {
  title: string
  isEmpty: boolean
  /** the Table, shown unless isEmpty */
  children: ReactNode
}

/** A titled table of the payment, edge to edge like Medusa's own sections; "None" when it has no rows. */
export const TableSection = ({ title, isEmpty, children }: Props) => {
  const t = useT()
  return (
    <div className="flex flex-col gap-y-2 pb-4">
      <Text size="small" leading="compact" weight="plus" className="px-6">
        {title}
      </Text>
      {isEmpty ? (
        <Text size="small" leading="compact" className="text-ui-fg-subtle px-6">
          {t.empty}
        </Text>
      ) : (
        <div className="overflow-x-auto">{children}</div>
      )}
    </div>
  )
}
