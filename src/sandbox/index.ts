/** The local InvoiceBox API v3 sandbox: `startSandbox({ port: 0 })` in tests, `invoicebox-sandbox` on the CLI. */
export { startSandbox, type RunningSandbox } from "./server"
export {
  resolveSandboxOptions,
  INVOICEBOX_RETRY_DELAYS_MS,
  REFUND_COMPLETIONS,
  type RefundCompletion,
  type SandboxOptions,
} from "./options"
export { checkOrderArithmetic } from "./order-validation"
export { classifyReply, type DeliveryRecord, type DeliveryOutcome } from "./notifier"
export { ENDPOINTS, type EndpointName, type Fault } from "./faults"
export { counterpartyByInn } from "./counterparty-registry"
