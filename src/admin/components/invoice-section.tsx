import { Button, Checkbox, Input, Label, Text, toast } from "@medusajs/ui"
import { useState } from "react"

import { useIssueInvoice } from "../hooks/use-invoicebox-invoice"
import { errorMessage } from "../lib/errors"
import { useFormat } from "../lib/format"
import { useT } from "../lib/i18n"
import { ErrorText } from "./error-text"

type Props = {
  orderId: string
  /** what the order still owes (the order summary's pending difference) */
  outstanding: number
  currencyCode: string
}

/**
 * Issue InvoiceBox invoice, for an order that owes money (an order edit, a draft order, an exchange):
 * the amount, "send to the customer", then the payment link with a copy button and its basket.
 */
export const InvoiceSection = ({ orderId, outstanding, currencyCode }: Props) => {
  const t = useT()
  const format = useFormat()
  const [sendEmail, setSendEmail] = useState(false)
  const issue = useIssueInvoice(orderId)
  const result = issue.data

  const onIssue = () =>
    issue.mutate(
      { send_email: sendEmail },
      {
        onSuccess: ({ reused }) => toast.success(reused ? t.invoiceReused : t.invoiceIssued),
        onError: (error) => toast.error(t.invoiceFailed, { description: errorMessage(error) }),
      }
    )

  const onCopy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url)
      toast.success(t.linkCopied)
    } catch {
      toast.error(t.copyFailed)
    }
  }

  return (
    <div className="flex flex-col gap-y-3 px-6 py-4" data-testid="invoicebox-invoice">
      <div className="flex items-center justify-between gap-x-2">
        <Text size="small" leading="compact" weight="plus">
          {t.outstanding}: {format.money(outstanding, currencyCode)}
        </Text>
        <Button
          size="small"
          variant="secondary"
          isLoading={issue.isPending}
          onClick={onIssue}
          data-testid="invoicebox-issue-invoice"
        >
          {t.issueInvoice}
        </Button>
      </div>
      <div className="flex items-center gap-x-2">
        <Checkbox
          id={`invoicebox-invoice-email-${orderId}`}
          checked={sendEmail}
          onCheckedChange={(checked) => setSendEmail(checked === true)}
        />
        <Label htmlFor={`invoicebox-invoice-email-${orderId}`} size="small">
          {t.sendToCustomer}
        </Label>
      </div>
      {issue.error ? <ErrorText message={errorMessage(issue.error)} /> : null}
      {result ? (
        <div className="flex flex-col gap-y-2" data-testid="invoicebox-invoice-result">
          <Text size="small" leading="compact" className="text-ui-fg-subtle">
            {result.reused ? t.invoiceReused : t.invoiceIssued}:{" "}
            {format.money(result.invoice.amount, result.invoice.currency_code)}
          </Text>
          <Label size="small">{t.paymentLink}</Label>
          <div className="flex items-center gap-x-2">
            <Input size="small" readOnly value={result.invoice.payment_url} data-testid="invoicebox-invoice-link" />
            <Button size="small" variant="secondary" onClick={() => void onCopy(result.invoice.payment_url)}>
              {t.copyLink}
            </Button>
          </div>
          <ul className="flex flex-col gap-y-1">
            {result.invoice.basket.map((line, index) => (
              <li key={index}>
                <Text size="xsmall" leading="compact" className="text-ui-fg-subtle">
                  {line.name} × {line.quantity} — {format.money(line.total, result.invoice.currency_code)}
                </Text>
              </li>
            ))}
          </ul>
          {result.itemized ? null : (
            <Text size="xsmall" leading="compact" className="text-ui-fg-muted">
              {t.invoiceGeneric}
            </Text>
          )}
          {result.email ? (
            <Text size="xsmall" leading="compact" className="text-ui-fg-subtle">
              {result.email.sent && result.email.to
                ? t.emailSent(result.email.to)
                : `${t.emailNotSent}${result.email.error ? `: ${result.email.error}` : ""}`}
            </Text>
          ) : null}
        </div>
      ) : null}
    </div>
  )
}
