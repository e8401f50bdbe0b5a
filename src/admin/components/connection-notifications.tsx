import { Alert, Copy, Text } from "@medusajs/ui"

import { useT } from "../lib/i18n"
import type { ConnectionView } from "../lib/types"
import { FieldRow } from "./field-row"
import { NotificationKeyForm } from "./notification-key-form"

type Props = {
  connection: ConnectionView
  /** connections cannot be stored (no connection key) */
  disabled: boolean
}

/**
 * How InvoiceBox tells the store about payments: the channel, the notification URL to paste into the
 * InvoiceBox personal account, the notification key (and, for the account connected here, its form).
 */
export const ConnectionNotifications = ({ connection, disabled }: Props) => {
  const t = useT()
  const channel = connection.notification_channel
  const channelHint =
    channel === "websocket"
      ? connection.notification_key_set
        ? t.channelWebsocketOption
        : t.channelWebsocketNoKey
      : channel === "both"
        ? t.channelBoth
        : null
  const stored = connection.account_source === "stored"
  return (
    <div className="flex flex-col gap-y-3 px-6 py-4" data-testid="invoicebox-notifications">
      <Text size="small" leading="compact" weight="plus">
        {t.notifications}
      </Text>
      <div className="flex flex-col gap-y-2">
        <FieldRow label={t.channel}>
          <span data-testid="invoicebox-channel" data-channel={channel}>
            {t.notificationChannel[channel]}
          </span>
        </FieldRow>
        {channelHint ? (
          <Text size="xsmall" leading="compact" className="text-ui-fg-subtle" data-testid="invoicebox-channel-hint">
            {channelHint}
          </Text>
        ) : null}
        <FieldRow label={t.notificationUrl}>
          {connection.notification_url ? (
            <span className="flex items-start gap-x-1">
              <span className="break-all font-mono" data-testid="invoicebox-notification-url">
                {connection.notification_url}
              </span>
              <Copy
                content={connection.notification_url}
                className="shrink-0"
                data-testid="invoicebox-notification-url-copy"
              />
            </span>
          ) : (
            "—"
          )}
        </FieldRow>
        {connection.notification_url ? (
          <Text size="xsmall" leading="compact" className="text-ui-fg-subtle">
            {t.notificationUrlHint}
          </Text>
        ) : channel !== "websocket" ? (
          <Text
            size="xsmall"
            leading="compact"
            className="text-ui-fg-error"
            data-testid="invoicebox-notification-url-missing"
          >
            {t.notificationUrlMissing}
          </Text>
        ) : null}
        <FieldRow label={t.notificationKey} testId="invoicebox-notification-key-set">
          {connection.notification_key_set ? t.keySet : t.keyNotSet}
        </FieldRow>
      </div>
      {connection.status === "needs_notification_key" && stored ? (
        <Alert variant="warning" data-testid="invoicebox-next-step">
          <div className="flex flex-col gap-y-1">
            <Text size="small" leading="compact" weight="plus">
              {t.nextStep}
            </Text>
            <Text size="small" leading="compact">
              {t.nextStepNotificationKey}
            </Text>
          </div>
        </Alert>
      ) : null}
      {connection.account_source === "options" && !connection.notification_key_set ? (
        <Text size="xsmall" leading="compact" className="text-ui-fg-subtle">
          {t.notificationKeyFromOptions}
        </Text>
      ) : null}
      {stored ? <NotificationKeyForm connection={connection} disabled={disabled} /> : null}
    </div>
  )
}
