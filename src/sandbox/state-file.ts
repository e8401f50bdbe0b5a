/**
 * The sandbox's state kept in a JSON file (the demo uses it so orders paid before a restart can still
 * be refunded after it). Written after every successful change, atomically (temp file + rename).
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs"

import type { SandboxState, SandboxStore } from "./store"

export class StateFile {
  private timer: NodeJS.Timeout | undefined

  constructor(
    private readonly path: string,
    private readonly store: SandboxStore
  ) {}

  /** Loads the file into the store when it exists. */
  load(): void {
    if (!existsSync(this.path)) return
    this.store.restore(JSON.parse(readFileSync(this.path, "utf8")) as SandboxState)
  }

  /** Saves soon (changes in a burst are written once). */
  schedule(): void {
    if (this.timer) return
    this.timer = setTimeout(() => this.save(), 50)
  }

  save(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    const temporary = `${this.path}.tmp`
    writeFileSync(temporary, JSON.stringify(this.store.snapshot()))
    renameSync(temporary, this.path)
  }
}
