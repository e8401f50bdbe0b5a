/** Notification signature, parsing, verification and replies (merchant/notification/status.md). */
import { createHmac } from "node:crypto"

import {
  isMonitoringNotification,
  notificationError,
  notificationSuccess,
  parseOrderNotification,
  verifyNotification,
} from "../../src/invoicebox/notification"
import { signBody, verifyBodySignature } from "../../src/invoicebox/signature"
import { DEMO_SHOP, MONITORING_ORDER_ID } from "../../src/invoicebox/types"

const KEY = DEMO_SHOP.notificationKey
const order = {
  id: "017f1b5a-b677-a228-2951-b3523dbbd836",
  status: "completed",
  merchantId: DEMO_SHOP.merchantId,
  merchantOrderId: "payses_01JABC",
  amount: 1239.6,
  currencyId: "RUB",
  createdAt: "2022-02-21T08:16:44+00:00",
  paidAt: "2022-02-21T08:17:03+00:00",
  customer: { email: "buyer@example.com" },
  basketItems: [],
}
const body = JSON.stringify(order)

describe("signature", () => {
  it("is the hex HMAC-SHA1 of the raw body with the key, like the docs' PHP example", () => {
    expect(signBody(body, KEY)).toBe(createHmac("sha1", KEY).update(body).digest("hex"))
    expect(verifyBodySignature(Buffer.from(body), signBody(body, KEY), KEY)).toBe(true)
    expect(verifyBodySignature(body, signBody(body, KEY).toUpperCase(), KEY)).toBe(true)
  })

  it("verifies nothing without a key: an HMAC with an empty key is one anybody can compute", () => {
    expect(verifyBodySignature(body, signBody(body, ""), "")).toBe(false)
  })

  it("supports the algorithm chosen in the shop settings", () => {
    const sha256 = signBody(body, KEY, "sha256")
    expect(verifyBodySignature(body, sha256, KEY, "sha256")).toBe(true)
    expect(verifyBodySignature(body, sha256, KEY)).toBe(false)
  })

  it("rejects any change to one byte of the body, the signature or the key", () => {
    const signature = signBody(body, KEY)
    const bytes = Buffer.from(body)
    for (let i = 0; i < bytes.length; i += 7) {
      const changed = Buffer.from(bytes)
      changed[i] = changed[i]! ^ 0x01
      expect(verifyBodySignature(changed, signature, KEY)).toBe(false)
    }
    for (let i = 0; i < signature.length; i++) {
      const flipped = signature.slice(0, i) + (signature[i] === "0" ? "1" : "0") + signature.slice(i + 1)
      expect(verifyBodySignature(body, flipped, KEY)).toBe(false)
    }
    for (let i = 0; i < KEY.length; i++) {
      const otherKey = KEY.slice(0, i) + (KEY[i] === "0" ? "1" : "0") + KEY.slice(i + 1)
      expect(verifyBodySignature(body, signature, otherKey)).toBe(false)
    }
    expect(verifyBodySignature(body, signature.slice(0, -1), KEY)).toBe(false)
    expect(verifyBodySignature(body, `${signature}00`, KEY)).toBe(false)
    expect(verifyBodySignature(body, "not-hex", KEY)).toBe(false)
    expect(verifyBodySignature(body, undefined, KEY)).toBe(false)
  })

  it("checks the raw bytes, not re-serialized JSON", () => {
    const pretty = JSON.stringify(order, null, 2)
    expect(verifyBodySignature(pretty, signBody(body, KEY), KEY)).toBe(false)
  })
})

describe("parseOrderNotification", () => {
  it("parses an order notification and keeps every field", () => {
    const parsed = parseOrderNotification(Buffer.from(body))
    expect(parsed).toMatchObject(order)
  })

  it.each([
    ["not JSON", "{oops"],
    ["no id", JSON.stringify({ ...order, id: undefined })],
    ["bad status", JSON.stringify({ ...order, status: "paid" })],
    ["no amount", JSON.stringify({ ...order, amount: undefined })],
    ["empty merchantOrderId on a real order", JSON.stringify({ ...order, merchantOrderId: "" })],
  ])("rejects %s with invalid_notification", (_, text) => {
    expect(() => parseOrderNotification(text)).toThrow(expect.objectContaining({ code: "invalid_notification" }))
  })
})

describe("verifyNotification", () => {
  const verify = (raw: string, signature: string | undefined, merchantId: string = DEMO_SHOP.merchantId) =>
    verifyNotification({ rawBody: raw, signature, notificationKey: KEY, merchantId })

  it("accepts a correctly signed notification of this shop", () => {
    const result = verify(body, signBody(body, KEY))
    expect(result).toEqual({ ok: true, notification: expect.objectContaining({ id: order.id }), monitoring: false })
  })

  it("answers signature_error for a missing or wrong signature", () => {
    expect(verify(body, undefined)).toMatchObject({ ok: false, reply: { status: "error", code: "signature_error" } })
    expect(verify(body, signBody(body, "wrong"))).toMatchObject({
      ok: false,
      reply: { status: "error", code: "signature_error" },
    })
  })

  it("answers order_not_found for another merchant or a signed garbage body", () => {
    expect(verify(body, signBody(body, KEY), "01771534-1a57-f184-dee3-ebeb91dded76")).toMatchObject({
      ok: false,
      reply: { code: "order_not_found" },
    })
    expect(verify("[]", signBody("[]", KEY))).toMatchObject({ ok: false, reply: { code: "order_not_found" } })
  })

  it("recognises the monitoring ping", () => {
    const ping = JSON.stringify({ ...order, id: MONITORING_ORDER_ID, merchantOrderId: "" })
    const result = verify(ping, signBody(ping, KEY))
    expect(result).toMatchObject({ ok: true, monitoring: true })
    expect(isMonitoringNotification({ id: MONITORING_ORDER_ID, merchantOrderId: "x" })).toBe(false)
  })
})

describe("replies", () => {
  it("builds the documented JSON replies", () => {
    expect(notificationSuccess()).toEqual({ status: "success" })
    expect(notificationError("order_wrong_amount", "Сумма не совпадает")).toEqual({
      status: "error",
      code: "order_wrong_amount",
      message: "Сумма не совпадает",
    })
    expect(notificationError("out_of_service")).toEqual({ status: "error", code: "out_of_service" })
    expect((notificationError("out_of_service", "x".repeat(600)) as { message: string }).message).toHaveLength(500)
  })
})
