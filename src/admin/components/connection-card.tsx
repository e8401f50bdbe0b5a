import { Alert, Button, Container, Heading, Text, toast } from "@medusajs/ui"
import { useState } from "react"

import { useCheckConnection } from "../hooks/use-invoicebox-connections"
import { errorMessage } from "../lib/errors"
import { useT } from "../lib/i18n"
import type { ConnectionView } from "../lib/types"
import { ConnectSection } from "./connect-section"
import { ConnectionDetails, type CheckResult } from "./connection-details"
import { ConnectionNotifications } from "./connection-notifications"
import { ConnectionStatusBadge } from "./connection-status-badge"
import { DisconnectPrompt } from "./disconnect-prompt"

/**
 * One InvoiceBox provider's connection: its status and account, Check connection and Disconnect, how
 * notifications arrive (URL, channel, key), and the ways to connect an account — first when there is
 * none, last when one is in effect.
 */
export const ConnectionCard = ({ connection }: { connection: ConnectionView }) => {
  const t = useT()
  const check = useCheckConnection(connection.provider_id)
  const [localCheck, setLocalCheck] = useState<CheckResult | null>(null)
  const connected = connection.account_source !== "none"
  const disabled = connection.storage_problem !== null

  const onCheck = async () => {
    try {
      const { ok, error } = await check.mutateAsync()
      setLocalCheck({ at: new Date().toISOString(), error })
      if (ok) toast.success(t.checkPassed, { description: connection.merchant_id ?? undefined })
      else toast.error(t.checkRefused, { description: error ?? undefined })
    } catch (error) {
      toast.error(t.checkFailed, { description: errorMessage(error) })
    }
  }

  const connect = <ConnectSection connection={connection} disabled={disabled} />
  return (
    <Container
      className="divide-y p-0"
      data-testid="invoicebox-connection"
      data-provider-id={connection.provider_id}
      data-status={connection.status}
    >
      <div className="flex flex-wrap items-center justify-between gap-2 px-6 py-4">
        <div className="flex min-w-0 items-center gap-x-2">
          <Heading level="h2">{t.provider}</Heading>
          <Text size="small" leading="compact" className="text-ui-fg-subtle break-all font-mono">
            {connection.provider_id}
          </Text>
          <ConnectionStatusBadge status={connection.status} />
        </div>
        <div className="flex items-center gap-x-2">
          {connection.account_source === "stored" ? <DisconnectPrompt connection={connection} /> : null}
          <Button
            size="small"
            variant="secondary"
            disabled={!connected}
            isLoading={check.isPending}
            onClick={() => void onCheck()}
            data-testid="invoicebox-check"
          >
            {t.checkConnection}
          </Button>
        </div>
      </div>
      {connection.storage_problem ? (
        <div className="px-6 py-4">
          <Alert variant="error" data-testid="invoicebox-storage-problem">
            <div className="flex flex-col gap-y-1">
              <Text size="small" leading="compact" weight="plus">
                {t.storageProblem}
              </Text>
              <Text size="small" leading="compact" className="break-words">
                {connection.storage_problem}
              </Text>
            </div>
          </Alert>
        </div>
      ) : null}
      <ConnectionDetails connection={connection} localCheck={localCheck} />
      {connected ? null : connect}
      <ConnectionNotifications connection={connection} disabled={disabled} />
      {connected ? connect : null}
    </Container>
  )
}
