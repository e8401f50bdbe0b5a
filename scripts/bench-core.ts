/**
 * Core benchmark (prints figures, asserts nothing):
 * - time to build a 1 000-line basket (uneven discounts, fractional quantities, mixed VAT), and to reconcile it;
 * - InvoiceboxClient overhead per call against the local sandbox, next to a bare axios call.
 * Run: npm run bench:core
 */
import axios from "axios"

import { buildBasket, type BasketLineInput } from "../src/invoicebox/basket"
import { assertOrderBasket } from "../src/invoicebox/basket-reconcile"
import { InvoiceboxClient } from "../src/invoicebox/client"
import { DEMO_SHOP, VAT_CODES } from "../src/invoicebox/types"
import { startSandbox } from "../src/sandbox"

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

function summary(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b)
  return `median ${percentile(sorted, 50).toFixed(1)}  p99 ${percentile(sorted, 99).toFixed(1)}  min ${sorted[0]!.toFixed(1)}`
}

function lines(count: number): BasketLineInput[] {
  return Array.from({ length: count }, (_, i) => ({
    sku: `SKU-${i}`,
    name: `Товар №${i}`,
    unitPrice: ((i * 7919) % 100_000) / 100 + 1,
    quantity: i % 5 === 0 ? "1.375" : (i % 7) + 1,
    discount: i % 3 === 0 ? "0.10" : undefined,
    vatCode: VAT_CODES[i % VAT_CODES.length]!,
  }))
}

async function main(): Promise<void> {
  const input = lines(1_000)
  const buildMs: number[] = []
  const reconcileMs: number[] = []
  let items = 0
  for (let run = 0; run < 30; run++) {
    const started = process.hrtime.bigint()
    const basket = buildBasket(input)
    const built = process.hrtime.bigint()
    assertOrderBasket({ amount: basket.amount / 100, vatAmount: basket.vatAmount / 100, basketItems: basket.items })
    reconcileMs.push(Number(process.hrtime.bigint() - built) / 1e6)
    buildMs.push(Number(built - started) / 1e6)
    items = basket.items.length
  }
  // the first runs warm the JIT up and are left out
  console.log(`buildBasket, 1 000 input lines → ${items} basket items (ms): ${summary(buildMs.slice(5))}`)
  console.log(`assertOrderBasket on that basket (ms):            ${summary(reconcileMs.slice(5))}`)

  const sandbox = await startSandbox({ port: 0, quiet: true, rateLimit: false })
  try {
    const client = new InvoiceboxClient({ token: DEMO_SHOP.token, baseUrl: sandbox.url, rateLimit: false })
    // same transport settings as the client (maxRedirects 0 skips follow-redirects), so the difference is the client's own work
    const bare = axios.create({
      baseURL: sandbox.url,
      maxRedirects: 0,
      headers: { Authorization: `Bearer ${DEMO_SHOP.token}`, Accept: "application/json" },
    })
    const url = "/v3/filter/api/order/order?id=00000000-0000-0000-0000-000000000000"
    const calls = 500
    const clientUs: number[] = []
    const bareUs: number[] = []
    for (let i = 0; i < 50; i++) {
      await client.getOrder("00000000-0000-0000-0000-000000000000")
      await bare.get(url)
    }
    const timeBare = async (): Promise<void> => {
      const started = process.hrtime.bigint()
      await bare.get(url)
      bareUs.push(Number(process.hrtime.bigint() - started) / 1e3)
    }
    const timeClient = async (): Promise<void> => {
      const started = process.hrtime.bigint()
      await client.getOrder("00000000-0000-0000-0000-000000000000")
      clientUs.push(Number(process.hrtime.bigint() - started) / 1e3)
    }
    // interleaved, each going first half of the time, so neither pays for the other's GC or socket reuse
    for (let i = 0; i < calls; i++) {
      if (i % 2 === 0) {
        await timeBare()
        await timeClient()
      } else {
        await timeClient()
        await timeBare()
      }
    }
    console.log(`bare axios GET, ${calls} calls (µs):          ${summary(bareUs)}`)
    console.log(`InvoiceboxClient.getOrder, ${calls} calls (µs): ${summary(clientUs)}`)
    const med = (xs: number[]) =>
      percentile(
        [...xs].sort((a, b) => a - b),
        50
      )
    console.log(`client overhead per call (median difference): ${(med(clientUs) - med(bareUs)).toFixed(1)} µs`)
  } finally {
    await sandbox.close()
  }
}

void main()
