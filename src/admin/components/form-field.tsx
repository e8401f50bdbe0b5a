import { Label, Text } from "@medusajs/ui"
import type { ReactNode } from "react"

type Props = {
  /** the input's id */
  id: string
  label: string
  /** shown under the input */
  hint?: string
  /** the input */
  children: ReactNode
}

/** A form's input with its label above and a hint below. */
export const FormField = ({ id, label, hint, children }: Props) => (
  <div className="flex flex-col gap-y-1">
    <Label htmlFor={id} size="small" weight="plus">
      {label}
    </Label>
    {children}
    {hint ? (
      <Text size="xsmall" leading="compact" className="text-ui-fg-subtle">
        {hint}
      </Text>
    ) : null}
  </div>
)
