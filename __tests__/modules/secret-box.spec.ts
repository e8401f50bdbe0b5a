/** Sealed secrets: AES-256-GCM bound to one field of one provider; keys as hex, base64 or a passphrase. */
import { randomBytes } from "node:crypto"

import {
  connectionKeyFrom,
  maskSecret,
  openSecret,
  sealSecret,
  SecretBoxError,
} from "../../src/modules/invoicebox/secret-box"

const key = randomBytes(32)

describe("secret box", () => {
  it("seals and opens; the sealed text has no trace of the secret and differs every time", () => {
    const first = sealSecret(key, "b37c4c689295904ed21eee5d9a48d42e", "p:token")
    const second = sealSecret(key, "b37c4c689295904ed21eee5d9a48d42e", "p:token")
    expect(first).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/)
    expect(first).not.toBe(second)
    expect(first).not.toContain("b37c4c68")
    expect(openSecret(key, first, "p:token")).toBe("b37c4c689295904ed21eee5d9a48d42e")
  })

  it("does not open with another key, for another field or provider, or altered", () => {
    const sealed = sealSecret(key, "secret-token-value", "pp_a:token")
    expect(() => openSecret(randomBytes(32), sealed, "pp_a:token")).toThrow(SecretBoxError)
    expect(() => openSecret(key, sealed, "pp_a:notification_key")).toThrow(SecretBoxError)
    expect(() => openSecret(key, sealed, "pp_b:token")).toThrow(SecretBoxError)
    const parts = sealed.split(".")
    const ciphertext = Buffer.from(parts[3]!, "base64url")
    ciphertext[0] = ciphertext[0]! ^ 1
    const altered = [...parts.slice(0, 3), ciphertext.toString("base64url")].join(".")
    expect(() => openSecret(key, altered, "pp_a:token")).toThrow(/connection key changed .* or the value was altered/)
    expect(() => openSecret(key, "plain-text", "pp_a:token")).toThrow(/not a sealed secret/)
    // a shortened authentication tag is refused, not checked on its first bytes only
    const shortTag = [
      parts[0],
      parts[1],
      Buffer.from(parts[2]!, "base64url").subarray(0, 4).toString("base64url"),
      parts[3],
    ]
    expect(() => openSecret(key, shortTag.join("."), "pp_a:token")).toThrow(/not a sealed secret/)
  })

  it("takes the key as 64 hex digits, base64 of 32 bytes, or a long passphrase; refuses a short one", () => {
    const hex = key.toString("hex")
    expect(connectionKeyFrom(hex).equals(key)).toBe(true)
    expect(connectionKeyFrom(key.toString("base64")).equals(key)).toBe(true)
    expect(connectionKeyFrom(key.toString("base64url")).equals(key)).toBe(true)
    const passphrase = connectionKeyFrom("a passphrase of at least thirty-two characters")
    expect(passphrase).toHaveLength(32)
    expect(connectionKeyFrom("a passphrase of at least thirty-two characters").equals(passphrase)).toBe(true)
    expect(() => connectionKeyFrom("short")).toThrow(/32 random bytes .* at least 32 characters/)
  })

  it("masks a secret to its last four characters", () => {
    expect(maskSecret("b37c4c689295904ed21eee5d9a48d42e")).toBe("••••d42e")
    expect(maskSecret("12345678")).toBe("••••")
  })
})
