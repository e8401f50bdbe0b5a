/** X-Signature over raw bytes: algorithms, encodings, and what is never accepted. */
import { createHmac } from "node:crypto"

import {
  DEFAULT_SIGNATURE_ALGORITHM,
  isSupportedSignatureAlgorithm,
  signBody,
  verifyBodySignature,
  type SignatureAlgorithm,
} from "../../src/invoicebox/signature"
import { DEMO_SHOP } from "../../src/invoicebox/types"

const KEY = DEMO_SHOP.notificationKey
const body = JSON.stringify({
  id: "017f1b5a-b677-a228-2951-b3523dbbd836",
  description: "Заказ №1 — чай",
  amount: 1239.6,
})

describe("signature", () => {
  it("defaults to sha1, as the docs' PHP example (hash_hmac('sha1', body, key))", () => {
    expect(DEFAULT_SIGNATURE_ALGORITHM).toBe("sha1")
    expect(signBody(body, KEY)).toMatch(/^[0-9a-f]{40}$/)
  })

  it.each<SignatureAlgorithm>(["sha1", "sha256", "sha512", "md5"])("%s: sign and verify round-trip", (algorithm) => {
    const signature = signBody(body, KEY, algorithm)
    expect(signature).toBe(createHmac(algorithm, KEY).update(Buffer.from(body, "utf8")).digest("hex"))
    expect(verifyBodySignature(body, signature, KEY, algorithm)).toBe(true)
    expect(verifyBodySignature(Buffer.from(body, "utf8"), ` ${signature.toUpperCase()} `, KEY, algorithm)).toBe(true)
  })

  it("knows which algorithms it supports", () => {
    expect(isSupportedSignatureAlgorithm("sha256")).toBe(true)
    expect(isSupportedSignatureAlgorithm("sha3-256")).toBe(false)
    expect(isSupportedSignatureAlgorithm("SHA1")).toBe(false)
  })

  it("signs the bytes as received, even when they are not valid UTF-8", () => {
    const raw = Buffer.concat([
      Buffer.from('{"name":"'),
      Buffer.from([0xc7, 0xe0, 0xea, 0xe0, 0xe7]),
      Buffer.from('"}'),
    ])
    const signature = createHmac("sha1", KEY).update(raw).digest("hex")
    expect(verifyBodySignature(raw, signature, KEY)).toBe(true)
    // decoding and re-encoding replaces the invalid bytes, so the signature no longer matches
    expect(verifyBodySignature(raw.toString("utf8"), signature, KEY)).toBe(false)
  })

  it("rejects one changed byte anywhere in the body, the signature or the key", () => {
    const signature = signBody(body, KEY)
    const bytes = Buffer.from(body)
    for (let i = 0; i < bytes.length; i++) {
      const changed = Buffer.from(bytes)
      changed[i] = changed[i]! ^ 0x20
      expect(verifyBodySignature(changed, signature, KEY)).toBe(false)
    }
    for (let i = 0; i < signature.length; i++) {
      const changed = signature.slice(0, i) + (signature[i] === "f" ? "e" : "f") + signature.slice(i + 1)
      expect(verifyBodySignature(body, changed, KEY)).toBe(false)
    }
    for (let i = 0; i < KEY.length; i++) {
      const changed = KEY.slice(0, i) + String.fromCharCode(KEY.charCodeAt(i) ^ 0x01) + KEY.slice(i + 1)
      expect(verifyBodySignature(body, signature, changed)).toBe(false)
    }
  })

  it("rejects empty, null, non-hex and wrong-length signatures", () => {
    const signature = signBody(body, KEY)
    for (const bad of [
      "",
      null,
      undefined,
      "g".repeat(40),
      signature.slice(2),
      `${signature}ab`,
      signBody(body, KEY, "sha256"),
    ]) {
      expect(verifyBodySignature(body, bad, KEY)).toBe(false)
    }
  })
})
