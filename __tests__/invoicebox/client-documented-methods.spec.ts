/**
 * The client's methods for the rest of the documented API, through the real client against the real
 * sandbox: an order by id, an order's shipments, refund order status, counterparty detail, correction
 * orders (a refund with a fee), merchant move, agent orders and guarantee payments.
 */
import type { Server } from "node:http"
import { createServer } from "node:http"

import axios from "axios"

import { InvoiceboxClient, type InvoiceboxRequestLog } from "../../src/invoicebox/client"
import { InvoiceboxApiError, InvoiceboxError } from "../../src/invoicebox/errors"
import { allocateRefund } from "../../src/invoicebox/refund-allocation"
import { DEMO_SHOP, type BasketItem, type CreateOrderRequest, type Order } from "../../src/invoicebox/types"
import { startSandbox, type RunningSandbox } from "../../src/sandbox"
import { closeServer, listenLocally } from "../helpers/local-server"
import { orderRequest } from "../helpers/orders"

let sandbox: RunningSandbox
let manual: RunningSandbox
let logs: InvoiceboxRequestLog[]

const clientOf = (target: RunningSandbox | string): InvoiceboxClient =>
  new InvoiceboxClient({
    token: DEMO_SHOP.token,
    baseUrl: typeof target === "string" ? target : target.url,
    retry: { maxAttempts: 1 },
    rateLimit: false,
    logger: (entry) => logs.push(entry),
  })

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, quiet: true, rateLimit: false })
  manual = await startSandbox({ port: 0, quiet: true, rateLimit: false, refundCompletion: "manual" })
})
afterAll(async () => {
  await sandbox.close()
  await manual.close()
})
beforeEach(() => {
  sandbox.reset()
  manual.reset()
  logs = []
})

const pay = (on: RunningSandbox, id: string) => axios.post(`${on.url}/_sandbox/orders/${id}/pay?notify=none`)

async function paidOrder(on: RunningSandbox, client: InvoiceboxClient): Promise<Order> {
  const order = await client.createOrder(orderRequest())
  await pay(on, order.id)
  return order
}

function refundOf(order: Order, merchantOrderId: string, amount: string) {
  const allocation = allocateRefund(order.basketItems, amount)
  return {
    parentId: order.id,
    merchantOrderId,
    description: "Возврат",
    amount: allocation.amount / 100,
    vatAmount: allocation.vatAmount / 100,
    basketItems: allocation.items,
  }
}

/** A one-line fee order (a correction) for `amount` roubles without VAT. */
function feeRequest(amount: number, overrides: Partial<CreateOrderRequest> = {}): CreateOrderRequest {
  const line: BasketItem = {
    sku: "refund-fee",
    name: "Сбор за оформление возврата",
    measure: "шт",
    measureCode: "796",
    quantity: 1,
    amount,
    amountWoVat: amount,
    totalAmount: amount,
    totalVatAmount: 0,
    vatCode: "VATNONE",
    type: "service",
    paymentType: "full_payment",
  }
  return orderRequest({ amount, vatAmount: 0, basketItems: [line], description: "Сбор за возврат", ...overrides })
}

describe("orders by id", () => {
  it("reads an order from GET /billing/api/order/order/:id, null for an unknown id", async () => {
    const client = clientOf(sandbox)
    const order = await client.createOrder(orderRequest())
    expect(await client.getOrderById(order.id)).toEqual(order)
    expect(logs.at(-1)).toMatchObject({ method: "GET", path: `/v3/billing/api/order/order/${order.id}`, status: 200 })
    expect(await client.getOrderById("00000000-0000-0000-0000-000000000000")).toBeNull()
  })
})

describe("shipments of an order", () => {
  it("reads every shipment of the order from GET /billing/api/order/shipment?orderId=, no other order's", async () => {
    const client = clientOf(sandbox)
    const order = await paidOrder(sandbox, client)
    const other = await paidOrder(sandbox, client)
    await client.createShipment({ orderId: other.id, basketItems: other.basketItems })
    const [first, ...rest] = order.basketItems
    const partial = await client.createShipment({ orderId: order.id, basketItems: [first!] })
    const last = await client.createShipment({ orderId: order.id, basketItems: rest, final: true })
    expect(partial).toMatchObject({ status: "completed", final: false, type: "partial", amount: first!.totalAmount })
    expect(last).toMatchObject({ status: "completed", final: true, type: "full" })

    logs = []
    expect(await client.getShipmentsByOrderId(order.id)).toEqual([partial, last])
    expect(logs.map((entry) => entry.path)).toEqual(["/v3/billing/api/order/shipment"])
  })
})

describe("refund order status", () => {
  it("follows a refund from created to completed when InvoiceBox completes it later", async () => {
    const client = clientOf(manual)
    const order = await paidOrder(manual, client)
    const refund = await client.createRefundOrder(refundOf(order, "r-1", "100.00"))
    expect(refund.status).toBe("created")
    expect((await client.getRefundOrder(refund.id))?.status).toBe("created")
    await axios.post(`${manual.url}/_sandbox/refunds/${refund.id}/complete`)
    expect((await client.getRefundOrder(refund.id))?.status).toBe("completed")
    expect(await client.getRefundOrder("00000000-0000-0000-0000-000000000000")).toBeNull()
  })
})

describe("counterparty detail", () => {
  it("finds a company and an individual entrepreneur by ИНН", async () => {
    const client = clientOf(sandbox)
    const [company] = await client.getCounterpartyDetails("7707083893")
    expect(company).toMatchObject({
      vatNumber: "7707083893",
      taxRegistrationReasonCode: expect.stringMatching(/^7707\d{5}$/),
      name: expect.stringMatching(/^ООО «.+»$/),
      registrationNumber: expect.stringMatching(/^1\d{12}$/),
    })
    const [entrepreneur] = await client.getCounterpartyDetails("500100732259")
    expect(entrepreneur).toMatchObject({ vatNumber: "500100732259", name: expect.stringMatching(/^ИП /) })
    expect(entrepreneur).not.toHaveProperty("taxRegistrationReasonCode")
  })

  it("refuses an ИНН with wrong check digits before sending anything", async () => {
    const client = clientOf(sandbox)
    const error = await client.getCounterpartyDetails("7707083894").catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InvoiceboxError)
    expect((error as InvoiceboxError).code).toBe("invalid_inn")
    expect(logs).toEqual([])
  })
})

describe("correction orders: a refund with a fee", () => {
  it("makes the draft refund and its fee order; the refund goes ahead, the fee is settled", async () => {
    const client = clientOf(sandbox)
    const order = await paidOrder(sandbox, client)
    const request = { refund: refundOf(order, "r-fee", "500.00"), fee: feeRequest(50) }
    const { refund, correction } = await client.refundWithFee(request)
    expect(correction).toMatchObject({ parentId: refund.id, subtype: "correction", status: "completed", amount: 50 })
    expect(refund).toMatchObject({ amount: 500, status: "completed" })
    // repeated with the same merchantOrderIds: the same two documents, nothing made twice
    const again = await client.refundWithFee(request)
    expect(again).toEqual({ refund, correction })
    expect((await client.listOrders({ filter: { parentId: refund.id } })).items).toHaveLength(1)
  })

  it("with refunds completed later, the corrected draft becomes created", async () => {
    const client = clientOf(manual)
    const order = await paidOrder(manual, client)
    const draft = await client.createRefundOrder({ ...refundOf(order, "r-draft", "300.00"), status: "draft" })
    expect(draft.status).toBe("draft")
    await client.createCorrectionOrder({ ...feeRequest(30), parentId: draft.id })
    expect((await client.getRefundOrder(draft.id))?.status).toBe("created")
  })

  it("refuses a correction of a refund that is not a draft, or bigger than the refund", async () => {
    const client = clientOf(sandbox)
    const order = await paidOrder(sandbox, client)
    const done = await client.createRefundOrder(refundOf(order, "r-done", "100.00"))
    const notDraft = await client.createCorrectionOrder({ ...feeRequest(10), parentId: done.id }).catch((e) => e)
    expect(notDraft).toBeInstanceOf(InvoiceboxApiError)
    expect((notDraft as InvoiceboxApiError).code).toBe("wrong_order_status")
    const draft = await client.createRefundOrder({ ...refundOf(order, "r-small", "20.00"), status: "draft" })
    const tooBig = await client.createCorrectionOrder({ ...feeRequest(25), parentId: draft.id }).catch((e) => e)
    expect((tooBig as InvoiceboxApiError).code).toBe("wrong_total_amount")
  })
})

describe("merchant move", () => {
  it("moves a paid order to another shop; a canceled one stays", async () => {
    const client = clientOf(sandbox)
    const order = await paidOrder(sandbox, client)
    const shop = "0195a0c4-1c2e-7d3b-9a4f-5e6d7c8b9a01"
    const moved = await client.moveOrderToMerchant({ orderId: order.id, merchantId: shop })
    expect(moved).toMatchObject({ id: order.id, merchantId: shop, status: "completed" })
    expect((await client.getOrderById(order.id))?.merchantId).toBe(shop)

    const canceled = await client.createOrder(orderRequest())
    await client.cancelOrder(canceled.id)
    const error = await client.moveOrderToMerchant({ orderId: canceled.id, merchantId: shop }).catch((e) => e)
    expect((error as InvoiceboxApiError).code).toBe("wrong_order_status")
  })
})

describe("agent orders", () => {
  it("creates an order for a seller named by ИНН and КПП", async () => {
    const client = clientOf(sandbox)
    const [seller] = await client.getCounterpartyDetails("7707083893")
    const { merchantId: _merchantId, ...request } = orderRequest()
    const order = await client.createAgentOrder({
      ...request,
      seller: {
        type: "counterparty",
        vatNumber: seller!.vatNumber,
        taxRegistrationReasonCode: seller!.taxRegistrationReasonCode,
      },
    })
    expect(order).toMatchObject({
      status: "created",
      merchantOrderId: request.merchantOrderId,
      seller: { type: "counterparty", countryId: "RUS", vatNumber: "7707083893" },
    })
    expect(logs.at(-1)).toMatchObject({ method: "POST", path: "/v3/adapter/api/subagent/order", status: 200 })
  })

  it("refuses a seller InvoiceBox does not know", async () => {
    const client = clientOf(sandbox)
    const error = await client
      .createAgentOrder({
        ...orderRequest(),
        seller: { type: "counterparty", vatNumber: "7707083893", taxRegistrationReasonCode: "770799999" },
      })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InvoiceboxApiError)
    expect((error as InvoiceboxApiError).fields.map((field) => field.name)).toEqual(["seller.vatNumber"])
  })
})

describe("guarantee payments", () => {
  const payer = { type: "legal" as const, name: "ООО «Вектор»", vatNumber: "7707083893", email: "buh@example.com" }
  const request = { paymentMethodId: "39363265", languageId: "ru" as const, customer: payer }

  it("validates, sends the code and pays with it; DELETE then reverses the unshipped payment", async () => {
    const client = clientOf(sandbox)
    const order = await client.createOrder(orderRequest({ customer: payer }))
    expect(await client.validateGuaranteePayment(order.id, request)).toMatchObject({ result: "available" })

    const sent = await client.sendGuaranteeCode(order.id, request)
    expect(sent).toEqual({
      type: "none",
      result: "success",
      resultData: { publicCode: expect.any(String), leftAttempt: 4 },
    })
    expect((await client.sendGuaranteeCode(order.id, request)).result).toBe("codeAlreadySent")

    const wrong = await client.payWithGuarantee(order.id, {
      ...request,
      customerPaymentData: { publicCode: sent.resultData.publicCode, code: "not-it" },
    })
    expect(wrong.result).toBe("wrongCode")
    const { code } = (await axios.get(`${sandbox.url}/_sandbox/orders/${order.id}/guarantee-code`)).data as {
      code: string
    }
    const paid = await client.payWithGuarantee(order.id, {
      ...request,
      customerPaymentData: { publicCode: sent.resultData.publicCode, code },
    })
    expect(paid).toEqual({ type: "none", result: "success", resultData: {} })
    expect((await client.getOrderById(order.id))?.status).toBe("completed")
    expect(
      (await client.payWithGuarantee(order.id, { ...request, customerPaymentData: { publicCode: "x", code } })).result
    ).toBe("alreadyPaid")

    expect((await client.cancelOrder(order.id)).status).toBe("canceled")
  })

  it("answers notRegistered for a payer without a valid ИНН", async () => {
    const client = clientOf(sandbox)
    const order = await client.createOrder(orderRequest())
    const validation = await client.validateGuaranteePayment(order.id, {
      ...request,
      customer: { ...payer, vatNumber: "7707083894" },
    })
    expect(validation.result).toBe("notRegistered")
  })
})

describe("refunds within the basket read availableAmount", () => {
  let server: Server
  let refundBody: { amount: number; basketItems: Array<Record<string, unknown>> } | undefined

  // an API whose refundable line keeps its original figures and says in availableAmount what is left
  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on("data", (chunk: Buffer) => chunks.push(chunk))
      req.on("end", () => {
        const send = (body: unknown) =>
          res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(body))
        const path = (req.url ?? "").split("?")[0]
        if (req.method === "GET" && path === "/v3/filter/api/order/refund-order") return send({ data: [] })
        if (req.method === "GET" && path!.endsWith("/refund-basket-item")) {
          return send({
            data: [
              {
                sku: "TEA",
                name: "Чай",
                measure: "шт",
                measureCode: "796",
                quantity: 3,
                amount: 122,
                amountWoVat: 100,
                totalAmount: 366,
                totalVatAmount: 66,
                availableAmount: 244,
                availableVatAmount: 44,
                vatCode: "RUS_VAT22",
                type: "commodity",
                paymentType: "full_prepayment",
              },
            ],
          })
        }
        refundBody = JSON.parse(Buffer.concat(chunks).toString("utf8")) as typeof refundBody
        return send({ data: { id: "refund-1", status: "created", ...refundBody } })
      })
    })
    const url = await listenLocally(server)
    refundBody = undefined
    const client = clientOf(url)
    await client.refundWithinBasket({ parentId: "order-1", merchantOrderId: "rest", description: "Возврат остатка" })
  })
  afterAll(() => closeServer(server))

  it("refunds what is left, not the line's original total, and sends no availability fields", () => {
    expect(refundBody?.amount).toBe(244)
    expect(refundBody?.basketItems.reduce((sum, line) => sum + Number(line.totalVatAmount), 0)).toBe(44)
    for (const line of refundBody?.basketItems ?? []) {
      expect(line).not.toHaveProperty("availableAmount")
      expect(line).not.toHaveProperty("availableVatAmount")
    }
  })
})
