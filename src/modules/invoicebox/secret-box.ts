/**
 * Secrets at rest (an InvoiceBox token, a notification key): AES-256-GCM with a key the store owner
 * gives (`connectionKey` / INVOICEBOX_CONNECTION_KEY). The stored text is
 * `v1.<iv>.<tag>.<ciphertext>` (base64url); the associated data binds it to one field of one provider,
 * so a value copied into another column or another provider's row does not decrypt.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto"

const VERSION = "v1"
const IV_BYTES = 12
const TAG_BYTES = 16

export class SecretBoxError extends Error {}

/**
 * The 32-byte key: 64 hex digits or 43–44 base64 characters are used as they are; any other text of
 * at least 32 characters (a passphrase) is hashed with SHA-256. Shorter text is refused.
 */
export function connectionKeyFrom(text: string): Buffer {
  const trimmed = text.trim()
  if (/^[0-9a-f]{64}$/i.test(trimmed)) return Buffer.from(trimmed, "hex")
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) {
    const bytes = Buffer.from(trimmed.replace(/-/g, "+").replace(/_/g, "/"), "base64")
    if (bytes.length === 32) return bytes
  }
  if (trimmed.length >= 32) return createHash("sha256").update(trimmed, "utf8").digest()
  throw new SecretBoxError(
    "the connection key must be 32 random bytes (64 hex digits or base64, e.g. `openssl rand -hex 32`) " +
      "or a passphrase of at least 32 characters"
  )
}

export function sealSecret(key: Buffer, plaintext: string, associatedData: string): string {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES })
  cipher.setAAD(Buffer.from(associatedData, "utf8"))
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()])
  return [VERSION, iv, cipher.getAuthTag(), ciphertext].map(encodePart).join(".")
}

export function openSecret(key: Buffer, sealed: string, associatedData: string): string {
  const parts = sealed.split(".")
  if (parts.length !== 4 || parts[0] !== VERSION) throw new SecretBoxError("not a sealed secret of this plugin")
  const [iv, tag, ciphertext] = parts.slice(1).map((part) => Buffer.from(part, "base64url"))
  if (iv!.length !== IV_BYTES || tag!.length !== TAG_BYTES)
    throw new SecretBoxError("not a sealed secret of this plugin")
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv!, { authTagLength: TAG_BYTES })
    decipher.setAAD(Buffer.from(associatedData, "utf8"))
    decipher.setAuthTag(tag!)
    return Buffer.concat([decipher.update(ciphertext!), decipher.final()]).toString("utf8")
  } catch {
    throw new SecretBoxError(
      "a stored secret does not decrypt: the connection key changed since it was saved, or the value was altered"
    )
  }
}

/** What an admin may see of a secret: its length class and last characters, never enough to use it. */
export function maskSecret(secret: string): string {
  return secret.length <= 8 ? "••••" : `••••${secret.slice(-4)}`
}

function encodePart(part: string | Buffer): string {
  return typeof part === "string" ? part : part.toString("base64url")
}
