// The demo storefront: catalogue → cart (promotion code) → e-mail and address, «Оплата от юрлица»
// (company lookup by ИНН) → shipping → "Pay with InvoiceBox" → the InvoiceBox payment page →
// /checkout/success completes the cart, or /checkout/fail offers to try again. Only Medusa's Store API
// and the plugin's store routes, as any storefront would use them.
const config = window.DEMO_CONFIG
const app = document.getElementById("app")
const CART_KEY = "invoicebox_demo_cart_id"
const PROVIDER_ID = "pp_invoicebox_invoicebox"

const rub = (amount) =>
  new Intl.NumberFormat("ru-RU", { style: "currency", currency: "RUB" }).format(Number(amount ?? 0))
const escapeHtml = (text) =>
  String(text ?? "").replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]
  )

async function store(path, { method = "GET", body } = {}) {
  const response = await fetch(`${config.storeUrl}${path}`, {
    method,
    headers: { "Content-Type": "application/json", "x-publishable-api-key": config.publishableKey },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const data = await response.json().catch(() => ({}))
  if (!response.ok) throw new Error(data.message || `HTTP ${response.status}`)
  return data
}

const CART_FIELDS =
  "fields=*items,*shipping_methods,*promotions,+total,+subtotal,+discount_total,+shipping_total,+tax_total,+metadata,*payment_collection.payment_sessions"

async function currentCart() {
  const id = localStorage.getItem(CART_KEY)
  if (!id) return null
  try {
    const { cart } = await store(`/store/carts/${id}?${CART_FIELDS}`)
    return cart.completed_at ? null : cart
  } catch {
    localStorage.removeItem(CART_KEY)
    return null
  }
}

async function ensureCart() {
  const existing = await currentCart()
  if (existing) return existing
  const { cart } = await store("/store/carts", { method: "POST", body: { region_id: config.regionId } })
  localStorage.setItem(CART_KEY, cart.id)
  return cart
}

function showError(error) {
  const box = document.getElementById("error")
  if (box) {
    box.hidden = false
    box.textContent = error instanceof Error ? error.message : String(error)
  }
}

async function busy(button, work) {
  button.disabled = true
  const box = document.getElementById("error")
  if (box) box.hidden = true
  try {
    await work()
  } catch (error) {
    showError(error)
  } finally {
    button.disabled = false
  }
}

// ---- catalogue and cart ----

async function catalogue() {
  const [{ products }, cart] = await Promise.all([
    store(`/store/products?region_id=${config.regionId}&fields=*variants.calculated_price,+metadata&limit=50`),
    currentCart(),
  ])
  app.innerHTML = `
    <div class="layout">
      <section>
        <h1>Каталог</h1>
        <div class="products">${products.map(productCard).join("")}</div>
      </section>
      <aside class="panel" data-testid="cart">${cartPanel(cart)}</aside>
    </div>`
  app.querySelectorAll("[data-variant]").forEach((button) =>
    button.addEventListener("click", () =>
      busy(button, async () => {
        const cart = await ensureCart()
        await store(`/store/carts/${cart.id}/line-items`, {
          method: "POST",
          body: { variant_id: button.dataset.variant, quantity: 1 },
        })
        await catalogue()
      })
    )
  )
  bindCartPanel()
}

function productCard(product) {
  return product.variants
    .map(
      (variant) => `
      <div class="card">
        <h3>${escapeHtml(product.title)}</h3>
        <div class="muted">${escapeHtml(variant.title)}${product.metadata?.invoicebox_type === "service" ? " · услуга" : ""}</div>
        <div class="price">${rub(variant.calculated_price?.calculated_amount)}</div>
        <button data-variant="${variant.id}" data-testid="add-${escapeHtml(variant.sku)}">В корзину</button>
      </div>`
    )
    .join("")
}

function totals(cart) {
  return `
    <div class="totals">
      <div><span>Товары</span><span>${rub(cart.subtotal)}</span></div>
      ${Number(cart.discount_total) > 0 ? `<div><span>Скидка</span><span data-testid="cart-discount">−${rub(cart.discount_total)}</span></div>` : ""}
      ${Number(cart.shipping_total) > 0 ? `<div><span>Доставка</span><span>${rub(cart.shipping_total)}</span></div>` : ""}
      <div><span>НДС</span><span>${rub(cart.tax_total)}</span></div>
      <div class="total"><span>Итого</span><span data-testid="cart-total">${rub(cart.total)}</span></div>
    </div>`
}

function cartPanel(cart) {
  if (!cart || cart.items.length === 0) return `<h2>Корзина</h2><p class="muted">Корзина пуста</p>`
  const codes = (cart.promotions ?? []).map((p) => p.code).filter(Boolean)
  return `
    <h2>Корзина</h2>
    ${cart.items
      .map(
        (item) => `
      <div class="line">
        <span>${escapeHtml(item.product_title)} — ${escapeHtml(item.variant_title)} × ${item.quantity}</span>
        <span>${rub(item.total)} <button class="link" data-remove="${item.id}" title="Удалить">✕</button></span>
      </div>`
      )
      .join("")}
    <form id="promo" class="row">
      <input name="code" placeholder="Промокод, например ${escapeHtml(config.promotionCode)}" data-testid="promo-code" aria-label="Промокод">
      <button class="secondary" data-testid="promo-apply">Применить</button>
    </form>
    ${codes.length ? `<p class="muted" data-testid="promo-applied">Промокод: ${codes.map(escapeHtml).join(", ")}</p>` : ""}
    ${totals(cart)}
    <div id="error" class="error" hidden></div>
    <p><a href="/checkout"><button data-testid="checkout">Оформить заказ</button></a></p>`
}

function bindCartPanel() {
  app.querySelectorAll("[data-remove]").forEach((button) =>
    button.addEventListener("click", () =>
      busy(button, async () => {
        const cart = await currentCart()
        await store(`/store/carts/${cart.id}/line-items/${button.dataset.remove}`, { method: "DELETE" })
        await catalogue()
      })
    )
  )
  const promo = document.getElementById("promo")
  promo?.addEventListener("submit", (event) => {
    event.preventDefault()
    const code = new FormData(promo).get("code").toString().trim()
    if (!code) return
    busy(promo.querySelector("button"), async () => {
      const cart = await currentCart()
      await store(`/store/carts/${cart.id}/promotions`, { method: "POST", body: { promo_codes: [code] } })
      const after = await currentCart()
      if (!(after.promotions ?? []).some((p) => p.code === code)) throw new Error(`Промокод ${code} не подходит`)
      await catalogue()
    })
  })
}

// ---- checkout ----

async function checkout() {
  const cart = await currentCart()
  if (!cart || cart.items.length === 0) {
    location.href = "/"
    return
  }
  const address = cart.shipping_address ?? {}
  const value = (key, fallback = "") => escapeHtml(address[key] ?? fallback)
  const payer = cart.metadata?.invoicebox_company_payer ?? null
  app.innerHTML = `
    <div class="layout">
      <section class="panel">
        <h1>Оформление заказа</h1>
        <form id="details">
          <label>E-mail (для чека)<input name="email" type="email" required value="${escapeHtml(cart.email ?? "")}" data-testid="email"></label>
          <div class="row">
            <label>Имя<input name="first_name" required value="${value("first_name")}" data-testid="first-name"></label>
            <label>Фамилия<input name="last_name" required value="${value("last_name")}" data-testid="last-name"></label>
          </div>
          <label>Телефон<input name="phone" value="${value("phone")}" data-testid="phone"></label>
          <label>Адрес<input name="address_1" required value="${value("address_1")}" data-testid="address"></label>
          <div class="row">
            <label>Город<input name="city" required value="${value("city")}" data-testid="city"></label>
            <label>Индекс<input name="postal_code" required value="${value("postal_code")}" data-testid="postal-code"></label>
          </div>
          ${companyFields(payer)}
          <button data-testid="to-shipping">Выбрать доставку</button>
        </form>
        <div id="shipping"></div>
        <div id="error" class="error" hidden></div>
      </section>
      <aside class="panel">${totals(cart)}</aside>
    </div>`
  const form = document.getElementById("details")
  bindCompanyFields(form, payer)
  form.addEventListener("submit", (event) => {
    event.preventDefault()
    busy(form.querySelector("[data-testid=to-shipping]"), async () => {
      const fields = Object.fromEntries(
        [...new FormData(form).entries()].filter(([key]) => !key.startsWith("company_"))
      )
      const { email, ...rest } = fields
      const shipping_address = { ...rest, country_code: "ru" }
      await store(`/store/carts/${cart.id}`, {
        method: "POST",
        body: { email, shipping_address, billing_address: shipping_address },
      })
      await shippingStep(cart.id, () => saveCompanyPayer(cart.id, form))
    })
  })
}

// ---- «Оплата от юрлица»: a company payer for the cart (the plugin's store routes) ----

/** The checkbox and the company's details; hidden and disabled (not validated, not sent) until ticked. */
function companyFields(payer) {
  const value = (key) => escapeHtml(payer?.[key] ?? "")
  return `
    <label class="option"><input type="checkbox" id="as-company" data-testid="company-payer" ${payer ? "checked" : ""}>
      Оплата от юрлица (счёт и закрывающие документы на организацию или ИП)</label>
    <fieldset id="company" class="company" ${payer ? "" : "disabled hidden"}>
      <legend>Плательщик</legend>
      <div class="row lookup">
        <label>ИНН<input name="company_inn" required inputmode="numeric" value="${value("inn")}" data-testid="company-inn"></label>
        <button type="button" class="secondary" id="company-lookup" data-testid="company-lookup">Найти по ИНН</button>
      </div>
      <p class="muted" id="company-hint" data-testid="company-hint"></p>
      <label>Название<input name="company_name" required value="${value("name")}" data-testid="company-name"></label>
      <div class="row">
        <label>КПП (для организаций)<input name="company_kpp" value="${value("kpp")}" data-testid="company-kpp"></label>
        <label>Телефон<input name="company_phone" value="${value("phone")}" data-testid="company-phone"></label>
      </div>
      <label>Юридический адрес<input name="company_legal_address" required value="${value("legal_address")}" data-testid="company-legal-address"></label>
      <label>E-mail для закрывающих документов<input name="company_email" type="email" required value="${value("email")}" data-testid="company-email"></label>
    </fieldset>`
}

function bindCompanyFields(form, payer) {
  const box = document.getElementById("as-company")
  const fieldset = document.getElementById("company")
  box.addEventListener("change", () => {
    fieldset.hidden = !box.checked
    fieldset.disabled = !box.checked
  })
  const lookup = document.getElementById("company-lookup")
  lookup.addEventListener("click", () =>
    busy(lookup, async () => {
      const hint = document.getElementById("company-hint")
      const inn = form.elements.company_inn.value.trim()
      // InvoiceBox's company register through the plugin (a bad ИНН is refused with a clear message)
      const { companies } = await store(`/store/invoicebox/companies?inn=${encodeURIComponent(inn)}`)
      if (companies.length === 0) {
        hint.textContent = "Компания с таким ИНН не найдена — заполните реквизиты вручную"
        return
      }
      const [company] = companies
      form.elements.company_name.value = company.name ?? ""
      form.elements.company_kpp.value = company.kpp ?? ""
      form.elements.company_legal_address.value = company.legal_address ?? ""
      hint.textContent = `Найдено: ${company.name ?? company.inn}`
    })
  )
  form.dataset.companyPayer = payer ? "declared" : ""
}

/** Declares the company payer for the cart (or goes back to a private payer) before the payment session. */
async function saveCompanyPayer(cartId, form) {
  const path = `/store/carts/${cartId}/invoicebox-company-payer`
  if (!document.getElementById("as-company").checked) {
    if (form.dataset.companyPayer) await store(path, { method: "DELETE" })
    form.dataset.companyPayer = ""
    return
  }
  const value = (name) => form.elements[name].value.trim()
  const body = {
    name: value("company_name"),
    inn: value("company_inn"),
    legal_address: value("company_legal_address"),
    email: value("company_email"),
    // optional: an individual entrepreneur has no КПП
    ...(value("company_kpp") ? { kpp: value("company_kpp") } : {}),
    ...(value("company_phone") ? { phone: value("company_phone") } : {}),
  }
  await store(path, { method: "POST", body })
  form.dataset.companyPayer = "declared"
}

async function shippingStep(cartId, beforePayment) {
  const { shipping_options: options } = await store(`/store/shipping-options?cart_id=${cartId}`)
  const box = document.getElementById("shipping")
  box.innerHTML = `
    <h2>Доставка</h2>
    ${options.length === 0 ? `<p class="muted">Доставка не нужна</p>` : ""}
    ${options
      .map(
        (option, index) => `
      <label class="option"><input type="radio" name="shipping" value="${option.id}" ${index === 0 ? "checked" : ""} data-testid="shipping-option">
        ${escapeHtml(option.name)} — ${rub(option.amount)}</label>`
      )
      .join("")}
    <p><button id="pay" data-testid="pay">Оплатить через InvoiceBox</button></p>`
  const pay = document.getElementById("pay")
  pay.addEventListener("click", () =>
    busy(pay, async () => {
      await beforePayment()
      const chosen = box.querySelector("input[name=shipping]:checked")
      if (chosen)
        await store(`/store/carts/${cartId}/shipping-methods`, { method: "POST", body: { option_id: chosen.value } })
      location.href = await paymentUrl(cartId, true)
    })
  )
}

/** The InvoiceBox payment page of the cart's session; a new session when asked or when there is none. */
async function paymentUrl(cartId, fresh) {
  const { cart } = await store(`/store/carts/${cartId}?fields=*payment_collection.payment_sessions`)
  const pending = (cart.payment_collection?.payment_sessions ?? []).find(
    (s) => s.provider_id === PROVIDER_ID && s.status === "pending"
  )
  if (!fresh && pending?.data?.payment_url && pending.data.status === "created") return pending.data.payment_url
  let collectionId = cart.payment_collection?.id
  if (!collectionId) {
    const { payment_collection } = await store("/store/payment-collections", {
      method: "POST",
      body: { cart_id: cartId },
    })
    collectionId = payment_collection.id
  }
  // the plugin builds the 54-FZ basket from the cart on the server: the storefront sends no lines
  const { payment_collection } = await store(`/store/payment-collections/${collectionId}/payment-sessions`, {
    method: "POST",
    body: { provider_id: PROVIDER_ID },
  })
  const session = payment_collection.payment_sessions.find((s) => s.provider_id === PROVIDER_ID)
  if (!session?.data?.payment_url) throw new Error("InvoiceBox не вернул ссылку на оплату")
  return session.data.payment_url
}

// ---- after the payment page ----

async function success() {
  const cartId = new URLSearchParams(location.search).get("cart_id")
  app.innerHTML = `<section class="panel"><h1>Проверяем оплату…</h1></section>`
  let lastError
  // the notification may be a moment behind the buyer: completion is retried a few times
  for (let attempt = 0; attempt < 10; attempt++) {
    try {
      const result = await store(`/store/carts/${cartId}/complete`, { method: "POST" })
      if (result.type === "order") {
        localStorage.removeItem(CART_KEY)
        app.innerHTML = `
          <section class="success">
            <h1>Спасибо! Заказ оформлен</h1>
            <p>Номер заказа: <strong data-testid="order-number" data-order-id="${escapeHtml(result.order.id)}">${escapeHtml(result.order.display_id)}</strong></p>
            <p>Сумма: ${rub(result.order.total)}. Чек придёт на ${escapeHtml(result.order.email)}.</p>
            <p><a href="/">Вернуться в каталог</a></p>
          </section>`
        return
      }
      lastError = new Error(result.error?.message ?? "Оплата ещё не подтверждена")
    } catch (error) {
      lastError = error
    }
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
  app.innerHTML = `
    <section class="panel">
      <h1>Оплата ещё не подтверждена</h1>
      <div class="error">${escapeHtml(lastError?.message)}</div>
      <p><button onclick="location.reload()">Проверить ещё раз</button> <a href="/checkout/fail?cart_id=${encodeURIComponent(cartId)}">Оплатить снова</a></p>
    </section>`
}

function fail() {
  const cartId = new URLSearchParams(location.search).get("cart_id")
  app.innerHTML = `
    <section class="panel">
      <h1 data-testid="payment-failed">Оплата не прошла</h1>
      <p>Деньги не списаны. Можно попробовать ещё раз.</p>
      <div id="error" class="error" hidden></div>
      <p><button id="retry" data-testid="retry">Попробовать снова</button> <a href="/">Вернуться в каталог</a></p>
    </section>`
  const retry = document.getElementById("retry")
  retry.addEventListener("click", () => busy(retry, async () => (location.href = await paymentUrl(cartId, false))))
}

const routes = { "/": catalogue, "/checkout": checkout, "/checkout/success": success, "/checkout/fail": fail }
Promise.resolve((routes[location.pathname.replace(/\/$/, "") || "/"] ?? catalogue)()).catch((error) => {
  app.innerHTML = `<div class="error">${escapeHtml(error.message)}</div>`
})
