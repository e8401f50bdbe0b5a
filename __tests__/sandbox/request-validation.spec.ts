/** The sandbox's request contracts (src/sandbox/request-validation.ts): 422 validation_error naming every bad field. */
import { SandboxApiError } from "../../src/sandbox/envelope"
import { createOrderSchema, createRefundSchema, parseRequest } from "../../src/sandbox/request-validation"
import { orderRequest } from "../helpers/orders"

function refusal(run: () => unknown): SandboxApiError {
  try {
    run()
  } catch (error) {
    if (error instanceof SandboxApiError) return error
    throw error
  }
  throw new Error("expected a SandboxApiError, nothing was thrown")
}

describe("parseRequest", () => {
  it("returns a valid body as parsed", () => {
    const request = orderRequest()
    expect(parseRequest(createOrderSchema, request)).toEqual(request)
  })

  it("throws 422 validation_error 'Validation Error'", () => {
    const error = refusal(() => parseRequest(createOrderSchema, {}))
    expect(error.httpStatus).toBe(422)
    expect(error.code).toBe("validation_error")
    expect(error.message).toBe("Validation Error")
  })

  it("marks missing fields `required` and present but wrong ones `wrong_value`", () => {
    const { description: _description, ...withoutDescription } = orderRequest()
    const error = refusal(() =>
      parseRequest(createOrderSchema, { ...withoutDescription, amount: "100", currencyId: 643 })
    )
    const fields = Object.fromEntries(error.fields.map((field) => [field.name, field.code]))
    expect(fields).toEqual({ description: "required", amount: "wrong_value", currencyId: "wrong_value" })
    expect(error.fields.every((field) => field.message.length > 0)).toBe(true)
  })

  it("a too long value is wrong, not missing", () => {
    const error = refusal(() => parseRequest(createOrderSchema, orderRequest({ merchantOrderId: "x".repeat(257) })))
    expect(error.fields).toEqual([{ name: "merchantOrderId", code: "wrong_value", message: expect.any(String) }])
  })

  it("names a basket line's field by its path, and the body itself as `body`", () => {
    const request = orderRequest()
    const [first, ...rest] = request.basketItems
    const { quantity: _quantity, ...noQuantity } = first!
    const error = refusal(() =>
      parseRequest(createOrderSchema, { ...request, basketItems: [noQuantity, { ...rest[0]!, amount: "1" }] })
    )
    expect(error.fields.map((field) => [field.name, field.code])).toEqual([
      ["basketItems.0.quantity", "required"],
      ["basketItems.1.amount", "wrong_value"],
    ])
    for (const body of [null, "[]", 42]) {
      expect(refusal(() => parseRequest(createRefundSchema, body)).fields).toEqual([
        { name: "body", code: "wrong_value", message: expect.any(String) },
      ])
    }
  })
})
