/**
 * The state file keeps what a refund took from each line and who paid by guarantee: after a restart a
 * refund can still be canceled (its lines come back) and a guarantee payment still be reversed.
 */
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

import type { Order, RefundOrder } from "../../src/invoicebox/types"
import { startSandbox } from "../../src/sandbox"
import { sandboxApi } from "./sandbox-client"

const start = (stateFile: string) =>
  startSandbox({ port: 0, quiet: true, rateLimit: false, stateFile, refundCompletion: "manual" })

it("a refund canceled and a guarantee payment reversed after a restart", async () => {
  const stateFile = join(mkdtempSync(join(tmpdir(), "sandbox-state-")), "state.json")
  const first = await start(stateFile)
  let order: Order
  let byGuarantee: Order
  let refund: RefundOrder
  let refundableBefore: unknown
  try {
    const ib = sandboxApi(first)
    order = await ib.createOrder()
    await ib.pay(order.id)
    refundableBefore = (await ib.api.get(`/v3/billing/api/order/order/${order.id}/refund-basket-item`)).data.data
    const line = order.basketItems[0]!
    refund = (
      await ib.api.post("/v3/billing/api/order/refund-order", {
        parentId: order.id,
        merchantOrderId: "r-1",
        description: "Возврат",
        amount: line.totalAmount,
        vatAmount: line.totalVatAmount,
        basketItems: [line],
      })
    ).data.data
    byGuarantee = await ib.createOrder()
    await ib.pay(byGuarantee.id, "notify=none&method=guarantee&payer=7707083893")
  } finally {
    await first.close()
  }

  const second = await start(stateFile)
  try {
    const ib = sandboxApi(second)
    expect((await ib.api.post(`/_sandbox/refunds/${refund.id}/cancel`)).data.status).toBe("canceled")
    expect((await ib.api.get(`/v3/billing/api/order/order/${order.id}/refund-basket-item`)).data.data).toEqual(
      refundableBefore
    )
    const reversed = await ib.api.delete(`/v3/billing/api/order/order/${byGuarantee.id}`)
    expect(reversed.data.data.status).toBe("canceled")
  } finally {
    await second.close()
  }
})
