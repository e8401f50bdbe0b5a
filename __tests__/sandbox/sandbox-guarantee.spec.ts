/**
 * Guarantee payments (merchant/guarantee/*): validate, send-code and pay with the payer's code, the
 * payer's fund, and DELETE reversing a guarantee payment that nothing was shipped or refunded against
 * (merchant/order/delete.md).
 */
import type { Customer, Order } from "../../src/invoicebox/types"
import { startSandbox, type RunningSandbox } from "../../src/sandbox"
import { NotificationReceiver } from "../helpers/receiver"
import { expectApiError, sandboxApi, type SandboxApi } from "./sandbox-client"

const payer: Customer = { type: "legal", name: "ООО «Ромашка»", vatNumber: "2323232323", email: "buh@example.com" }
const body = { paymentMethodId: "39363265", languageId: "ru", customer: payer }

let receiver: NotificationReceiver
let sandbox: RunningSandbox
let ib: SandboxApi

beforeAll(async () => {
  receiver = await new NotificationReceiver().start()
  sandbox = await startSandbox({
    port: 0,
    quiet: true,
    rateLimit: false,
    defaultNotificationUrl: receiver.url,
    // one order of the test basket (≈ 1 800 ₽) fits, two do not
    guaranteeFund: 3_000,
    guaranteeCodeResendMs: 0,
  })
  ib = sandboxApi(sandbox)
})
afterAll(async () => {
  await sandbox.close()
  await receiver.close()
})
beforeEach(() => {
  sandbox.reset()
  receiver.clear()
})

const action = (order: Order, name: "validate" | "send-code" | "pay", request: object = body) =>
  ib.api.post(`/v3/billing/api/order/${order.id}/payment-method-action/${name}`, request)
const codeOf = async (order: Order) => (await ib.api.get(`/_sandbox/orders/${order.id}/guarantee-code`)).data

async function payWithGuarantee(order: Order): Promise<void> {
  const sent = await action(order, "send-code")
  expect(sent.data.data.result).toBe("success")
  const paid = await action(order, "pay", { ...body, customerPaymentData: await codeOf(order) })
  expect(paid.data.data).toEqual({ type: "none", result: "success", resultData: {} })
}

describe("validate", () => {
  it("available for a registered payer whose fund holds the amount, as the docs' example answers", async () => {
    const order = await ib.createOrder({ customer: payer })
    const res = await action(order, "validate")
    expect(res.data.data).toEqual({
      type: "none",
      result: "available",
      resultData: { url: "", method: "POST", arguments: [] },
    })
  })

  it("notRegistered without a valid ИНН; notEnoughMoney once the fund is spent", async () => {
    const first = await ib.createOrder({ customer: payer })
    expect((await action(first, "validate", { ...body, customer: { name: "Иван" } })).data.data.result).toBe(
      "notRegistered"
    )
    await payWithGuarantee(first)
    const second = await ib.createOrder({ customer: payer })
    expect((await action(second, "validate")).data.data.result).toBe("notEnoughMoney")
  })

  it("refuses a request without paymentMethodId or customer, and a paid order", async () => {
    const order = await ib.createOrder()
    const fields = expectApiError(await action(order, "validate", {}), 422, "validation_error")
    expect(fields.map((field) => field.name).sort()).toEqual(["customer", "paymentMethodId"])
    await ib.pay(order.id)
    expectApiError(await action(order, "validate"), 422, "wrong_order_status")
  })
})

describe("send-code", () => {
  it("counts the sends left and stops after five", async () => {
    const order = await ib.createOrder({ customer: payer })
    const lefts: number[] = []
    for (let i = 0; i < 5; i++) {
      const res = await action(order, "send-code")
      expect(res.data.data.result).toBe("success")
      lefts.push(res.data.data.resultData.leftAttempt)
    }
    expect(lefts).toEqual([4, 3, 2, 1, 0])
    expect((await action(order, "send-code")).data.data).toMatchObject({
      result: "error",
      resultData: { leftAttempt: 0 },
    })
  })

  it("answers codeAlreadySent with the same publicCode while the code may not be sent again", async () => {
    const slow = await startSandbox({ port: 0, quiet: true, rateLimit: false, guaranteeCodeResendMs: 60_000 })
    try {
      const api = sandboxApi(slow)
      const order = await api.createOrder({ customer: payer })
      const url = `/v3/billing/api/order/${order.id}/payment-method-action/send-code`
      const first = (await api.api.post(url, body)).data.data
      const again = (await api.api.post(url, body)).data.data
      expect(again).toEqual({ ...first, result: "codeAlreadySent" })
    } finally {
      await slow.close()
    }
  })
})

describe("pay", () => {
  it("pays with the right code, notifies the payment, and then answers alreadyPaid", async () => {
    const order = await ib.createOrder({ customer: payer })
    await payWithGuarantee(order)
    await receiver.waitFor(1)
    expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({ id: order.id, status: "completed" })
    expect((await ib.api.get(`/_sandbox/orders/${order.id}`)).data).toMatchObject({
      status: "completed",
      guaranteePayer: payer.vatNumber,
    })
    expect(
      (await action(order, "pay", { ...body, customerPaymentData: { publicCode: "x", code: "y" } })).data.data.result
    ).toBe("alreadyPaid")
  })

  it("answers wrongCode, then limitReached after three wrong codes, even for the right one", async () => {
    const order = await ib.createOrder({ customer: payer })
    await action(order, "send-code")
    const { publicCode, code } = await codeOf(order)
    const results: string[] = []
    for (let i = 0; i < 3; i++) {
      results.push(
        (await action(order, "pay", { ...body, customerPaymentData: { publicCode, code: "000000x" } })).data.data.result
      )
    }
    expect(results).toEqual(["wrongCode", "wrongCode", "limitReached"])
    expect((await action(order, "pay", { ...body, customerPaymentData: { publicCode, code } })).data.data.result).toBe(
      "limitReached"
    )
  })

  it("tells the payer in a message when the fund does not hold the amount", async () => {
    const first = await ib.createOrder({ customer: payer })
    await payWithGuarantee(first)
    const second = await ib.createOrder({ customer: payer })
    await action(second, "send-code")
    const res = await action(second, "pay", { ...body, customerPaymentData: await codeOf(second) })
    expect(res.data.data).toEqual({
      type: "message",
      result: "notEnoughMoney",
      resultData: { message: { title: "Недостаточно средств", message: expect.any(String) } },
    })
  })
})

describe("DELETE reverses a guarantee payment", () => {
  it("cancels an unshipped guarantee-paid order and gives the payer's fund the money back", async () => {
    const first = await ib.createOrder({ customer: payer })
    await payWithGuarantee(first)
    const second = await ib.createOrder({ customer: payer })
    expect((await action(second, "validate")).data.data.result).toBe("notEnoughMoney")

    const canceled = await ib.api.delete(`/v3/billing/api/order/order/${first.id}`)
    expect(canceled.status).toBe(200)
    expect(canceled.data.data.status).toBe("canceled")
    expect((await ib.api.get(`/v3/billing/api/order/order/${first.id}/refund-basket-item`)).data.data).toEqual([])
    expect((await action(second, "validate")).data.data.result).toBe("available")
  })

  it("refuses once something was shipped, and for an order paid by card", async () => {
    const shipped = await ib.createOrder({ customer: payer })
    await ib.pay(shipped.id, "notify=none&method=guarantee")
    await ib.api.post("/v3/billing/api/order/shipment", {
      orderId: shipped.id,
      basketItems: shipped.basketItems.slice(0, 1),
    })
    expectApiError(await ib.api.delete(`/v3/billing/api/order/order/${shipped.id}`), 422, "wrong_order_status")

    const byCard = await ib.createOrder({ customer: payer })
    await ib.pay(byCard.id)
    expectApiError(await ib.api.delete(`/v3/billing/api/order/order/${byCard.id}`), 422, "wrong_order_status")
  })

  it("the control API's guarantee payment needs a payer with a valid ИНН", async () => {
    const order = await ib.createOrder({ customer: { type: "private", email: "a@example.com" } })
    expectApiError(await ib.api.post(`/_sandbox/orders/${order.id}/pay?method=guarantee`), 422, "validation_error")
    const paid = await ib.api.post(`/_sandbox/orders/${order.id}/pay?notify=none&method=guarantee&payer=500100732259`)
    expect(paid.data.order.status).toBe("completed")
  })
})
