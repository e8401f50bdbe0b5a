import { Text } from "@medusajs/ui"
import type { ReactNode } from "react"

type Props = {
  label: string
  children: ReactNode
  /** data-testid of the value */
  testId?: string
}

/** A label and its value, side by side. */
export const FieldRow = ({ label, children, testId }: Props) => (
  <div className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)] items-start gap-x-3">
    <Text size="small" leading="compact" className="text-ui-fg-subtle">
      {label}
    </Text>
    <Text size="small" leading="compact" className="break-words" data-testid={testId}>
      {children}
    </Text>
  </div>
)
