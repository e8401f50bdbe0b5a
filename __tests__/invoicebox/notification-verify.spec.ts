/** What parseOrderNotification and verifyNotification say about a refused notification (merchant/notification/status.md). */
import { isMonitoringNotification, parseOrderNotification, verifyNotification } from "../../src/invoicebox/notification"
import { signBody } from "../../src/invoicebox/signature"
import { DEMO_SHOP, MONITORING_ORDER_ID } from "../../src/invoicebox/types"
import { errorOf } from "../helpers/errors"

const KEY = DEMO_SHOP.notificationKey
const order = {
  id: "017f1b5a-b677-a228-2951-b3523dbbd836",
  status: "completed",
  merchantId: DEMO_SHOP.merchantId,
  merchantOrderId: "payses_01JABC",
  amount: 1239.6,
  currencyId: "RUB",
  createdAt: "2022-02-21T08:16:44+00:00",
  customer: { name: "Иван Петров" },
}
const body = JSON.stringify(order)
const verify = (rawBody: string | Buffer, signature: string | undefined, merchantId = DEMO_SHOP.merchantId) =>
  verifyNotification({ rawBody, signature, notificationKey: KEY, merchantId })

describe("parseOrderNotification messages", () => {
  it.each<[string, string, string]>([
    ["a body that is not JSON", "{oops", "InvoiceBox notification: the body is not valid JSON"],
    ["an empty body", "", "InvoiceBox notification: the body is not valid JSON"],
    ["JSON null", "null", "InvoiceBox notification: invalid or missing (body)"],
    ["a JSON array", "[]", "InvoiceBox notification: invalid or missing (body)"],
    [
      "several bad fields, in schema order",
      JSON.stringify({ ...order, id: "", amount: "x", currencyId: "RUBL" }),
      "InvoiceBox notification: invalid or missing id, amount, currencyId",
    ],
    [
      "an empty merchantOrderId on a real order",
      JSON.stringify({ ...order, merchantOrderId: "" }),
      "InvoiceBox notification: empty merchantOrderId",
    ],
  ])("%s", (_label, raw, message) => {
    const error = errorOf(() => parseOrderNotification(raw))
    expect(error.code).toBe("invalid_notification")
    expect(error.message).toBe(message)
  })

  it("reads a Buffer as UTF-8", () => {
    expect(parseOrderNotification(Buffer.from(body, "utf8")).customer).toEqual({ name: "Иван Петров" })
  })
})

describe("isMonitoringNotification", () => {
  it("needs both the all-f id and an empty merchantOrderId", () => {
    expect(isMonitoringNotification({ id: MONITORING_ORDER_ID, merchantOrderId: "" })).toBe(true)
    expect(isMonitoringNotification({ id: order.id, merchantOrderId: "" })).toBe(false)
    expect(isMonitoringNotification({ id: MONITORING_ORDER_ID, merchantOrderId: "payses_1" })).toBe(false)
  })
})

describe("verifyNotification replies and reasons", () => {
  it("tells a missing signature from a wrong one", () => {
    for (const signature of [undefined, ""]) {
      expect(verify(body, signature)).toEqual({
        ok: false,
        reply: { status: "error", code: "signature_error", message: "missing X-Signature" },
        reason: "missing signature",
      })
    }
    expect(verify(body, signBody(body, "another key"))).toEqual({
      ok: false,
      reply: { status: "error", code: "signature_error", message: "signature mismatch" },
      reason: "signature mismatch",
    })
  })

  it("answers order_not_found for another merchant, naming it in the reason", () => {
    const other = "01771534-1a57-f184-dee3-ebeb91dded76"
    const raw = JSON.stringify({ ...order, merchantId: other })
    expect(verify(raw, signBody(raw, KEY))).toEqual({
      ok: false,
      reply: { status: "error", code: "order_not_found", message: "the notification is for another merchant" },
      reason: `merchant ${other} is not this shop`,
    })
  })

  it("answers order_not_found with the parse error for a signed body that is not an order", () => {
    expect(verify("{oops", signBody("{oops", KEY))).toEqual({
      ok: false,
      reply: {
        status: "error",
        code: "order_not_found",
        message: "InvoiceBox notification: the body is not valid JSON",
      },
      reason: "InvoiceBox notification: the body is not valid JSON",
    })
  })

  it("verifies a Buffer body against its bytes", () => {
    const raw = Buffer.from(body, "utf8")
    const result = verify(raw, signBody(raw, KEY))
    expect(result).toMatchObject({ ok: true, monitoring: false, notification: { customer: { name: "Иван Петров" } } })
  })
})
