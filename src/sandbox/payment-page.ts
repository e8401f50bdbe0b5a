/** The buyer-facing payment page at an order's paymentUrl: plain HTML with Pay and Decline. */
import type { Order } from "../invoicebox/types"

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!)
}

function money(value: number, currency: string): string {
  return `${value.toFixed(2)} ${currency === "RUB" ? "₽" : currency}`
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:760px;margin:2rem auto;padding:0 1rem;color:#1f2937}
table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border-bottom:1px solid #e5e7eb;padding:.4rem;text-align:left}
td.n{text-align:right}.total{font-size:1.3rem;font-weight:600}.sandbox{background:#fef3c7;padding:.5rem 1rem;border-radius:6px}
form{display:inline-block;margin-right:.5rem}button{font-size:1rem;padding:.6rem 1.4rem;border-radius:6px;border:0;cursor:pointer}
#pay{background:#16a34a;color:#fff}#decline{background:#e5e7eb}`

export function paymentPageHtml(order: Order): string {
  const rows = order.basketItems
    .map(
      (item) =>
        `<tr><td>${escape(item.name)}</td><td class="n">${item.quantity} ${escape(item.measure)}</td>` +
        `<td class="n">${money(item.amount, order.currencyId)}</td><td>${escape(item.vatCode)}</td>` +
        `<td class="n">${money(item.totalAmount, order.currencyId)}</td></tr>`
    )
    .join("\n")
  const payable = order.status === "created"
  const actions = payable
    ? `<form method="post" action="${escape(order.paymentUrl)}/pay"><button id="pay" type="submit">Оплатить / Pay ${money(order.amount, order.currencyId)}</button></form>
<form method="post" action="${escape(order.paymentUrl)}/decline"><button id="decline" type="submit">Отказаться / Decline</button></form>`
    : `<p id="order-status">Заказ ${statusText(order.status)} / Order ${order.status}.</p>`
  return `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Инвойсбокс — оплата заказа ${escape(order.merchantOrderIdVisible ?? order.merchantOrderId)}</title>
<style>${STYLE}</style></head><body>
<p class="sandbox">Песочница Инвойсбокс — деньги не списываются / InvoiceBox sandbox — no real money moves.</p>
<h1>Оплата заказа / Order ${escape(order.merchantOrderIdVisible ?? order.merchantOrderId)}</h1>
<p id="description">${escape(order.description)}</p>
<table><thead><tr><th>Наименование / Item</th><th>Кол-во / Qty</th><th>Цена / Price</th><th>НДС / VAT</th><th>Сумма / Total</th></tr></thead>
<tbody>${rows}</tbody></table>
<p class="total">Итого / Total: <span id="total">${money(order.amount, order.currencyId)}</span> (в т.ч. НДС / VAT ${money(order.vatAmount, order.currencyId)})</p>
${actions}
</body></html>`
}

export function messagePageHtml(title: string, text: string): string {
  return `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>${escape(title)}</title><style>${STYLE}</style></head>
<body><p class="sandbox">Песочница Инвойсбокс / InvoiceBox sandbox</p><h1>${escape(title)}</h1><p id="message">${escape(text)}</p></body></html>`
}

function statusText(status: Order["status"]): string {
  switch (status) {
    case "completed":
      return "уже оплачен"
    case "canceled":
      return "отменён"
    case "expired":
      return "просрочен"
    default:
      return "ожидает оплаты"
  }
}
