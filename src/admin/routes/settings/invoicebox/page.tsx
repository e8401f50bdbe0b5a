/**
 * Settings → InvoiceBox: each InvoiceBox provider's connection — status, shop, masked token, last check,
 * last notification, the notification URL to paste into the InvoiceBox personal account — with Check
 * connection, Disconnect, the notification key, and two ways to connect an account: paste its
 * credentials, or partner onboarding (InvoiceBox opens a shop for the owner; an activation code).
 */
import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Container, Heading, Text } from "@medusajs/ui"

import { ConnectionCard } from "../../../components/connection-card"
import { ErrorText } from "../../../components/error-text"
import { useInvoiceboxConnections } from "../../../hooks/use-invoicebox-connections"
import { errorMessage } from "../../../lib/errors"
import { useT } from "../../../lib/i18n"

const InvoiceboxSettingsPage = () => {
  const t = useT()
  const query = useInvoiceboxConnections()
  const connections = query.data?.connections
  return (
    <div className="flex flex-col gap-y-3" data-testid="invoicebox-settings">
      <Container className="divide-y p-0">
        <div className="flex flex-col gap-y-1 px-6 py-4">
          <Heading level="h1">InvoiceBox</Heading>
          <Text size="small" leading="compact" className="text-ui-fg-subtle">
            {t.settingsHint}
          </Text>
        </div>
        {query.error ? (
          <div className="px-6 py-4">
            <ErrorText message={errorMessage(query.error)} />
          </div>
        ) : null}
        {query.isPending ? (
          <div className="px-6 py-4">
            <Text size="small" leading="compact" className="text-ui-fg-subtle">
              {t.loading}
            </Text>
          </div>
        ) : null}
        {connections && connections.length === 0 ? (
          <div className="px-6 py-4">
            <Text size="small" leading="compact" className="text-ui-fg-subtle" data-testid="invoicebox-no-providers">
              {t.noProviders}
            </Text>
          </div>
        ) : null}
      </Container>
      {connections?.map((connection) => (
        <ConnectionCard key={connection.provider_id} connection={connection} />
      ))}
    </div>
  )
}

export const config = defineRouteConfig({ label: "InvoiceBox" })

export default InvoiceboxSettingsPage
