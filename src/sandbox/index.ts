/**
 * The local InvoiceBox API v3 sandbox: `startSandbox({ port: 0 })` in tests, `invoicebox-sandbox` on
 * the CLI. Several shops (partner onboarding), HTTP and WebSocket notifications, a control API.
 */
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
export { DELIVERY_CHANNELS, type DeliveryChannel } from "./delivery-log"
export { MERCHANT_SOURCES, type Merchant, type MerchantSource } from "./merchant-registry"
export {
  DOCS_ACTIVATION_CODE,
  DOCS_PARTNER,
  type InviteStatus,
  type Partner,
  type PartnerInvite,
} from "./partner-invites"
export { GATE_PATH, type JsonRpcRequest, type MerchantConnectionsView } from "./ws-gate"
export { ORDER_STATUS_METHOD } from "./ws-notifications"
export { GET_STATUS_METHOD } from "./ws-control-routes"
export { ENDPOINTS, type EndpointName, type Fault } from "./faults"
export { counterpartyByInn } from "./counterparty-registry"
