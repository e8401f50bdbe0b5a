import { Button, Input, Select, Text, toast } from "@medusajs/ui"
import { useState, type FormEvent } from "react"

import { useConnectCredentials } from "../hooks/use-invoicebox-connections"
import { errorMessage } from "../lib/errors"
import { useT } from "../lib/i18n"
import type { ApiPrefix, ConnectionView, ConnectRequest } from "../lib/types"
import { ErrorText } from "./error-text"
import { FormField } from "./form-field"

const API_PREFIXES: ApiPrefix[] = ["v3", "l3"]

const apiPrefixOf = (value: string): ApiPrefix => (value === "l3" ? "l3" : "v3")

type Props = {
  connection: ConnectionView
  /** connections cannot be stored (no connection key) */
  disabled: boolean
}

/**
 * Paste credentials: the shop id, its API token and (optionally) the notification key, checked with
 * InvoiceBox before anything is saved. A refused token shows InvoiceBox's error under the form and keeps
 * the inputs; a connected account clears them. The token is never shown back.
 */
export const ConnectCredentialsForm = ({ connection, disabled }: Props) => {
  const t = useT()
  const [merchantId, setMerchantId] = useState("")
  const [token, setToken] = useState("")
  const [notificationKey, setNotificationKey] = useState("")
  const [apiPrefix, setApiPrefix] = useState<ApiPrefix>(() => apiPrefixOf(connection.api_prefix))
  const connect = useConnectCredentials(connection.provider_id)
  const id = (field: string) => `invoicebox-connect-${field}-${connection.provider_id}`
  const ready = merchantId.trim() !== "" && token.trim() !== ""

  // mutateAsync: a connected account may move this form on the page (remount) before mutate's callbacks run
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    const request: ConnectRequest = {
      merchant_id: merchantId.trim(),
      token: token.trim(),
      // without a key (left out of the JSON) notifications come over the WebSocket gate
      notification_key: notificationKey.trim() || undefined,
      api_prefix: apiPrefix,
    }
    try {
      const { connection: connected } = await connect.mutateAsync(request)
      setMerchantId("")
      setToken("")
      setNotificationKey("")
      toast.success(t.connectedTo(connected.merchant_id ?? request.merchant_id))
    } catch (error) {
      toast.error(t.connectFailed, { description: errorMessage(error) })
    }
  }

  return (
    <form
      className="flex flex-col gap-y-3"
      onSubmit={(event) => void onSubmit(event)}
      data-testid="invoicebox-connect-form"
    >
      <Text size="small" leading="compact" weight="plus">
        {t.pasteCredentials}
      </Text>
      <Text size="xsmall" leading="compact" className="text-ui-fg-subtle">
        {t.credentialsHint}
      </Text>
      <FormField id={id("merchant-id")} label={t.merchantId}>
        <Input
          id={id("merchant-id")}
          size="small"
          autoComplete="off"
          spellCheck={false}
          placeholder="xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"
          disabled={disabled}
          value={merchantId}
          onChange={(event) => setMerchantId(event.target.value)}
          data-testid="invoicebox-connect-merchant-id"
        />
      </FormField>
      <FormField id={id("token")} label={t.apiToken}>
        <Input
          id={id("token")}
          size="small"
          type="password"
          autoComplete="off"
          disabled={disabled}
          value={token}
          onChange={(event) => setToken(event.target.value)}
          data-testid="invoicebox-connect-token"
        />
      </FormField>
      <FormField id={id("notification-key")} label={t.notificationKeyOptional} hint={t.notificationKeyOptionalHint}>
        <Input
          id={id("notification-key")}
          size="small"
          type="password"
          autoComplete="off"
          disabled={disabled}
          value={notificationKey}
          onChange={(event) => setNotificationKey(event.target.value)}
          data-testid="invoicebox-connect-notification-key"
        />
      </FormField>
      <FormField id={id("api-prefix")} label={t.apiPrefix}>
        <Select
          size="small"
          value={apiPrefix}
          onValueChange={(value) => setApiPrefix(apiPrefixOf(value))}
          disabled={disabled}
        >
          <Select.Trigger id={id("api-prefix")} data-testid="invoicebox-connect-api-prefix">
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            {API_PREFIXES.map((prefix) => (
              <Select.Item key={prefix} value={prefix}>
                {t.apiPrefixes[prefix]}
              </Select.Item>
            ))}
          </Select.Content>
        </Select>
      </FormField>
      {connect.error ? <ErrorText message={errorMessage(connect.error)} testId="invoicebox-connect-error" /> : null}
      <div className="flex justify-end">
        <Button
          size="small"
          type="submit"
          disabled={disabled || !ready}
          isLoading={connect.isPending}
          data-testid="invoicebox-connect-submit"
        >
          {t.connect}
        </Button>
      </div>
    </form>
  )
}
