/**
 * The shops (merchants) the sandbox knows: the options' shop (by default the docs' demo shop), shops
 * activated by partners (partner/integration/activation.md) and shops created through the control
 * API. A request's token tells whose it is; each shop signs its notifications with its own key, which
 * it may change at any time (in the real personal account; here POST /_sandbox/merchants/:id/notification-key).
 */
import { randomBytes, randomUUID } from "node:crypto"

import { DEMO_SHOP } from "../invoicebox/types"
import { SandboxApiError } from "./envelope"
import { atom } from "./store"
import { matchesToken } from "./tokens"

/** Where a merchant came from. */
export const MERCHANT_SOURCES = ["options", "activation", "control"] as const
export type MerchantSource = (typeof MERCHANT_SOURCES)[number]

export interface Merchant {
  id: string
  name: string
  token: string
  notificationKey: string
  source: MerchantSource
  createdAt: string
}

export interface MerchantCredentials {
  merchantId: string
  token: string
  notificationKey: string
}

/** What a new merchant may be given; the rest is random. */
export interface NewMerchant {
  source: Exclude<MerchantSource, "options">
  name?: string
  id?: string
  token?: string
  notificationKey?: string
}

/** A fresh token like the docs' `T1RBMFpXKOAY8W45072Wa09XRTBPR1EwTW1V`: 36 random characters. */
export function newMerchantToken(): string {
  return randomBytes(27).toString("base64url")
}

/** A fresh notification signing key: 32 hex digits. */
export function newNotificationKey(): string {
  return randomBytes(16).toString("hex")
}

export class MerchantRegistry {
  private readonly merchants = new Map<string, Merchant>()
  private optionsMerchant: Merchant

  constructor(private readonly credentials: MerchantCredentials) {
    this.optionsMerchant = this.fromOptions()
    this.reset()
  }

  /** Back to the options' merchant alone, with the options' key. */
  reset(): void {
    this.merchants.clear()
    this.optionsMerchant = this.fromOptions()
    this.merchants.set(this.optionsMerchant.id, this.optionsMerchant)
  }

  /** The options' merchant: the one a token-less control call (monitoring ping, …) speaks for. */
  get default(): Merchant {
    return this.optionsMerchant
  }

  list(): Merchant[] {
    return [...this.merchants.values()].map((merchant) => ({ ...merchant }))
  }

  find(id: string): Merchant | undefined {
    return this.merchants.get(id)
  }

  get(id: string): Merchant {
    const merchant = this.merchants.get(id)
    if (!merchant) throw new SandboxApiError(404, "not_found", `Merchant ${id} not found`)
    return merchant
  }

  /** The merchant whose token this is (`NNN-API:token` too under `/l3/`). */
  byToken(presented: string, prefix: string): Merchant | undefined {
    for (const merchant of this.merchants.values()) {
      if (matchesToken(presented, merchant.token, prefix)) return merchant
    }
    return undefined
  }

  create(request: NewMerchant): Merchant {
    const id = request.id ?? randomUUID()
    const token = request.token ?? newMerchantToken()
    if (this.merchants.has(id)) {
      throw new SandboxApiError(422, "validation_error", "Validation Error", [
        { name: "merchantId", code: "duplicate", message: "a merchant with this id exists" },
      ])
    }
    if ([...this.merchants.values()].some((merchant) => merchant.token === token)) {
      throw new SandboxApiError(422, "validation_error", "Validation Error", [
        { name: "token", code: "duplicate", message: "another merchant has this token" },
      ])
    }
    const merchant: Merchant = {
      id,
      name: request.name ?? `Shop ${id.slice(0, 8)}`,
      token,
      notificationKey: request.notificationKey ?? newNotificationKey(),
      source: request.source,
      createdAt: atom(new Date()),
    }
    this.merchants.set(id, merchant)
    return { ...merchant }
  }

  /** The shop sets or changes its notification key: notifications are signed with it from now on. */
  setNotificationKey(id: string, notificationKey: string): Merchant {
    const merchant = this.get(id)
    merchant.notificationKey = notificationKey
    return { ...merchant }
  }

  /** Every merchant, for the state file. */
  snapshot(): Merchant[] {
    return this.list()
  }

  /**
   * Restores a state file's merchants. The options' merchant always comes from the options (its id,
   * token and key), whatever the file says.
   */
  restore(merchants: Merchant[] | undefined): void {
    this.reset()
    for (const merchant of merchants ?? []) {
      if (merchant.source === "options" || merchant.id === this.optionsMerchant.id) continue
      this.merchants.set(merchant.id, { ...merchant })
    }
  }

  private fromOptions(): Merchant {
    return {
      id: this.credentials.merchantId,
      name: this.credentials.merchantId === DEMO_SHOP.merchantId ? "Demo shop" : "Sandbox shop",
      token: this.credentials.token,
      notificationKey: this.credentials.notificationKey,
      source: "options",
      createdAt: atom(new Date()),
    }
  }
}
