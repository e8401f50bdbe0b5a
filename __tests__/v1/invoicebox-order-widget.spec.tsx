/**
 * The Medusa v1 admin widget (src/v1/admin/widgets/invoicebox-order.tsx) rendered with react-dom/server, its data
 * source (medusa-react's useAdminCustomQuery, which the v1 admin provides) mocked; and the bundle that
 * scripts/build-v1-admin.js makes for the v1 admin: its export shape, its imports, and the same widget in it.
 */
import fs from "node:fs"
import os from "node:os"
import path from "node:path"

import type { ComponentType } from "react"
import { renderToStaticMarkup } from "react-dom/server"

import type { AdminCustomQueryResult } from "medusa-react"
import type { InvoiceboxV1OrderResponse, InvoiceboxV1OrderView } from "../../src/v1/admin/invoicebox-order-view"
import type { OrderDetailsWidgetProps } from "../../src/v1/admin/widget-types"

const useAdminCustomQuery = jest.fn<AdminCustomQueryResult<InvoiceboxV1OrderResponse>, unknown[]>()

// medusa-react is the v1 admin's, not this package's: a virtual module stands in for it
jest.mock("medusa-react", () => ({ useAdminCustomQuery }), { virtual: true })
// the bundle (built outside the repository) imports react/jsx-runtime as the admin provides it: this package's copy
jest.mock("react/jsx-runtime", () => jest.requireActual("react/jsx-runtime"), { virtual: true })

// loaded after the mocks above
const widgetModule: typeof import("../../src/v1/admin/widgets/invoicebox-order") = require("../../src/v1/admin/widgets/invoicebox-order")
const {
  buildV1Admin,
  EXTERNAL,
}: typeof import("../../scripts/build-v1-admin") = require("../../scripts/build-v1-admin")

const ORDER_ID = "order_01HV1ORDER"

const notify: OrderDetailsWidgetProps["notify"] = {
  success: jest.fn(),
  error: jest.fn(),
  warn: jest.fn(),
  info: jest.fn(),
}

const notification = (status: string, day: number) => ({
  status,
  reply: `reply of ${status} on the ${day}th`,
  received_at: `2024-05-${String(day).padStart(2, "0")}T12:00:00.000Z`,
})

const PAID: InvoiceboxV1OrderView = {
  provider_id: "invoicebox",
  invoicebox_order_id: "ib-order-5a3f",
  merchant_order_id: "merchant-77",
  status: "completed",
  amount: 1234.5,
  currency_code: "rub",
  payment_url: "https://go.invoicebox.example/pay/ib-order-5a3f",
  paid_at: "2024-05-01T12:00:00.000Z",
  capture_mode: "auto",
  refunds: [{ id: "ib-refund-91", merchant_order_id: "merchant-77-r1", amount: 500, status: "completed" }],
  shipments: [{ id: 4242, status: "created", amount: 734.5 }],
  // six, in no order: the widget lists the five newest
  notifications: [
    notification("created", 10),
    notification("old_one", 3),
    notification("completed", 12),
    notification("refunded", 14),
    notification("partially_shipped", 13),
    notification("retry", 11),
  ],
}

type QueryState = Pick<AdminCustomQueryResult<InvoiceboxV1OrderResponse>, "data" | "isLoading" | "isError" | "error">

function answer(state: QueryState): void {
  useAdminCustomQuery.mockReturnValue({ ...state, isFetching: false, refetch: jest.fn() })
}

const loaded = (body: Record<string, unknown>): QueryState => ({
  data: { ...body, response: { status: 200 } } as QueryState["data"],
  isLoading: false,
  isError: false,
  error: null,
})

/** the widget's HTML, and its text with the tags dropped */
function render(Widget: ComponentType<OrderDetailsWidgetProps>): { html: string; text: string } {
  const html = renderToStaticMarkup(<Widget order={{ id: ORDER_ID }} notify={notify} />)
  const text = html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
  return { html, text }
}

/** what the paid order shows, whichever build of the widget renders it */
function expectPaidOrder(Widget: ComponentType<OrderDetailsWidgetProps>): void {
  answer(loaded({ invoicebox: PAID }))
  const { html, text } = render(Widget)
  expect(text).toContain("InvoiceBox payment")
  expect(text).toContain("Paid")
  expect(text).toContain("Amount 1,234.50 RUB")
  expect(text).toContain("Capture mode Automatic")
  expect(text).toContain("InvoiceBox order ib-order-5a3f")
  expect(text).toContain("Merchant order merchant-77")
  expect(text).toMatch(/Paid at \d{1,2} May 2024, \d{2}:\d{2}/)
  expect(html).toContain(
    '<a class="text-violet-60 hover:text-violet-50" href="https://go.invoicebox.example/pay/ib-order-5a3f" target="_blank" rel="noopener noreferrer">Open payment page</a>'
  )
  // one refund, one shipment
  expect(text).toContain("Refunds Refund Merchant order Amount Status ib-refund-91 merchant-77-r1 500.00 RUB Completed")
  expect(text).toContain("Shipments Shipment Status Amount 4242 Created 734.50 RUB")
  expect(text).not.toContain("No refunds")
  expect(text).not.toContain("No shipments")
  // the five newest notifications, newest first; the oldest left out
  const replies = [...text.matchAll(/reply of (\w+) on/g)].map((match) => match[1])
  expect(replies).toEqual(["refunded", "partially_shipped", "completed", "retry", "created"])
  expect(text).toContain("Partially shipped")
  expect(text).not.toContain("old_one")
  expect(text).toContain("Refresh")
  // the plugin's v1 admin route, through the admin's own client
  expect(useAdminCustomQuery).toHaveBeenCalledWith(`/invoicebox/orders/${ORDER_ID}`, [
    "invoicebox",
    "v1",
    "order",
    ORDER_ID,
  ])
}

beforeEach(() => {
  useAdminCustomQuery.mockReset()
})

describe("v1 admin widget (source)", () => {
  const Widget = widgetModule.default

  it("is a widget of the order details page, after the order", () => {
    expect(widgetModule.config).toEqual({ zone: "order.details.after" })
  })

  it("says so when the order has no InvoiceBox payment", () => {
    answer(loaded({ invoicebox: null }))
    const { text } = render(Widget)
    expect(text).toContain("This order has no InvoiceBox payment.")
    expect(text).not.toContain("Open payment page")
    expect(text).not.toContain("Could not load")
    expect(useAdminCustomQuery).toHaveBeenCalledWith(`/invoicebox/orders/${ORDER_ID}`, expect.any(Array))
  })

  it("shows a paid payment: status, amount, link, paid at, capture mode, refunds, shipments, notifications", () => {
    expectPaidOrder(Widget)
  })

  it("shows an awaiting payment with manual capture and nothing refunded or shipped", () => {
    answer(
      loaded({
        invoicebox: {
          ...PAID,
          status: "created",
          paid_at: null,
          capture_mode: "manual",
          refunds: [],
          shipments: [],
          notifications: [],
        },
      })
    )
    const { text } = render(Widget)
    expect(text).toContain("Awaiting payment")
    expect(text).toContain("Paid at Not paid yet")
    expect(text).toContain("Capture mode Manual")
    expect(text).toContain("No refunds")
    expect(text).toContain("No shipments")
    expect(text).toContain("No notifications received yet")
  })

  it("shows the route's error message and a retry when the request fails", () => {
    const error = Object.assign(new Error("Request failed with status code 500"), {
      response: { status: 500, data: { message: "InvoiceBox is unreachable" } },
    })
    answer({ data: undefined, isLoading: false, isError: true, error })
    const { html, text } = render(Widget)
    expect(html).toContain('role="alert"')
    expect(text).toContain("Could not load the InvoiceBox payment: InvoiceBox is unreachable")
    expect(text).toContain("Try again")
    expect(text).not.toContain("This order has no InvoiceBox payment.")
    expect(text).not.toContain("Open payment page")
  })

  it("falls back to the transport's message when the error has no body", () => {
    answer({ data: undefined, isLoading: false, isError: true, error: new Error("Network Error") })
    expect(render(Widget).text).toContain("Could not load the InvoiceBox payment: Network Error")
  })

  it("treats a body that is not the route's as an error, not as 'no payment'", () => {
    answer(loaded({ orders: [] }))
    const { text } = render(Widget)
    expect(text).toContain("Could not load the InvoiceBox payment: the server's answer is not the InvoiceBox route's")
    expect(text).not.toContain("This order has no InvoiceBox payment.")
  })

  it("shows that it is loading, without a button", () => {
    answer({ data: undefined, isLoading: true, isError: false, error: null })
    const { html, text } = render(Widget)
    expect(text).toContain("Loading the InvoiceBox payment")
    expect(html).not.toContain("<button")
  })
})

describe("v1 admin bundle (scripts/build-v1-admin.js)", () => {
  let outDir: string
  let outFile: string
  let code: string

  beforeAll(async () => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), "invoicebox-v1-admin-"))
    const built = await buildV1Admin({ root: path.join(__dirname, "..", ".."), outDir })
    outFile = built.outFile
    code = fs.readFileSync(outFile, "utf8")
  })

  afterAll(() => {
    fs.rmSync(outDir, { recursive: true, force: true })
  })

  it("is the file the v1 admin loads from a plugin: dist/admin/_virtual_entry.js, an ES module", () => {
    expect(path.basename(outFile)).toBe("_virtual_entry.js")
    expect(code).toMatch(/export \{\s*\w+ as default\s*\};\s*$/)
    expect(code).not.toMatch(/\brequire\(/)
    expect(code).not.toMatch(/<div|process\.env/)
  })

  it("imports nothing but what the v1 admin shares with its extensions", () => {
    const imports = [...code.matchAll(/^import [^;]*? from "([^"]+)";$/gm)].map((match) => match[1])
    expect([...new Set(imports)].sort()).toEqual(["medusa-react", "react/jsx-runtime"])
    for (const specifier of imports) expect(EXTERNAL).toContain(specifier)
  })

  it("exports { identifier, extensions: [{ Component, config: { zone: order.details.after, type: widget } }] }", () => {
    // the built file, through jest's transform
    const entry = require(outFile).default as {
      identifier: string
      extensions: { Component: ComponentType<OrderDetailsWidgetProps>; config: Record<string, unknown> }[]
    }
    expect(entry.identifier).toMatch(/^medusa-payment-invoicebox/)
    expect(entry.extensions).toHaveLength(1)
    expect(entry.extensions[0].config).toEqual({ zone: "order.details.after", type: "widget" })
    expect(typeof entry.extensions[0].Component).toBe("function")
    expectPaidOrder(entry.extensions[0].Component)
  })
})
