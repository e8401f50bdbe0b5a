/**
 * The sandbox's state kept in a JSON file (the demo uses it so orders paid before a restart can still
 * be refunded after it): orders, refunds, shipments, the shops and the partners' invites. Written
 * after every successful change, atomically (temp file + rename).
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs"

import type { Merchant, MerchantRegistry } from "./merchant-registry"
import type { PartnerInvites, PartnerInvitesState } from "./partner-invites"
import type { SandboxState, SandboxStore } from "./store"

/** The file: the store's state plus the shops and invites (absent in files of older sandboxes). */
export interface SandboxFileState extends SandboxState {
  merchants?: Merchant[]
  partnerInvites?: PartnerInvitesState
}

export interface StateParts {
  store: SandboxStore
  merchants: MerchantRegistry
  invites: PartnerInvites
}

export class StateFile {
  private timer: NodeJS.Timeout | undefined

  constructor(
    private readonly path: string,
    private readonly parts: StateParts
  ) {}

  /** Loads the file into the store, the merchant registry and the invites when it exists. */
  load(): void {
    if (!existsSync(this.path)) return
    const state = JSON.parse(readFileSync(this.path, "utf8")) as SandboxFileState
    this.parts.store.restore(state)
    this.parts.merchants.restore(state.merchants)
    this.parts.invites.restore(state.partnerInvites)
  }

  /** Saves soon (changes in a burst are written once). */
  schedule(): void {
    if (this.timer) return
    this.timer = setTimeout(() => this.save(), 50)
  }

  save(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    const state: SandboxFileState = {
      ...this.parts.store.snapshot(),
      merchants: this.parts.merchants.snapshot(),
      partnerInvites: this.parts.invites.snapshot(),
    }
    const temporary = `${this.path}.tmp`
    writeFileSync(temporary, JSON.stringify(state))
    renameSync(temporary, this.path)
  }
}
