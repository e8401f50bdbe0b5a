import { Text } from "@medusajs/ui"

type Props = {
  message: string
  /** data-testid, for an error a test looks for in one place (e.g. under a form) */
  testId?: string
}

/** An error, inline (toasts go away; this stays until the next read). */
export const ErrorText = ({ message, testId = "invoicebox-error" }: Props) => (
  <Text size="small" leading="compact" className="text-ui-fg-error break-words" data-testid={testId}>
    {message}
  </Text>
)
