import { Text } from "@medusajs/ui"

import { useT } from "../lib/i18n"
import type { ConnectionView } from "../lib/types"
import { ConnectCredentialsForm } from "./connect-credentials-form"
import { PartnerOnboardingForm } from "./partner-onboarding-form"

type Props = {
  connection: ConnectionView
  /** connections cannot be stored (no connection key) */
  disabled: boolean
}

/**
 * Connect an account (or another one, replacing the account in effect): paste its credentials, or —
 * when the plugin has partner credentials — let InvoiceBox open a shop for the owner.
 */
export const ConnectSection = ({ connection, disabled }: Props) => {
  const t = useT()
  const connected = connection.account_source !== "none"
  return (
    <div className="flex flex-col gap-y-4 px-6 py-4" data-testid="invoicebox-connect">
      <div className="flex flex-col gap-y-1">
        <Text size="small" leading="compact" weight="plus">
          {connected ? t.connectAnotherAccount : t.connectAccount}
        </Text>
        {connected ? (
          <Text size="xsmall" leading="compact" className="text-ui-fg-subtle">
            {t.connectAccountHint}
          </Text>
        ) : null}
      </div>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <ConnectCredentialsForm connection={connection} disabled={disabled} />
        {connection.partner_enabled ? <PartnerOnboardingForm connection={connection} disabled={disabled} /> : null}
      </div>
    </div>
  )
}
