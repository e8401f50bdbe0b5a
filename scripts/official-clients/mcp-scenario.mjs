// InvoiceBox's official MCP server (github.com/InvoiceBox/invoicebox-mcp-server) against the local
// sandbox: the real server process over stdio, driven by an MCP client calling its tools as an
// assistant would (writes in their two phases: summary + token, then the call with the token).
// Prints one PASS/FAIL line per call; exits 1 when any call failed.
//
// Run from the MCP server's directory (its node_modules hold @modelcontextprotocol/sdk):
//   node mcp-scenario.mjs <sandbox URL> <path of the built server, dist/index.js>
import { Client } from "@modelcontextprotocol/sdk/client/index.js"
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js"

const [sandboxUrl = "http://127.0.0.1:9100", serverPath = "dist/index.js"] = process.argv.slice(2)
const token = process.env.INVOICEBOX_TOKEN ?? "b37c4c689295904ed21eee5d9a48d42e"
const merchantId = process.env.INVOICEBOX_MERCHANT_ID ?? "ffffffff-ffff-ffff-ffff-ffffffffffff"

let failures = 0
const serverLog = []

async function step(name, run) {
  try {
    const detail = await run()
    console.log(`PASS  mcp-server  ${name}${detail ? `  (${detail})` : ""}`)
  } catch (error) {
    failures += 1
    console.log(`FAIL  mcp-server  ${name}: ${error instanceof Error ? error.message : String(error)}`)
  }
}

function check(condition, message) {
  if (!condition) throw new Error(message)
}

async function control(method, path) {
  const response = await fetch(`${sandboxUrl}/_sandbox${path}`, { method })
  return response.json()
}

const transport = new StdioClientTransport({
  command: process.execPath,
  args: [serverPath],
  env: {
    ...process.env,
    INVOICEBOX_API_TOKEN: token,
    INVOICEBOX_MERCHANT_ID: merchantId,
    INVOICEBOX_ENV: "demo",
    INVOICEBOX_API_URL: sandboxUrl,
    INVOICEBOX_TOOLSETS: "write,refund",
    INVOICEBOX_LOG_LEVEL: "error",
  },
  stderr: "pipe",
})
transport.stderr?.on("data", (chunk) => serverLog.push(String(chunk)))
const client = new Client({ name: "medusa-payment-invoicebox official-clients scenario", version: "1.0.0" })

/** A tool's JSON answer; a refusal (isError) fails the call with the server's words. */
async function tool(name, args) {
  const result = await client.callTool({ name, arguments: args })
  const text = result.content?.[0]?.text ?? "{}"
  if (result.isError) throw new Error(`${name} refused: ${text}`)
  return JSON.parse(text)
}

/** A write: the first call returns a summary and a token, the second one executes. */
async function confirmed(name, args) {
  const preview = await tool(name, args)
  check(preview.confirmation_required === true, `${name}: no confirmation step (${JSON.stringify(preview)})`)
  return tool(name, { ...args, confirmation_token: preview.confirmation_token })
}

const customer = {
  type: "legal",
  name: "ООО «Вектор»",
  vat_number: "7707083893",
  tax_registration_reason_code: "770701001",
  email: "buh@example.com",
}
const line = {
  sku: "ROOM-1",
  name: "Бронирование номера, 1 ночь",
  measure: "шт",
  quantity: 1,
  amount: "12200",
  total_amount: "12200",
  total_vat_amount: "2200",
  vat_code: "RUS_VAT22",
}
const half = { ...line, amount: "6100", total_amount: "6100", total_vat_amount: "1100" }
const orderArgs = {
  description: "Проживание в отеле",
  customer,
  basket_items: [line],
  amount: "12200",
  vat_amount: "2200",
  currency_id: "RUB",
  expiration_date: new Date(Date.now() + 24 * 3600 * 1000).toISOString().replace(/\.\d{3}Z$/, "+00:00"),
}

try {
  await step("connect (the server checks its token at startup)", async () => {
    await client.connect(transport)
    const { tools } = await client.listTools()
    return `${tools.length} tools: ${tools.map((t) => t.name).join(", ")}`
  })

  await step("lookup_company_by_inn", async () => {
    const company = await tool("lookup_company_by_inn", { inn: "7707083893" })
    check(company.inn === "7707083893" && typeof company.name === "string", JSON.stringify(company))
    return `${company.name}, КПП ${company.kpp}, ОГРН ${company.registration_number}`
  })

  let orderId = ""
  let merchantOrderId = ""
  await step("create_order (two-phase)", async () => {
    const created = await confirmed("create_order", orderArgs)
    check(created.status === "created" && typeof created.payment_url === "string", JSON.stringify(created))
    orderId = created.order_id
    merchantOrderId = created.merchant_order_id
    return `${orderId}, ${merchantOrderId}`
  })

  await step("get_order by order_id (GET /billing/api/order/order/{id})", async () => {
    const order = await tool("get_order", { order_id: orderId, response_format: "detailed" })
    check(order.order_id === orderId && order.status === "created" && order.amount === "12200", JSON.stringify(order))
    return `${order.status}, ${order.amount} kopecks`
  })

  await step("get_order by merchant_order_id (filter, _pageSize)", async () => {
    const order = await tool("get_order", { merchant_order_id: merchantOrderId })
    check(order.order_id === orderId, JSON.stringify(order))
    return order.status
  })

  let second = ""
  await step("create_order, a second one", async () => {
    second = (await confirmed("create_order", { ...orderArgs, description: "Второй счёт" })).order_id
    return second
  })

  await step("find_orders (_page, _pageSize, _order[createdAt]=desc, status)", async () => {
    const found = await tool("find_orders", { status: ["created"], page: 1, page_size: 1 })
    check(found.orders.length === 1 && found.total_count === 2 && found.page_size === 1, JSON.stringify(found))
    check(typeof found.truncated === "string", "no truncation note")
    return `1 of ${found.total_count}, truncated`
  })

  await step("cancel_order (two-phase)", async () => {
    const canceled = await confirmed("cancel_order", { order_id: second, reason: "Счёт выставлен повторно" })
    check(canceled.status === "canceled", JSON.stringify(canceled))
    return "canceled"
  })

  await step("sandbox: the buyer pays the first order", async () => {
    const paid = await control("POST", `/orders/${orderId}/pay`)
    check(paid.order?.status === "completed", JSON.stringify(paid))
    return "completed"
  })

  await step("find_shipments, none yet (GET /billing/api/order/shipment?orderId=)", async () => {
    const found = await tool("find_shipments", { order_id: orderId })
    check(found.shipments.length === 0 && found.dropped_foreign === undefined, JSON.stringify(found))
    return "0 shipments"
  })

  await step("create_shipment, half, final=false (two-phase)", async () => {
    const shipment = await confirmed("create_shipment", { order_id: orderId, basket_items: [half], final: false })
    check(shipment.status === "completed" && shipment.final === false, JSON.stringify(shipment))
    return `shipment ${shipment.shipment_id}`
  })

  await step("create_shipment, the rest, final=true", async () => {
    const shipment = await confirmed("create_shipment", { order_id: orderId, basket_items: [half], final: true })
    check(shipment.status === "completed" && shipment.final === true, JSON.stringify(shipment))
    return `shipment ${shipment.shipment_id}`
  })

  await step("create_shipment beyond the order's amount is refused before any write", async () => {
    const result = await client.callTool({
      name: "create_shipment",
      arguments: { order_id: orderId, basket_items: [half], final: false },
    })
    check(result.isError === true, `accepted: ${result.content?.[0]?.text}`)
    return "refused: over the amount"
  })

  await step("find_shipments, detailed (status, type, final, amount, vatAmount, createdAt)", async () => {
    const found = await tool("find_shipments", { order_id: orderId, response_format: "detailed" })
    const [first, last] = found.shipments
    check(found.shipments.length === 2, JSON.stringify(found))
    check(
      first.final === false && last.final === true && first.type === "partial" && last.type === "full",
      "final/type"
    )
    check(first.amount === "6100" && first.vat_amount === "1100" && typeof first.created_at === "string", "amounts")
    return `${found.shipments.length} shipments, ${found.total_count} total`
  })

  let refundId = ""
  await step("create_refund by composition (availableAmount, two-phase)", async () => {
    const refund = await confirmed("create_refund", {
      parent_order_id: orderId,
      description: "Возврат за одну ночь",
      amount: "6100",
      basket_items: [half],
    })
    check(refund.status === "created", JSON.stringify(refund))
    refundId = refund.refund_id
    return `refund ${refundId}, status created`
  })

  await step("create_refund of everything left (availableAmount / availableVatAmount)", async () => {
    const refund = await confirmed("create_refund", { parent_order_id: orderId, description: "Возврат остатка" })
    check(refund.status === "created" && refund.amount === "6100", JSON.stringify(refund))
    return `refund ${refund.refund_id}, ${refund.amount} kopecks`
  })

  await step("create_refund with nothing left is refused before any write", async () => {
    const result = await client.callTool({
      name: "create_refund",
      arguments: { parent_order_id: orderId, description: "Ещё возврат" },
    })
    check(result.isError === true, `accepted: ${result.content?.[0]?.text}`)
    return "refused: nothing left"
  })

  await step("sandbox: InvoiceBox completes the first refund", async () => {
    const refund = await control("POST", `/refunds/${refundId}/complete`)
    check(refund.status === "completed", JSON.stringify(refund))
    return "completed"
  })
} finally {
  await client.close().catch(() => undefined)
}

if (failures > 0 && serverLog.length > 0) console.log(`--- MCP server log ---\n${serverLog.join("")}`)
console.log(failures === 0 ? "mcp-server: all calls passed" : `mcp-server: ${failures} call(s) failed`)
process.exit(failures === 0 ? 0 : 1)
