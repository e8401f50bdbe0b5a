/** `invoicebox-sandbox`: runs the local InvoiceBox API v3 simulator until Ctrl-C. */
import { parseArgs } from "node:util"

import { isSupportedSignatureAlgorithm } from "../invoicebox/signature"
import { ORDER_STATUSES, type OrderStatus } from "../invoicebox/types"
import { REFUND_COMPLETIONS, resolveSandboxOptions, type RefundCompletion } from "./options"
import { startSandbox } from "./server"

const HELP = `invoicebox-sandbox — a local InvoiceBox API v3 (orders, refunds, shipments, payment page, signed
notifications over HTTP and the WebSocket gate, partner onboarding of more shops)

Usage: invoicebox-sandbox [options]
  --port <n>               port (default 9100; env INVOICEBOX_SANDBOX_PORT; 0 = any free port)
  --host <host>            interface (default 127.0.0.1; env INVOICEBOX_SANDBOX_HOST)
  --merchant-id <uuid>     shop id (default: the docs' demo shop; env INVOICEBOX_MERCHANT_ID)
  --token <token>          API token (env INVOICEBOX_TOKEN)
  --notification-key <k>   notification signing key (env INVOICEBOX_NOTIFICATION_KEY)
  --partner-id <uuid>      the partner that may invite and activate shops (default: the docs' partner;
                           env INVOICEBOX_PARTNER_ID; with --partner-token)
  --partner-token <token>  that partner's API token (env INVOICEBOX_PARTNER_TOKEN)
  --algorithm <alg>        signature HMAC algorithm: sha1 (default), sha256, sha512, md5
  --public-url <url>       base of payment URLs (default http://host:port)
  --notification-url <u>   where notifications go when an order has none
  --no-rate-limit          turn off the 100 requests / 30 s limit
  --state-file <path>      keep orders, refunds and shipments in this JSON file between runs
  --refund-completion <m>  immediate (default: refund orders are created completed) or manual
                           (created, as the real API; POST /_sandbox/refunds/:id/complete|cancel)
  --notify-statuses <list> order statuses the shop is notified of, e.g. completed,canceled,expired
                           (default completed)
  --quiet                  no request log
  --help                   this text`

export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      "merchant-id": { type: "string" },
      token: { type: "string" },
      "notification-key": { type: "string" },
      "partner-id": { type: "string" },
      "partner-token": { type: "string" },
      algorithm: { type: "string" },
      "public-url": { type: "string" },
      "notification-url": { type: "string" },
      "no-rate-limit": { type: "boolean" },
      "state-file": { type: "string" },
      "refund-completion": { type: "string" },
      "notify-statuses": { type: "string" },
      quiet: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  })
  if (values.help) {
    console.log(HELP)
    return
  }
  const env = process.env
  const portText = values.port ?? env.INVOICEBOX_SANDBOX_PORT ?? "9100"
  const port = Number(portText)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: not a port number: ${portText}`)
  const algorithm = values.algorithm ?? env.INVOICEBOX_SIGNATURE_ALGORITHM ?? "sha1"
  if (!isSupportedSignatureAlgorithm(algorithm)) throw new Error(`--algorithm: unsupported ${algorithm}`)
  const refundCompletion = values["refund-completion"] ?? env.INVOICEBOX_SANDBOX_REFUND_COMPLETION ?? "immediate"
  if (!isRefundCompletion(refundCompletion)) {
    throw new Error(`--refund-completion: ${refundCompletion} is not one of ${REFUND_COMPLETIONS.join(", ")}`)
  }
  const notifyStatuses = (values["notify-statuses"] ?? env.INVOICEBOX_SANDBOX_NOTIFY_STATUSES ?? "completed")
    .split(",")
    .map((status) => status.trim())
    .filter((status) => status !== "")
  const unknownStatus = notifyStatuses.find((status) => !isOrderStatus(status))
  if (unknownStatus !== undefined) {
    throw new Error(`--notify-statuses: ${unknownStatus} is not one of ${ORDER_STATUSES.join(", ")}`)
  }
  const partnerId = values["partner-id"] ?? env.INVOICEBOX_PARTNER_ID
  const partnerToken = values["partner-token"] ?? env.INVOICEBOX_PARTNER_TOKEN
  if ((partnerId === undefined) !== (partnerToken === undefined)) {
    throw new Error("--partner-id and --partner-token go together")
  }
  const options = resolveSandboxOptions({
    port,
    host: values.host ?? env.INVOICEBOX_SANDBOX_HOST,
    merchantId: values["merchant-id"] ?? env.INVOICEBOX_MERCHANT_ID,
    token: values.token ?? env.INVOICEBOX_TOKEN,
    notificationKey: values["notification-key"] ?? env.INVOICEBOX_NOTIFICATION_KEY,
    partners: partnerId !== undefined && partnerToken !== undefined ? [{ partnerId, token: partnerToken }] : undefined,
    signatureAlgorithm: algorithm,
    publicUrl: values["public-url"] ?? env.INVOICEBOX_SANDBOX_PUBLIC_URL,
    defaultNotificationUrl: values["notification-url"] ?? env.INVOICEBOX_NOTIFICATION_URL,
    rateLimit: values["no-rate-limit"] ? false : undefined,
    quiet: values.quiet ?? false,
    stateFile: values["state-file"] ?? env.INVOICEBOX_SANDBOX_STATE_FILE,
    refundCompletion,
    notifyStatuses: notifyStatuses.filter(isOrderStatus),
  })
  const sandbox = await startSandbox(options)
  console.log(`InvoiceBox sandbox listening on ${sandbox.url}`)
  console.log(`  API:            ${sandbox.url}/v3/  (and /l3/)`)
  console.log(`  WebSocket gate: ${sandbox.gateUrl}?token=<shop token>`)
  console.log(
    `  control API:    ${sandbox.url}/_sandbox/orders, /_sandbox/notifications, /_sandbox/refunds/:id, ` +
      "/_sandbox/merchants, /_sandbox/invites, /_sandbox/ws/connections"
  )
  console.log(`  refund orders:  ${options.refundCompletion}; notified statuses: ${options.notifyStatuses.join(", ")}`)
  console.log(`  merchant id:    ${options.merchantId}`)
  console.log(`  token:          ${options.token}`)
  for (const partner of options.partners) console.log(`  partner:        ${partner.partnerId} (token ${partner.token})`)
  console.log(`  notification key: ${options.notificationKey} (HMAC-${options.signatureAlgorithm})`)
  const stop = (): void => {
    void sandbox.close().then(() => process.exit(0))
  }
  process.once("SIGINT", stop)
  process.once("SIGTERM", stop)
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  })
}

function isRefundCompletion(value: string): value is RefundCompletion {
  return (REFUND_COMPLETIONS as readonly string[]).includes(value)
}

function isOrderStatus(value: string): value is OrderStatus {
  return (ORDER_STATUSES as readonly string[]).includes(value)
}
