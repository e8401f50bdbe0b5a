/** The stored connections laid over a provider's options: read at most every few seconds, changes here at once. */
import { parseProviderOptions } from "../../src/payment/options"
import { providerEntry } from "../../src/providers/invoicebox/registry"
import {
  refreshStoredConnections,
  replaceStoredCredentials,
  type StoredCredentials,
} from "../../src/providers/invoicebox/stored-connections"
import { DEMO_SHOP } from "../../src/invoicebox/types"

const shop: StoredCredentials = {
  merchantId: "0302756d-9d83-60c9-0356-c228562c7581",
  token: "stored-token-0123456789",
  notificationKey: null,
  apiPrefix: "l3",
}

afterEach(() => {
  replaceStoredCredentials("pp_invoicebox_stored", null)
  replaceStoredCredentials("pp_invoicebox_configured", null)
})

describe("stored connections over the options", () => {
  it("a provider with no account in its options is not connected until a connection is stored", () => {
    const entry = providerEntry("stored", parseProviderOptions({ apiPrefix: "v3" }))
    expect(entry.accountSource).toBe("none")
    expect(entry.options).toMatchObject({ merchantId: "", token: "" })
    replaceStoredCredentials(entry.providerId, shop)
    expect(entry.accountSource).toBe("stored")
    expect(entry.options).toMatchObject({
      merchantId: shop.merchantId,
      token: shop.token,
      notificationKey: "",
      apiPrefix: "l3",
    })
    // the rest of the options stay as configured
    expect(entry.options.captureMode).toBe("auto")
  })

  it("a stored connection wins over medusa-config's account; removing it brings the options back", () => {
    const configured = parseProviderOptions({
      merchantId: DEMO_SHOP.merchantId,
      token: DEMO_SHOP.token,
      notificationKey: DEMO_SHOP.notificationKey,
    })
    const entry = providerEntry("configured", configured)
    expect(entry.accountSource).toBe("options")
    replaceStoredCredentials(entry.providerId, { ...shop, notificationKey: "stored-key-0123456789", apiPrefix: null })
    expect(entry.options).toMatchObject({
      token: shop.token,
      notificationKey: "stored-key-0123456789",
      apiPrefix: "v3",
    })
    replaceStoredCredentials(entry.providerId, null)
    expect(entry.accountSource).toBe("options")
    expect(entry.options.token).toBe(DEMO_SHOP.token)
  })

  it("a stored connection this process cannot open fails closed: not connected, never the options' account", () => {
    const configured = parseProviderOptions({ merchantId: DEMO_SHOP.merchantId, token: DEMO_SHOP.token })
    const entry = providerEntry("configured", configured)
    replaceStoredCredentials(entry.providerId, { ...shop, token: "", unreadable: "another connection key" })
    expect(entry.accountSource).toBe("none")
    expect(entry.options).toMatchObject({ merchantId: shop.merchantId, token: "" })
  })

  it("re-reads only when the snapshot is older than allowed; a failing read keeps the last one", async () => {
    const entry = providerEntry("stored", parseProviderOptions({}))
    const source = jest.fn(async () => new Map([[entry.providerId, shop]]))
    await refreshStoredConnections(source, undefined, 0)
    await refreshStoredConnections(source, undefined, 60_000)
    expect(source).toHaveBeenCalledTimes(1)
    expect(entry.options.token).toBe(shop.token)

    const warn = jest.fn()
    const failing = jest.fn(async (): Promise<Map<string, StoredCredentials>> => {
      throw new Error("database unavailable")
    })
    await refreshStoredConnections(failing, { warn } as never, 0)
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("database unavailable"))
    expect(entry.options.token).toBe(shop.token)
  })

  it("a read begun before a change saved here does not bring the old account back", async () => {
    const entry = providerEntry("stored", parseProviderOptions({}))
    let finish: (value: Map<string, StoredCredentials>) => void = () => undefined
    const slow = () => new Promise<Map<string, StoredCredentials>>((resolve) => (finish = resolve))
    const reading = refreshStoredConnections(slow, undefined, 0)
    replaceStoredCredentials(entry.providerId, { ...shop, token: "new-token-after-rotation" })
    finish(new Map([[entry.providerId, shop]]))
    await reading
    expect(entry.options.token).toBe("new-token-after-rotation")
  })
})
