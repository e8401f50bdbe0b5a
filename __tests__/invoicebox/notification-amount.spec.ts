/** The notification's `amount` (merchant/notification/status.md): a JSON number or a plain decimal string only. */
import { parseOrderNotification, verifyNotification } from "../../src/invoicebox/notification"
import { signBody } from "../../src/invoicebox/signature"
import { DEMO_SHOP } from "../../src/invoicebox/types"
import { errorOf } from "../helpers/errors"

const order = {
  id: "017f1b5a-b677-a228-2951-b3523dbbd836",
  status: "completed",
  merchantId: DEMO_SHOP.merchantId,
  merchantOrderId: "payses_01JABC",
  amount: 1239.6,
  currencyId: "RUB",
  createdAt: "2022-02-21T08:16:44+00:00",
}
const bodyWith = (amount: unknown): string => JSON.stringify({ ...order, amount })
const verify = (raw: string) =>
  verifyNotification({
    rawBody: raw,
    signature: signBody(raw, DEMO_SHOP.notificationKey),
    notificationKey: DEMO_SHOP.notificationKey,
    merchantId: DEMO_SHOP.merchantId,
  })

describe("notification amount", () => {
  it.each<[string, unknown]>([
    ["null", null],
    ["an empty string", ""],
    ["a boolean", true],
    ["false", false],
    ["an exponent string", "1e3"],
    ["an array", [7]],
    ["an object", { value: 7 }],
    ["a string with spaces", " 10.50"],
    ["a comma decimal", "10,50"],
    ["a trailing point", "10."],
    ["a leading point", ".5"],
    ["a hex string", "0x10"],
    ["text", "сто"],
  ])("rejects %s", (_label, amount) => {
    const raw = bodyWith(amount)
    const error = errorOf(() => parseOrderNotification(raw))
    expect(error.code).toBe("invalid_notification")
    expect(error.message).toBe("InvoiceBox notification: invalid or missing amount")
    const verified = verify(raw)
    expect(verified).toEqual({
      ok: false,
      reply: {
        status: "error",
        code: "order_not_found",
        message: "InvoiceBox notification: invalid or missing amount",
      },
      reason: "InvoiceBox notification: invalid or missing amount",
    })
  })

  it.each<[string, unknown, number]>([
    ["a number", 1239.6, 1239.6],
    ["an integer", 100, 100],
    ["zero", 0, 0],
    ["a plain decimal string", "10.50", 10.5],
    ["an integer string", "1500", 1500],
    ["a negative decimal string", "-3.25", -3.25],
  ])("accepts %s and reads it as a number", (_label, amount, expected) => {
    const raw = bodyWith(amount)
    const parsed = parseOrderNotification(raw)
    expect(parsed.amount).toBe(expected)
    expect(typeof parsed.amount).toBe("number")
    const verified = verify(raw)
    expect(verified.ok).toBe(true)
    if (verified.ok) expect(verified.notification.amount).toBe(expected)
  })
})
