/**
 * Injected failures, per endpoint name or `*` (every endpoint): latency, HTTP 500 / 429 answers,
 * a write whose reply is lost (`timeoutOnce`), dropped or duplicated notifications.
 */
import { z } from "zod"

export const ENDPOINTS = [
  "auth",
  "createOrder",
  "getOrders",
  "getOrder",
  "updateOrder",
  "cancelOrder",
  "updateOrderStatus",
  "createShipment",
  "getShipments",
  "refundBasket",
  "createRefund",
  "getRefunds",
  "createCorrectionOrder",
  "moveOrder",
  "createAgentOrder",
  "validateGuarantee",
  "sendGuaranteeCode",
  "payWithGuarantee",
  "getCounterparty",
  "invite",
  "activation",
  "notifications",
] as const
export type EndpointName = (typeof ENDPOINTS)[number]

export const faultSchema = z.object({
  latencyMs: z.number().int().min(0).max(120_000).optional(),
  status500Rate: z.number().min(0).max(1).optional(),
  status500Count: z.number().int().min(0).optional(),
  status429Count: z.number().int().min(0).optional(),
  timeoutOnce: z.boolean().optional(),
  dropNotifications: z.boolean().optional(),
  duplicateNotifications: z.number().int().min(0).max(100).optional(),
})
export type Fault = z.infer<typeof faultSchema>

export const faultsRequestSchema = z.partialRecord(z.enum([...ENDPOINTS, "*"]), faultSchema)

/** What happens to the next notification: dropped, or sent with this many extra copies. */
export interface NotificationFault {
  drop: boolean
  duplicates: number
}

/** What a request to an endpoint should suffer now (counters are consumed). */
export interface FaultDecision {
  latencyMs: number
  respond500: boolean
  respond429: boolean
  loseReply: boolean
}

export class Faults {
  private faults = new Map<string, Fault>()

  set(faults: Record<string, Fault>): void {
    for (const [name, fault] of Object.entries(faults)) this.faults.set(name, { ...fault })
  }

  clear(): void {
    this.faults.clear()
  }

  list(): Record<string, Fault> {
    return Object.fromEntries(this.faults)
  }

  decide(endpoint: EndpointName): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0, respond500: false, respond429: false, loseReply: false }
    for (const name of [endpoint, "*"]) {
      const fault = this.faults.get(name)
      if (!fault) continue
      decision.latencyMs = Math.max(decision.latencyMs, fault.latencyMs ?? 0)
      if (!decision.respond500 && (fault.status500Count ?? 0) > 0) {
        fault.status500Count = (fault.status500Count ?? 0) - 1
        decision.respond500 = true
      } else if (!decision.respond500 && fault.status500Rate !== undefined && Math.random() < fault.status500Rate) {
        decision.respond500 = true
      }
      if (!decision.respond500 && !decision.respond429 && (fault.status429Count ?? 0) > 0) {
        fault.status429Count = (fault.status429Count ?? 0) - 1
        decision.respond429 = true
      }
      if (!decision.loseReply && fault.timeoutOnce) {
        fault.timeoutOnce = false
        decision.loseReply = true
      }
    }
    return decision
  }

  notificationFault(): NotificationFault {
    const fault = this.faults.get("notifications") ?? this.faults.get("*")
    return { drop: fault?.dropNotifications ?? false, duplicates: fault?.duplicateNotifications ?? 0 }
  }
}
