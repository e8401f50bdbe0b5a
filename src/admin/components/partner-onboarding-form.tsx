import { Button, Input, Text, toast } from "@medusajs/ui"
import { useState, type FormEvent } from "react"

import { useActivatePartnerShop, useSendPartnerInvite } from "../hooks/use-invoicebox-connections"
import { errorMessage } from "../lib/errors"
import { useFormat } from "../lib/format"
import { useT } from "../lib/i18n"
import type { ConnectionView, InviteRequest, PendingInvite } from "../lib/types"
import { ErrorText } from "./error-text"
import { FormField } from "./form-field"

type Props = {
  connection: ConnectionView
  /** connections cannot be stored (no connection key) */
  disabled: boolean
}

/**
 * Partner onboarding: 1. InvoiceBox invites the store's owner (e-mail; phone, ИНН and company for the
 * record); 2. the owner enters the activation code InvoiceBox sent, and the new shop becomes the
 * provider's account (without a notification key: that is the next step).
 */
export const PartnerOnboardingForm = ({ connection, disabled }: Props) => {
  const t = useT()
  // after an invitation the activation step shows, unless the admin asks to send a new one
  const [reinvite, setReinvite] = useState(false)
  const pending = reinvite ? null : connection.pending_invite
  return (
    <div className="flex flex-col gap-y-3" data-testid="invoicebox-partner">
      <Text size="small" leading="compact" weight="plus">
        {t.partnerOnboarding}
      </Text>
      <Text size="xsmall" leading="compact" className="text-ui-fg-subtle">
        {t.partnerHint}
      </Text>
      {pending ? (
        <ActivationStep
          connection={connection}
          invite={pending}
          disabled={disabled}
          onNewInvite={() => setReinvite(true)}
        />
      ) : (
        <InviteStep
          connection={connection}
          disabled={disabled}
          onSent={() => setReinvite(false)}
          onBack={connection.pending_invite ? () => setReinvite(false) : undefined}
        />
      )}
    </div>
  )
}

type InviteStepProps = Props & {
  onSent: () => void
  /** back to the activation code of the invitation already sent */
  onBack?: () => void
}

const InviteStep = ({ connection, disabled, onSent, onBack }: InviteStepProps) => {
  const t = useT()
  const [email, setEmail] = useState("")
  const [phone, setPhone] = useState("")
  const [inn, setInn] = useState("")
  const [companyName, setCompanyName] = useState("")
  const invite = useSendPartnerInvite(connection.provider_id)
  const id = (field: string) => `invoicebox-invite-${field}-${connection.provider_id}`

  // mutateAsync: once the invitation is pending, this step gives way to the activation code (unmounts)
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    const optional = (value: string) => (value.trim() ? value.trim() : undefined)
    // an empty optional field is left out of the JSON
    const request: InviteRequest = {
      email: email.trim(),
      phone: optional(phone),
      inn: optional(inn),
      company_name: optional(companyName),
    }
    try {
      await invite.mutateAsync(request)
      setEmail("")
      setPhone("")
      setInn("")
      setCompanyName("")
      onSent()
      toast.success(t.inviteSent(request.email))
    } catch (error) {
      toast.error(t.inviteFailed, { description: errorMessage(error) })
    }
  }

  return (
    <form
      className="flex flex-col gap-y-3"
      onSubmit={(event) => void onSubmit(event)}
      data-testid="invoicebox-invite-form"
    >
      <FormField id={id("email")} label={t.ownerEmail}>
        <Input
          id={id("email")}
          size="small"
          type="email"
          autoComplete="off"
          disabled={disabled}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          data-testid="invoicebox-invite-email"
        />
      </FormField>
      <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
        <FormField id={id("phone")} label={`${t.phone} (${t.optional})`}>
          <Input
            id={id("phone")}
            size="small"
            type="tel"
            autoComplete="off"
            placeholder="+7 900 111-22-33"
            disabled={disabled}
            value={phone}
            onChange={(event) => setPhone(event.target.value)}
            data-testid="invoicebox-invite-phone"
          />
        </FormField>
        <FormField id={id("inn")} label={`${t.inn} (${t.optional})`}>
          <Input
            id={id("inn")}
            size="small"
            inputMode="numeric"
            autoComplete="off"
            disabled={disabled}
            value={inn}
            onChange={(event) => setInn(event.target.value)}
            data-testid="invoicebox-invite-inn"
          />
        </FormField>
      </div>
      <FormField id={id("company")} label={`${t.companyName} (${t.optional})`}>
        <Input
          id={id("company")}
          size="small"
          autoComplete="off"
          disabled={disabled}
          value={companyName}
          onChange={(event) => setCompanyName(event.target.value)}
          data-testid="invoicebox-invite-company"
        />
      </FormField>
      {invite.error ? <ErrorText message={errorMessage(invite.error)} testId="invoicebox-partner-error" /> : null}
      <div className="flex items-center justify-end gap-x-2">
        {onBack ? (
          <Button size="small" variant="transparent" type="button" onClick={onBack}>
            {t.cancel}
          </Button>
        ) : null}
        <Button
          size="small"
          variant="secondary"
          type="submit"
          disabled={disabled || email.trim() === ""}
          isLoading={invite.isPending}
          data-testid="invoicebox-invite-submit"
        >
          {t.sendInvite}
        </Button>
      </div>
    </form>
  )
}

type ActivationStepProps = Props & { invite: PendingInvite; onNewInvite: () => void }

const ActivationStep = ({ connection, invite, disabled, onNewInvite }: ActivationStepProps) => {
  const t = useT()
  const format = useFormat()
  const [code, setCode] = useState("")
  const activate = useActivatePartnerShop(connection.provider_id)
  const id = `invoicebox-activation-code-${connection.provider_id}`
  const company = [invite.company_name, invite.inn ? `${t.inn} ${invite.inn}` : null].filter(Boolean).join(", ")

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    try {
      const { connection: activated } = await activate.mutateAsync({ activation_code: code.trim() })
      setCode("")
      toast.success(t.activated(activated.merchant_id ?? "—"), { description: t.nextStepNotificationKey })
    } catch (error) {
      toast.error(t.activateFailed, { description: errorMessage(error) })
    }
  }

  return (
    <form
      className="flex flex-col gap-y-3"
      onSubmit={(event) => void onSubmit(event)}
      data-testid="invoicebox-activation-form"
    >
      <Text size="xsmall" leading="compact" className="text-ui-fg-subtle" data-testid="invoicebox-pending-invite">
        {t.invitedAt(invite.email, format.dateTime(invite.created_at))}
        {company ? ` · ${company}` : ""}
      </Text>
      <FormField id={id} label={t.activationCodePrompt(invite.email)}>
        <Input
          id={id}
          size="small"
          autoComplete="one-time-code"
          disabled={disabled}
          placeholder={t.activationCode}
          value={code}
          onChange={(event) => setCode(event.target.value)}
          data-testid="invoicebox-activation-code"
        />
      </FormField>
      {activate.error ? <ErrorText message={errorMessage(activate.error)} testId="invoicebox-partner-error" /> : null}
      <div className="flex items-center justify-end gap-x-2">
        <Button
          size="small"
          variant="transparent"
          type="button"
          onClick={onNewInvite}
          data-testid="invoicebox-new-invite"
        >
          {t.newInvite}
        </Button>
        <Button
          size="small"
          variant="secondary"
          type="submit"
          disabled={disabled || code.trim() === ""}
          isLoading={activate.isPending}
          data-testid="invoicebox-activate-submit"
        >
          {t.activate}
        </Button>
      </div>
    </form>
  )
}
