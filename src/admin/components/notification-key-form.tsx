import { Button, Input, toast } from "@medusajs/ui"
import { useState, type FormEvent } from "react"

import { useSetNotificationKey } from "../hooks/use-invoicebox-connections"
import { errorMessage } from "../lib/errors"
import { useT } from "../lib/i18n"
import type { ConnectionView } from "../lib/types"
import { ErrorText } from "./error-text"
import { FormField } from "./form-field"

type Props = {
  connection: ConnectionView
  /** connections cannot be stored (no connection key) */
  disabled: boolean
}

/**
 * Set (or rotate) the notification key of the account connected here: the one set in the InvoiceBox
 * personal account; from then on only it verifies notifications. The key is never shown back.
 */
export const NotificationKeyForm = ({ connection, disabled }: Props) => {
  const t = useT()
  const [key, setKey] = useState("")
  const save = useSetNotificationKey(connection.provider_id)
  const id = `invoicebox-notification-key-${connection.provider_id}`
  const action = connection.notification_key_set ? t.rotateNotificationKey : t.setNotificationKey

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    try {
      await save.mutateAsync({ notification_key: key.trim() })
      setKey("")
      toast.success(t.notificationKeySaved)
    } catch (error) {
      toast.error(t.notificationKeyFailed, { description: errorMessage(error) })
    }
  }

  return (
    <form
      className="flex flex-col gap-y-2"
      onSubmit={(event) => void onSubmit(event)}
      data-testid="invoicebox-notification-key-form"
    >
      <FormField id={id} label={t.newNotificationKey} hint={t.notificationKeyHint}>
        <div className="flex items-center gap-x-2">
          <div className="min-w-0 flex-1">
            <Input
              id={id}
              size="small"
              type="password"
              autoComplete="off"
              disabled={disabled}
              value={key}
              onChange={(event) => setKey(event.target.value)}
              data-testid="invoicebox-notification-key-input"
            />
          </div>
          <Button
            size="small"
            variant="secondary"
            type="submit"
            className="shrink-0"
            disabled={disabled || key.trim() === ""}
            isLoading={save.isPending}
            data-testid="invoicebox-notification-key-submit"
          >
            {action}
          </Button>
        </div>
      </FormField>
      {save.error ? <ErrorText message={errorMessage(save.error)} testId="invoicebox-notification-key-error" /> : null}
    </form>
  )
}
