import { Text } from "@medusajs/ui"

import { useFormat } from "../lib/format"
import { useT } from "../lib/i18n"
import type { ConnectionView } from "../lib/types"
import { FieldRow } from "./field-row"

/** A check of the token: when, and InvoiceBox's error (null: accepted). */
export type CheckResult = { at: string; error: string | null }

type Props = {
  connection: ConnectionView
  /** the last Check connection of this page, for an account whose checks are not recorded (medusa-config's) */
  localCheck: CheckResult | null
}

/** The account in effect: shop, masked token, where it comes from, API, when connected and checked, last notification. */
export const ConnectionDetails = ({ connection, localCheck }: Props) => {
  const t = useT()
  const format = useFormat()
  const stored = connection.account_source === "stored"
  const check: CheckResult | null = stored
    ? connection.checked_at
      ? { at: connection.checked_at, error: connection.check_error }
      : null
    : localCheck
  return (
    <div className="flex flex-col gap-y-2 px-6 py-4" data-testid="invoicebox-connection-details">
      <FieldRow label={t.shop} testId="invoicebox-merchant-id">
        {connection.merchant_id ?? "—"}
      </FieldRow>
      <FieldRow label={t.token} testId="invoicebox-token-masked">
        {connection.token_masked ?? "—"}
      </FieldRow>
      <FieldRow label={t.account} testId="invoicebox-account-source">
        {t.accountSource[connection.account_source]}
      </FieldRow>
      <FieldRow label={t.api}>
        {connection.api_prefix} · {connection.api_url}
      </FieldRow>
      {stored ? (
        <FieldRow label={t.connectedAt} testId="invoicebox-connected-at">
          {format.dateTime(connection.connected_at)}
        </FieldRow>
      ) : null}
      {stored || check ? (
        <FieldRow label={t.lastCheck} testId="invoicebox-last-check">
          {check ? (
            <>
              {format.dateTime(check.at)} ·{" "}
              {check.error === null ? (
                <span className="text-ui-tag-green-text" data-testid="invoicebox-check-ok">
                  {t.checkOk}
                </span>
              ) : (
                <span className="text-ui-fg-error" data-testid="invoicebox-check-error">
                  {check.error}
                </span>
              )}
            </>
          ) : (
            t.notChecked
          )}
        </FieldRow>
      ) : null}
      <FieldRow label={t.lastNotification} testId="invoicebox-last-notification-at">
        {connection.last_notification_at ? format.dateTime(connection.last_notification_at) : t.noneYet}
      </FieldRow>
      {connection.account_source === "options" ? (
        <Text size="xsmall" leading="compact" className="text-ui-fg-subtle" data-testid="invoicebox-options-hint">
          {t.optionsAccountHint}
        </Text>
      ) : null}
    </div>
  )
}
