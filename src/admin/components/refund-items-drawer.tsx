import { Button, Checkbox, Drawer, Input, Label, Table, Text, toast } from "@medusajs/ui"
import { useState } from "react"

import { usePreviewRefundItems, useRefundableItems, useRefundItems } from "../hooks/use-refund-items"
import { errorMessage } from "../lib/errors"
import { useFormat } from "../lib/format"
import { useT } from "../lib/i18n"
import type { RefundItemsChoice } from "../lib/types"
import { ErrorText } from "./error-text"

type Props = {
  paymentId: string
  orderId: string
  currencyCode: string
}

/**
 * Refund items: the payment's refundable goods with a quantity each (and the delivery), the refund
 * receipt they would make, and the refund — Medusa's own, itemized at InvoiceBox.
 */
export const RefundItemsDrawer = ({ paymentId, orderId, currencyCode }: Props) => {
  const t = useT()
  const format = useFormat()
  const [open, setOpen] = useState(false)
  const [quantities, setQuantities] = useState<Record<string, string>>({})
  const [includeShipping, setIncludeShipping] = useState(false)
  const refundable = useRefundableItems(paymentId, open)
  const preview = usePreviewRefundItems(paymentId)
  const refund = useRefundItems(paymentId, orderId)

  const goods = (refundable.data?.lines ?? []).filter((line) => !line.shipping)
  const hasShipping = (refundable.data?.lines ?? []).some((line) => line.shipping)
  const choice: RefundItemsChoice = {
    items: goods
      .map((line) => ({ sku: line.sku, quantity: Number(quantities[line.sku] ?? 0) }))
      .filter((item) => Number.isFinite(item.quantity) && item.quantity > 0),
    include_shipping: includeShipping,
  }
  const chosen = choice.items.length > 0 || choice.include_shipping

  const change = (update: () => void) => {
    update()
    preview.reset()
  }
  const confirm = () =>
    refund.mutate(choice, {
      onSuccess: (done) => {
        toast.success(t.refundDone, { description: format.money(done.amount, currencyCode) })
        setOpen(false)
        setQuantities({})
        setIncludeShipping(false)
        preview.reset()
      },
      onError: (error) => toast.error(t.refundFailed, { description: errorMessage(error) }),
    })

  return (
    <Drawer open={open} onOpenChange={setOpen}>
      <Drawer.Trigger asChild>
        <Button size="small" variant="secondary" data-testid="invoicebox-refund-items">
          {t.refundItems}
        </Button>
      </Drawer.Trigger>
      <Drawer.Content>
        <Drawer.Header>
          <Drawer.Title>{t.refundItems}</Drawer.Title>
          <Drawer.Description>{t.refundItemsHint}</Drawer.Description>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">
          {refundable.isPending ? <Text size="small">{t.loading}</Text> : null}
          {refundable.error ? <ErrorText message={errorMessage(refundable.error)} /> : null}
          {refundable.data && refundable.data.lines.length === 0 ? (
            <Text size="small">{t.nothingRefundable}</Text>
          ) : null}
          {goods.length > 0 ? (
            <Table>
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell>{t.item}</Table.HeaderCell>
                  <Table.HeaderCell>{t.left}</Table.HeaderCell>
                  <Table.HeaderCell>{t.toRefund}</Table.HeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {goods.map((line) => (
                  <Table.Row key={line.sku}>
                    <Table.Cell className="whitespace-normal">{line.name}</Table.Cell>
                    <Table.Cell className="whitespace-nowrap">
                      {line.quantity} × {format.money(line.unit_amount, currencyCode)}
                    </Table.Cell>
                    <Table.Cell>
                      <Input
                        size="small"
                        type="number"
                        min={0}
                        max={line.quantity}
                        step="any"
                        className="w-20"
                        aria-label={`${t.toRefund}: ${line.name}`}
                        data-testid={`invoicebox-refund-quantity-${line.sku}`}
                        value={quantities[line.sku] ?? ""}
                        onChange={(event) =>
                          change(() => setQuantities((all) => ({ ...all, [line.sku]: event.target.value })))
                        }
                      />
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          ) : null}
          {hasShipping ? (
            <div className="flex items-center gap-x-2">
              <Checkbox
                id="invoicebox-refund-shipping"
                checked={includeShipping}
                onCheckedChange={(checked) => change(() => setIncludeShipping(checked === true))}
              />
              <Label htmlFor="invoicebox-refund-shipping" size="small">
                {t.includeShipping}
              </Label>
            </div>
          ) : null}
          {preview.data ? (
            <div className="flex flex-col gap-y-2" data-testid="invoicebox-refund-receipt">
              <Text size="small" weight="plus">
                {t.receipt}
              </Text>
              <Table>
                <Table.Body>
                  {preview.data.lines.map((line, index) => (
                    <Table.Row key={`${line.sku}-${index}`}>
                      <Table.Cell className="whitespace-normal">
                        {line.name} × {line.quantity}
                      </Table.Cell>
                      <Table.Cell className="whitespace-nowrap">
                        {t.vat} {format.money(line.vat_amount, currencyCode)}
                      </Table.Cell>
                      <Table.Cell className="whitespace-nowrap text-right">
                        {format.money(line.total_amount, currencyCode)}
                      </Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
              <Text size="small" weight="plus" className="text-right" data-testid="invoicebox-refund-total">
                {t.total}: {format.money(preview.data.amount, currencyCode)}
              </Text>
            </div>
          ) : null}
          {preview.error ? <ErrorText message={errorMessage(preview.error)} /> : null}
        </Drawer.Body>
        <Drawer.Footer>
          <Drawer.Close asChild>
            <Button size="small" variant="secondary">
              ✕
            </Button>
          </Drawer.Close>
          {preview.data ? (
            <Button size="small" isLoading={refund.isPending} onClick={confirm} data-testid="invoicebox-refund-confirm">
              {t.confirmRefund} {format.money(preview.data.amount, currencyCode)}
            </Button>
          ) : (
            <Button
              size="small"
              disabled={!chosen}
              isLoading={preview.isPending}
              onClick={() => preview.mutate(choice)}
              data-testid="invoicebox-refund-preview"
            >
              {t.previewRefund}
            </Button>
          )}
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}
