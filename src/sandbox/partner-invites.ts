/**
 * Partner onboarding (partner/integration/invite.md, activation.md). A partner invites a shop; the
 * shop registers with InvoiceBox and receives an activation code (here at once: the invite holds it,
 * GET /_sandbox/invites shows it); the partner activates the shop with the code and receives the new
 * shop's id and token. A code activates one shop, once, and only for the partner that invited it.
 *
 * The docs' own example is there from the start: the docs' partner's invite of shop@shop.com with
 * code `111222333`, which activates the options' merchant (the docs' demo shop by default).
 */
import { randomInt } from "node:crypto"

import {
  DOCS_PARTNER,
  type MerchantActivationRequest,
  type MerchantActivationResponse,
  type PartnerAccount,
  type PartnerInviteRequest,
} from "../invoicebox/types"
import { SandboxApiError } from "./envelope"
import type { MerchantRegistry } from "./merchant-registry"
import { atom } from "./store"
import { matchesToken } from "./tokens"

/** A partner (integrator) account the sandbox knows. */
export type Partner = PartnerAccount
export { DOCS_PARTNER }

/** The activation code of the docs' example (activation.md). */
export const DOCS_ACTIVATION_CODE = "111222333"

export type InviteStatus = "sent" | "activated"

export interface PartnerInvite {
  id: number
  partnerId: string
  type: PartnerInviteRequest["type"]
  identifier: string
  createdAt: string
  /** the code InvoiceBox sent the shop once it confirmed the connection */
  activationCode: string
  status: InviteStatus
  /** the shop the code activated */
  merchantId?: string
  activatedAt?: string
}

/** The invites as a state file keeps them. */
export interface PartnerInvitesState {
  invites: PartnerInvite[]
  nextInviteId: number
}

export class PartnerInvites {
  private readonly invites: PartnerInvite[] = []
  private nextInviteId = 1

  constructor(
    private readonly partners: readonly Partner[],
    private readonly merchants: MerchantRegistry
  ) {
    this.reset()
  }

  /** No invites but the docs' example (when the docs' partner is one of the partners). */
  reset(): void {
    this.invites.length = 0
    this.nextInviteId = 1
    if (this.partners.some((partner) => partner.partnerId === DOCS_PARTNER.partnerId)) {
      this.invites.push({
        id: this.nextInviteId++,
        partnerId: DOCS_PARTNER.partnerId,
        type: "email",
        identifier: "shop@shop.com",
        createdAt: atom(new Date()),
        activationCode: DOCS_ACTIVATION_CODE,
        status: "sent",
      })
    }
  }

  /** The partner whose token this is (`NNN-API:token` too under `/l3/`). */
  partnerByToken(presented: string, prefix: string): Partner | undefined {
    return this.partners.find((partner) => matchesToken(presented, partner.token, prefix))
  }

  list(): PartnerInvite[] {
    return this.invites.map((invite) => ({ ...invite }))
  }

  /** POST /v3/notification/api/invite */
  invite(partner: Partner, request: PartnerInviteRequest): PartnerInvite {
    this.assertPartner(partner, request.partnerId)
    const invite: PartnerInvite = {
      id: this.nextInviteId++,
      partnerId: partner.partnerId,
      type: request.type,
      identifier: request.identifier,
      createdAt: atom(new Date()),
      activationCode: this.newActivationCode(),
      status: "sent",
    }
    this.invites.push(invite)
    return { ...invite }
  }

  /**
   * POST /v3/billing/api/merchant/merchant-integration-setting/activation: a new shop with a new id,
   * token and notification key (the shop sets its key in its personal account; the answer has none).
   */
  activate(partner: Partner, request: MerchantActivationRequest): MerchantActivationResponse {
    this.assertPartner(partner, request.partnerId)
    const invite = this.invites.find(
      (candidate) => candidate.partnerId === partner.partnerId && candidate.activationCode === request.activationCode
    )
    if (!invite) {
      throw new SandboxApiError(422, "validation_error", "Wrong activation code", [
        { name: "activationCode", code: "wrong_value", message: "no invite of this partner has this activation code" },
      ])
    }
    if (invite.status === "activated") {
      throw new SandboxApiError(422, "validation_error", "Activation code already used", [
        {
          name: "activationCode",
          code: "already_used",
          message: `the shop was already activated with this code at ${invite.activatedAt ?? "an earlier time"}`,
        },
      ])
    }
    const merchant =
      invite.activationCode === DOCS_ACTIVATION_CODE && invite.partnerId === DOCS_PARTNER.partnerId
        ? this.merchants.default
        : this.merchants.create({ source: "activation", name: invite.identifier })
    invite.status = "activated"
    invite.merchantId = merchant.id
    invite.activatedAt = atom(new Date())
    return { merchantId: merchant.id, token: merchant.token }
  }

  snapshot(): PartnerInvitesState {
    return { invites: this.list(), nextInviteId: this.nextInviteId }
  }

  /** Restores a state file's invites; a file without any keeps the fresh ones. */
  restore(state: PartnerInvitesState | undefined): void {
    this.reset()
    if (!state) return
    this.invites.length = 0
    this.invites.push(...state.invites.map((invite) => ({ ...invite })))
    this.nextInviteId = state.nextInviteId
  }

  private assertPartner(partner: Partner, partnerId: string): void {
    if (partnerId !== partner.partnerId) {
      throw new SandboxApiError(403, "forbidden", "Forbidden", [
        { name: "partnerId", code: "wrong_value", message: "not the partner of this token" },
      ])
    }
  }

  /** 9 to 12 digits, no leading zero, not any invite's code yet. */
  private newActivationCode(): string {
    for (;;) {
      const length = randomInt(9, 13)
      const code = String(randomInt(1, 10)) + Array.from({ length: length - 1 }, () => randomInt(0, 10)).join("")
      if (!this.invites.some((invite) => invite.activationCode === code)) return code
    }
  }
}
