import { Text } from "@medusajs/ui"

/** An error, inline (toasts go away; this stays until the next read). */
export const ErrorText = ({ message }: { message: string }) => (
  <Text size="small" leading="compact" className="text-ui-fg-error break-words" data-testid="invoicebox-error">
    {message}
  </Text>
)
