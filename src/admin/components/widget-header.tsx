import { Button, Heading } from "@medusajs/ui"

import { useT } from "../lib/i18n"

type Props = {
  syncing: boolean
  onSync: () => void
}

/** "InvoiceBox" and the Sync button. */
export const WidgetHeader = ({ syncing, onSync }: Props) => {
  const t = useT()
  return (
    <div className="flex items-center justify-between gap-x-2 px-6 py-4">
      <Heading level="h2">InvoiceBox</Heading>
      <Button size="small" variant="secondary" isLoading={syncing} onClick={onSync} data-testid="invoicebox-sync">
        {t.sync}
      </Button>
    </div>
  )
}
