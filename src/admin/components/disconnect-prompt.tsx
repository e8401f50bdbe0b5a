import { Button, Prompt, toast } from "@medusajs/ui"

import { useDisconnect } from "../hooks/use-invoicebox-connections"
import { errorMessage } from "../lib/errors"
import { useT } from "../lib/i18n"
import type { ConnectionView } from "../lib/types"

/** Disconnect, after a confirmation: removes the account connected from this page. */
export const DisconnectPrompt = ({ connection }: { connection: ConnectionView }) => {
  const t = useT()
  const disconnect = useDisconnect(connection.provider_id)

  // mutateAsync: the prompt goes away with the account it disconnects, before mutate's own callbacks would run
  const onConfirm = async () => {
    try {
      await disconnect.mutateAsync()
      toast.success(t.disconnected)
    } catch (error) {
      toast.error(t.disconnectFailed, { description: errorMessage(error) })
    }
  }

  return (
    <Prompt>
      <Prompt.Trigger asChild>
        <Button size="small" variant="secondary" isLoading={disconnect.isPending} data-testid="invoicebox-disconnect">
          {t.disconnect}
        </Button>
      </Prompt.Trigger>
      <Prompt.Content data-testid="invoicebox-disconnect-prompt">
        <Prompt.Header>
          <Prompt.Title>{t.disconnectTitle}</Prompt.Title>
          <Prompt.Description>
            {t.disconnectHint(connection.merchant_id ?? "—")} {t.disconnectOptionsHint}
          </Prompt.Description>
        </Prompt.Header>
        <Prompt.Footer>
          <Prompt.Cancel>{t.cancel}</Prompt.Cancel>
          <Prompt.Action onClick={() => void onConfirm()} data-testid="invoicebox-disconnect-confirm">
            {t.disconnect}
          </Prompt.Action>
        </Prompt.Footer>
      </Prompt.Content>
    </Prompt>
  )
}
