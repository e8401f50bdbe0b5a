import { createHmac, getHashes, timingSafeEqual } from "node:crypto"

/**
 * Notification signature (merchant/notification/status.md, «Подпись запроса»): the `X-Signature`
 * header is the hex HMAC of the raw request body with the shop's notification key; sha1 by default,
 * the algorithm is chosen in the shop's notification settings.
 */
export type SignatureAlgorithm = "sha1" | "sha256" | "sha512" | "md5"

export const DEFAULT_SIGNATURE_ALGORITHM: SignatureAlgorithm = "sha1"

export function isSupportedSignatureAlgorithm(value: string): value is SignatureAlgorithm {
  return ["sha1", "sha256", "sha512", "md5"].includes(value) && getHashes().includes(value)
}

/** Hex HMAC of the exact body bytes. A string body is taken as UTF-8. */
export function signBody(
  rawBody: Buffer | string,
  key: string,
  algorithm: SignatureAlgorithm = DEFAULT_SIGNATURE_ALGORITHM
): string {
  return createHmac(algorithm, key).update(rawBody).digest("hex")
}

/**
 * Constant-time check of a received `X-Signature` against the body. Case of the hex digits is
 * ignored; anything that is not a hex string of the right length is rejected, and so is everything
 * when there is no key (an HMAC with an empty key is one anybody can compute).
 */
export function verifyBodySignature(
  rawBody: Buffer | string,
  signature: string | undefined | null,
  key: string,
  algorithm: SignatureAlgorithm = DEFAULT_SIGNATURE_ALGORITHM
): boolean {
  if (typeof signature !== "string" || key === "") return false
  const received = signature.trim().toLowerCase()
  if (!/^[0-9a-f]+$/.test(received)) return false
  const expected = signBody(rawBody, key, algorithm)
  if (received.length !== expected.length) return false
  return timingSafeEqual(Buffer.from(received, "utf8"), Buffer.from(expected, "utf8"))
}
