/**
 * Payment confirmed without the payment page (merchant/guarantee/*): the shop checks that the
 * payer's guarantee instrument can pay the order (validate), has InvoiceBox send the payer a code
 * (send-code) and confirms the payment with it (pay).
 *
 * The sandbox's rules: the payer is the customer's ИНН (customer.vatNumber); any ИНН with valid
 * check digits is registered and has a fund of `guaranteeFund` roubles, less what its unreversed
 * guarantee payments hold. A code may be sent 5 times per order, not again within
 * `guaranteeCodeResendMs`; 3 wrong codes end the attempts (`limitReached`). The code a payer would
 * receive is read from GET /_sandbox/orders/:id/guarantee-code.
 */
import { randomBytes, randomInt } from "node:crypto"

import type {
  GuaranteeCodeResult,
  GuaranteePayRequest,
  GuaranteePayResult,
  GuaranteeRequest,
  GuaranteeValidation,
  Order,
} from "../invoicebox/types"
import { innHasValidCheckDigits } from "./counterparty-registry"
import { SandboxApiError } from "./envelope"
import { toScaledInteger } from "./order-validation"
import type { SandboxStore } from "./store"

export const CODE_SENDS_PER_ORDER = 5
export const WRONG_CODES_ALLOWED = 3

interface SentCode {
  publicCode: string
  code: string
  sentAt: number
  sends: number
  wrongCodes: number
}

export class GuaranteeDesk {
  private readonly codes = new Map<string, SentCode>()

  constructor(
    private readonly store: SandboxStore,
    private readonly resendAfterMs: number,
    private readonly onPaid: (order: Order) => void
  ) {}

  reset(): void {
    this.codes.clear()
  }

  /** POST …/payment-method-action/validate */
  validate(orderId: string, request: GuaranteeRequest): GuaranteeValidation {
    const order = this.payableOrder(orderId)
    const payer = payerOf(request)
    if (payer === null) {
      return { type: "none", result: "notRegistered", resultNote: "The payer's ИНН is not registered" }
    }
    if (!this.fundHolds(payer, order)) {
      return { type: "none", result: "notEnoughMoney", resultNote: "The guarantee fund does not hold the amount" }
    }
    return { type: "none", result: "available", resultData: { url: "", method: "POST", arguments: [] } }
  }

  /** POST …/payment-method-action/send-code */
  sendCode(orderId: string, request: GuaranteeRequest, now = Date.now()): GuaranteeCodeResult {
    this.payableOrder(orderId)
    const sent = this.codes.get(orderId)
    const answer = (result: GuaranteeCodeResult["result"], code: SentCode | undefined): GuaranteeCodeResult => ({
      type: "none",
      result,
      resultData: {
        publicCode: code?.publicCode ?? "",
        leftAttempt: CODE_SENDS_PER_ORDER - (code?.sends ?? 0),
      },
    })
    if (payerOf(request) === null) return answer("error", sent)
    if (sent && now - sent.sentAt < this.resendAfterMs) return answer("codeAlreadySent", sent)
    if (sent && sent.sends >= CODE_SENDS_PER_ORDER) return answer("error", sent)
    const next: SentCode = {
      publicCode: randomBytes(5).toString("hex"),
      code: String(randomInt(0, 1_000_000)).padStart(6, "0"),
      sentAt: now,
      sends: (sent?.sends ?? 0) + 1,
      wrongCodes: 0,
    }
    this.codes.set(orderId, next)
    return answer("success", next)
  }

  /** POST …/payment-method-action/pay */
  pay(orderId: string, request: GuaranteePayRequest): GuaranteePayResult {
    const current = this.store.getOrder(orderId)
    if (current.status === "completed") return { type: "none", result: "alreadyPaid", resultData: {} }
    const order = this.payableOrder(orderId)
    const sent = this.codes.get(orderId)
    if (sent && sent.wrongCodes >= WRONG_CODES_ALLOWED) return { type: "none", result: "limitReached", resultData: {} }
    const { publicCode, code } = request.customerPaymentData
    if (!sent || sent.publicCode !== publicCode || sent.code !== code) {
      if (sent) sent.wrongCodes += 1
      const limit = sent !== undefined && sent.wrongCodes >= WRONG_CODES_ALLOWED
      return { type: "none", result: limit ? "limitReached" : "wrongCode", resultData: {} }
    }
    const payer = payerOf(request)
    if (payer === null) return { type: "none", result: "error", resultData: {} }
    if (!this.fundHolds(payer, order)) {
      return {
        type: "message",
        result: "notEnoughMoney",
        resultData: {
          message: {
            title: "Недостаточно средств",
            message:
              "Для подтверждения выбранного заказа недостаточно средств. Пожалуйста, восстановите баланс гарантийного фонда.",
          },
        },
      }
    }
    this.codes.delete(orderId)
    this.onPaid(this.store.markPaid(orderId, { guaranteePayer: payer }))
    return { type: "none", result: "success", resultData: {} }
  }

  /** The code last sent for the order, as the payer received it (control API). */
  sentCode(orderId: string): { publicCode: string; code: string } {
    const sent = this.codes.get(orderId)
    if (!sent) throw new SandboxApiError(404, "not_found", `No confirmation code was sent for order ${orderId}`)
    return { publicCode: sent.publicCode, code: sent.code }
  }

  private payableOrder(orderId: string): Order {
    const order = this.store.getOrder(orderId)
    if (order.status !== "created") {
      throw new SandboxApiError(422, "wrong_order_status", `The order cannot be paid (status: ${order.status})`)
    }
    return order
  }

  private fundHolds(payer: string, order: Order): boolean {
    return this.store.guaranteeFundLeft(payer) >= (toScaledInteger(order.amount, 2) ?? 0n)
  }
}

/** The payer's ИНН when it is registered (valid check digits), else null. */
function payerOf(request: GuaranteeRequest): string | null {
  const inn = request.customer.vatNumber
  return inn !== undefined && innHasValidCheckDigits(inn) ? inn : null
}
