/**
 * Several shops and partner onboarding (partner/integration/invite.md, activation.md): an invite's
 * activation code activates a new shop whose token sees only its own orders; each shop signs its
 * notifications with its own, changeable key.
 */
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

import axios, { type AxiosInstance } from "axios"

import { verifyBodySignature } from "../../src/invoicebox/signature"
import { DEMO_SHOP, type Order } from "../../src/invoicebox/types"
import { startSandbox, type RunningSandbox } from "../../src/sandbox"
import type { Merchant } from "../../src/sandbox/merchant-registry"
import type { PartnerInvite } from "../../src/sandbox/partner-invites"
import { AUTH, orderRequest } from "../helpers/orders"
import { NotificationReceiver } from "../helpers/receiver"
import { expectApiError } from "./sandbox-client"

const DOCS_PARTNER = { partnerId: "dda90c3d-e2f8-4f90-aa8b-87b1cd2956a1", token: "b37c4c689295904ed21eee5d9a48d42e" }
const OTHER_PARTNER = {
  partnerId: "0a7b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d",
  token: "other-partner-token-0123456789abcdef",
}
const ACTIVATION_PATH = "/v3/billing/api/merchant/merchant-integration-setting/activation"

let sandbox: RunningSandbox
let control: AxiosInstance
let receiver: NotificationReceiver

beforeAll(async () => {
  receiver = await new NotificationReceiver().start()
  sandbox = await startSandbox({ port: 0, quiet: true, rateLimit: false, partners: [DOCS_PARTNER, OTHER_PARTNER] })
  control = axios.create({ baseURL: sandbox.url, validateStatus: () => true })
})
afterAll(async () => {
  await sandbox.close()
  await receiver.close()
})
beforeEach(() => {
  sandbox.reset()
  receiver.clear()
})

const as = (token: string) =>
  axios.create({ baseURL: sandbox.url, headers: { Authorization: `Bearer ${token}` }, validateStatus: () => true })
const docsPartner = () => as(DOCS_PARTNER.token)

async function invite(identifier = "new-shop@example.com", partner = DOCS_PARTNER): Promise<PartnerInvite> {
  const res = await as(partner.token).post("/v3/notification/api/invite", {
    partnerId: partner.partnerId,
    type: "email",
    identifier,
  })
  expect(res.status).toBe(200)
  const id = res.data.data.id as number
  const invites = (await control.get("/_sandbox/invites")).data as PartnerInvite[]
  return invites.find((candidate) => candidate.id === id)!
}

/** A new shop onboarded by the docs' partner: its id and token from the activation answer. */
async function activatedShop(identifier?: string): Promise<{ merchantId: string; token: string }> {
  const { activationCode } = await invite(identifier)
  const res = await docsPartner().post(ACTIVATION_PATH, { partnerId: DOCS_PARTNER.partnerId, activationCode })
  expect(res.status).toBe(200)
  return res.data.data
}

async function createOrder(token: string, merchantId: string, overrides: object = {}): Promise<Order> {
  const res = await as(token).post("/v3/billing/api/order/order", orderRequest({ merchantId, ...overrides }))
  expect(res.status).toBe(200)
  return res.data.data as Order
}

describe("partner onboarding", () => {
  it("invites a shop; its activation code is in /_sandbox/invites and activates a new shop", async () => {
    const sent = await invite("shop@example.com")
    expect(sent).toEqual({
      id: expect.any(Number),
      partnerId: DOCS_PARTNER.partnerId,
      type: "email",
      identifier: "shop@example.com",
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/),
      activationCode: expect.stringMatching(/^[1-9]\d{8,11}$/),
      status: "sent",
    })
    const res = await docsPartner().post(ACTIVATION_PATH, {
      partnerId: DOCS_PARTNER.partnerId,
      activationCode: sent.activationCode,
    })
    expect(res.status).toBe(200)
    expect(res.data).toEqual({
      data: {
        merchantId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
        token: expect.any(String),
      },
      extendedData: [],
    })
    const { merchantId, token } = res.data.data as { merchantId: string; token: string }
    expect(merchantId).not.toBe(DEMO_SHOP.merchantId)
    expect(token.length).toBeGreaterThanOrEqual(32)
    expect(token).not.toBe(DEMO_SHOP.token)

    const invites = (await control.get("/_sandbox/invites")).data as PartnerInvite[]
    expect(invites.find((candidate) => candidate.id === sent.id)).toMatchObject({
      status: "activated",
      merchantId,
      activatedAt: expect.any(String),
    })
    const merchant = (await control.get(`/_sandbox/merchants/${merchantId}`)).data as Merchant
    expect(merchant).toEqual({
      id: merchantId,
      name: "shop@example.com",
      token,
      notificationKey: expect.stringMatching(/^[0-9a-f]{32}$/),
      source: "activation",
      createdAt: expect.any(String),
    })
    // the new token works
    const auth = await as(token).get("/v3/security/api/auth/auth")
    expect(auth.data.data.userId).toEqual(expect.any(String))
  })

  it("each invite gets its own id and a different code", async () => {
    const first = await invite("a@example.com")
    const second = await invite("b@example.com")
    expect(second.id).toBeGreaterThan(first.id)
    expect(second.activationCode).not.toBe(first.activationCode)
  })

  it("keeps the docs' example: code 111222333 of the docs' partner activates the options' shop, once", async () => {
    const docs = { partnerId: DOCS_PARTNER.partnerId, activationCode: "111222333" }
    const res = await docsPartner().post(ACTIVATION_PATH, docs)
    expect(res.data.data).toEqual({ merchantId: DEMO_SHOP.merchantId, token: DEMO_SHOP.token })
    const again = await docsPartner().post(ACTIVATION_PATH, docs)
    expectApiError(again, 422, "validation_error")
    sandbox.reset()
    expect((await docsPartner().post(ACTIVATION_PATH, docs)).status).toBe(200)
  })

  it("refuses a wrong code with 422 naming activationCode", async () => {
    await invite()
    const res = await docsPartner().post(ACTIVATION_PATH, { partnerId: DOCS_PARTNER.partnerId, activationCode: "999" })
    const fields = expectApiError(res, 422, "validation_error")
    expect(res.data.error.message).toBe("Wrong activation code")
    expect(fields).toEqual([{ name: "activationCode", code: "wrong_value", message: expect.any(String) }])
  })

  it("refuses a code used before, distinguishably, and creates no second shop", async () => {
    const { activationCode } = await invite()
    const request = { partnerId: DOCS_PARTNER.partnerId, activationCode }
    expect((await docsPartner().post(ACTIVATION_PATH, request)).status).toBe(200)
    const merchantsBefore = (await control.get("/_sandbox/merchants")).data as Merchant[]
    const res = await docsPartner().post(ACTIVATION_PATH, request)
    const fields = expectApiError(res, 422, "validation_error")
    expect(res.data.error.message).toBe("Activation code already used")
    expect(fields).toEqual([{ name: "activationCode", code: "already_used", message: expect.any(String) }])
    expect((await control.get("/_sandbox/merchants")).data).toHaveLength(merchantsBefore.length)
  })

  it("refuses another partner's code as a wrong one", async () => {
    const theirs = await invite("theirs@example.com", OTHER_PARTNER)
    const res = await docsPartner().post(ACTIVATION_PATH, {
      partnerId: DOCS_PARTNER.partnerId,
      activationCode: theirs.activationCode,
    })
    expectApiError(res, 422, "validation_error")
    expect(res.data.error.message).toBe("Wrong activation code")
    // its own partner can use it
    const own = await as(OTHER_PARTNER.token).post(ACTIVATION_PATH, {
      partnerId: OTHER_PARTNER.partnerId,
      activationCode: theirs.activationCode,
    })
    expect(own.status).toBe(200)
  })

  it("answers 403 forbidden when the body's partnerId is not the token's partner, 401 for a shop's token", async () => {
    const foreign = await docsPartner().post("/v3/notification/api/invite", {
      partnerId: OTHER_PARTNER.partnerId,
      type: "email",
      identifier: "x@example.com",
    })
    expect(expectApiError(foreign, 403, "forbidden")).toEqual([
      { name: "partnerId", code: "wrong_value", message: expect.any(String) },
    ])
    const { activationCode } = await invite()
    expectApiError(
      await docsPartner().post(ACTIVATION_PATH, { partnerId: OTHER_PARTNER.partnerId, activationCode }),
      403,
      "forbidden"
    )
    const shop = await activatedShop()
    expectApiError(
      await as(shop.token).post("/v3/notification/api/invite", {
        partnerId: DOCS_PARTNER.partnerId,
        type: "email",
        identifier: "x@example.com",
      }),
      401,
      "unauthorized"
    )
  })

  it("still validates the bodies and injects faults on the partner endpoints", async () => {
    expectApiError(
      await docsPartner().post(ACTIVATION_PATH, { partnerId: DOCS_PARTNER.partnerId }),
      422,
      "validation_error"
    )
    await control.post("/_sandbox/faults", { activation: { status500Count: 1 } })
    const { activationCode } = await invite()
    const request = { partnerId: DOCS_PARTNER.partnerId, activationCode }
    expectApiError(await docsPartner().post(ACTIVATION_PATH, request), 500, "internal_error")
    expect((await docsPartner().post(ACTIVATION_PATH, request)).status).toBe(200)
  })
})

describe("several shops", () => {
  it("keeps each shop's orders, refunds and shipments to itself", async () => {
    const shop = await activatedShop()
    const theirs = await createOrder(shop.token, shop.merchantId)
    const ours = await createOrder(DEMO_SHOP.token, DEMO_SHOP.merchantId)
    expect(theirs.merchantId).toBe(shop.merchantId)

    const listed = (token: string) => as(token).get("/v3/filter/api/order/order")
    expect((await listed(shop.token)).data.data.map((order: Order) => order.id)).toEqual([theirs.id])
    expect((await listed(DEMO_SHOP.token)).data.data.map((order: Order) => order.id)).toEqual([ours.id])

    // another shop's order is as unknown as a missing one
    const notFound = await as(DEMO_SHOP.token).get(`/v3/billing/api/order/order/${theirs.id}`)
    expectApiError(notFound, 404, "not_found")
    expect(notFound.data.error.message).toBe(`Order ${theirs.id} not found`)
    expectApiError(await as(shop.token).delete(`/v3/billing/api/order/order/${ours.id}`), 404, "not_found")
    expectApiError(
      await as(shop.token).put(`/v3/billing/api/order/order/${ours.id}`, { description: "mine now" }),
      404,
      "not_found"
    )

    await control.post(`/_sandbox/orders/${theirs.id}/pay?notify=none`)
    const line = theirs.basketItems[0]!
    const refund = {
      parentId: theirs.id,
      merchantOrderId: `${theirs.merchantOrderId}:r1`,
      amount: line.totalAmount,
      vatAmount: line.totalVatAmount,
      basketItems: [line],
      description: "Возврат",
    }
    expectApiError(await as(DEMO_SHOP.token).post("/v3/billing/api/order/refund-order", refund), 404, "not_found")
    const created = await as(shop.token).post("/v3/billing/api/order/refund-order", refund)
    expect(created.status).toBe(200)
    expect(created.data.data.merchantId).toBe(shop.merchantId)
    expect((await as(DEMO_SHOP.token).get("/v3/filter/api/order/refund-order")).data.data).toEqual([])
    expect((await as(shop.token).get("/v3/filter/api/order/refund-order")).data.data).toHaveLength(1)

    const shipment = { orderId: theirs.id, basketItems: theirs.basketItems }
    expectApiError(await as(DEMO_SHOP.token).post("/v3/billing/api/order/shipment", shipment), 404, "not_found")
    expect((await as(shop.token).post("/v3/billing/api/order/shipment", shipment)).data.data.merchantId).toBe(
      shop.merchantId
    )
    expect((await as(DEMO_SHOP.token).get("/v3/filter/api/order/shipment")).data.data).toEqual([])

    // the control API sees every shop's orders, or one shop's
    expect((await control.get("/_sandbox/orders")).data).toHaveLength(2)
    const onlyTheirs = (await control.get("/_sandbox/orders", { params: { merchantId: shop.merchantId } })).data
    expect(onlyTheirs.map((order: Order) => order.id)).toEqual([theirs.id])
  })

  it("lets two shops use the same merchantOrderId", async () => {
    const shop = await activatedShop()
    const merchantOrderId = `same-${Date.now()}`
    await createOrder(DEMO_SHOP.token, DEMO_SHOP.merchantId, { merchantOrderId })
    await createOrder(shop.token, shop.merchantId, { merchantOrderId })
  })

  it("answers 403 forbidden to an order create for another shop's merchantId", async () => {
    const shop = await activatedShop()
    const res = await as(shop.token).post(
      "/v3/billing/api/order/order",
      orderRequest({ merchantId: DEMO_SHOP.merchantId })
    )
    expect(expectApiError(res, 403, "forbidden")).toEqual([
      { name: "merchantId", code: "wrong_value", message: "not the merchant of this token" },
    ])
    expectApiError(
      await as(DEMO_SHOP.token).post("/v3/billing/api/order/order", orderRequest({ merchantId: shop.merchantId })),
      403,
      "forbidden"
    )
  })

  it("signs a shop's notifications with its current key", async () => {
    const shop = await activatedShop()
    const firstKey = ((await control.get(`/_sandbox/merchants/${shop.merchantId}`)).data as Merchant).notificationKey
    const order = await createOrder(shop.token, shop.merchantId, { notificationUrl: receiver.url })
    await control.post(`/_sandbox/orders/${order.id}/pay`)
    const [paid] = receiver.received
    expect(verifyBodySignature(paid!.body, paid!.signature ?? "", firstKey)).toBe(true)
    expect(verifyBodySignature(paid!.body, paid!.signature ?? "", DEMO_SHOP.notificationKey)).toBe(false)

    // the shop sets a key of its own in its personal account
    const changed = await control.post(`/_sandbox/merchants/${shop.merchantId}/notification-key`, {
      notificationKey: "shop-own-key-1",
    })
    expect(changed.status).toBe(200)
    expect(changed.data).toMatchObject({ id: shop.merchantId, notificationKey: "shop-own-key-1" })
    await control.post(`/_sandbox/orders/${order.id}/notify`)
    const again = receiver.received[1]!
    expect(again.body).toBe(paid!.body)
    expect(verifyBodySignature(again.body, again.signature ?? "", "shop-own-key-1")).toBe(true)
    expect(verifyBodySignature(again.body, again.signature ?? "", firstKey)).toBe(false)
  })

  it("changes the options' shop's key too, until a reset", async () => {
    await control.post(`/_sandbox/merchants/${DEMO_SHOP.merchantId}/notification-key`, { notificationKey: "k2" })
    const order = await createOrder(DEMO_SHOP.token, DEMO_SHOP.merchantId, { notificationUrl: receiver.url })
    await control.post(`/_sandbox/orders/${order.id}/pay`)
    expect(verifyBodySignature(receiver.received[0]!.body, receiver.received[0]!.signature ?? "", "k2")).toBe(true)
    sandbox.reset()
    const merchant = (await control.get(`/_sandbox/merchants/${DEMO_SHOP.merchantId}`)).data as Merchant
    expect(merchant.notificationKey).toBe(DEMO_SHOP.notificationKey)
  })

  it("refuses a missing or empty key with 400, an unknown shop with 404", async () => {
    const path = `/_sandbox/merchants/${DEMO_SHOP.merchantId}/notification-key`
    expectApiError(await control.post(path, {}), 400, "validation_error")
    expectApiError(await control.post(path, { notificationKey: "  " }), 400, "validation_error")
    expectApiError(
      await control.post("/_sandbox/merchants/00000000-0000-0000-0000-000000000000/notification-key", {
        notificationKey: "k",
      }),
      404,
      "not_found"
    )
  })
})

describe("control API for shops", () => {
  it("lists the shops, creates one directly, and a reset leaves only the options' shop", async () => {
    const initial = (await control.get("/_sandbox/merchants")).data as Merchant[]
    expect(initial).toEqual([
      {
        id: DEMO_SHOP.merchantId,
        name: expect.any(String),
        token: DEMO_SHOP.token,
        notificationKey: DEMO_SHOP.notificationKey,
        source: "options",
        createdAt: expect.any(String),
      },
    ])
    const created = await control.post("/_sandbox/merchants", { name: "Direct shop", token: "direct-shop-token" })
    expect(created.status).toBe(200)
    expect(created.data).toMatchObject({ name: "Direct shop", token: "direct-shop-token", source: "control" })
    const order = await createOrder("direct-shop-token", created.data.id)
    expect(order.merchantId).toBe(created.data.id)
    expectApiError(await control.post("/_sandbox/merchants", { token: "direct-shop-token" }), 422, "validation_error")
    expectApiError(await control.post("/_sandbox/merchants", { merchantId: "not-a-uuid" }), 400, "validation_error")
    await activatedShop()
    expect((await control.get("/_sandbox/merchants")).data).toHaveLength(3)

    await control.post("/_sandbox/reset")
    expect((await control.get("/_sandbox/merchants")).data).toEqual(
      initial.map((m) => ({ ...m, createdAt: expect.any(String) }))
    )
    expectApiError(await as("direct-shop-token").get("/v3/filter/api/order/order"), 401, "unauthorized")
    // only the docs' example invite is left
    const invites = (await control.get("/_sandbox/invites")).data as PartnerInvite[]
    expect(invites).toEqual([expect.objectContaining({ activationCode: "111222333", status: "sent" })])
  })
})

describe("state file", () => {
  it("keeps the shops, their keys and orders, and the invites across a restart", async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), "sandbox-merchants-")), "state.json")
    const first = await startSandbox({ port: 0, quiet: true, rateLimit: false, stateFile })
    const partner = axios.create({ baseURL: first.url, headers: AUTH, validateStatus: () => true })
    const sent = await partner.post("/v3/notification/api/invite", {
      partnerId: DOCS_PARTNER.partnerId,
      type: "email",
      identifier: "kept@example.com",
    })
    const invites = (await axios.get(`${first.url}/_sandbox/invites`)).data as PartnerInvite[]
    const code = invites.find((candidate) => candidate.id === sent.data.data.id)!.activationCode
    const shop = (await partner.post(ACTIVATION_PATH, { partnerId: DOCS_PARTNER.partnerId, activationCode: code })).data
      .data as { merchantId: string; token: string }
    await axios.post(`${first.url}/_sandbox/merchants/${shop.merchantId}/notification-key`, { notificationKey: "kept" })
    const order = (
      await axios.post(`${first.url}/v3/billing/api/order/order`, orderRequest({ merchantId: shop.merchantId }), {
        headers: { Authorization: `Bearer ${shop.token}` },
      })
    ).data.data as Order
    await first.close()

    const second = await startSandbox({ port: 0, quiet: true, rateLimit: false, stateFile })
    try {
      const merchant = (await axios.get(`${second.url}/_sandbox/merchants/${shop.merchantId}`)).data as Merchant
      expect(merchant).toMatchObject({ token: shop.token, notificationKey: "kept", source: "activation" })
      const own = await axios.get(`${second.url}/v3/billing/api/order/order/${order.id}`, {
        headers: { Authorization: `Bearer ${shop.token}` },
        validateStatus: () => true,
      })
      expect(own.status).toBe(200)
      const foreign = await axios.get(`${second.url}/v3/billing/api/order/order/${order.id}`, {
        headers: AUTH,
        validateStatus: () => true,
      })
      expect(foreign.status).toBe(404)
      const reused = await axios.post(
        `${second.url}${ACTIVATION_PATH}`,
        { partnerId: DOCS_PARTNER.partnerId, activationCode: code },
        { headers: AUTH, validateStatus: () => true }
      )
      expect(reused.data.error.message).toBe("Activation code already used")
    } finally {
      await second.close()
    }
  })
})
