/** What replaces a secret in text. */
export const REDACTED = '[REDACTED]'

/** Depth limit when walking `cause` chains and nested objects; anything deeper counts as mentioning a secret. */
const MAX_DEPTH = 5

/** Removes secrets from text and errors before they leave the token source. */
export interface Redactor {
  /** Adds a secret to look for (every secret ever used stays on the list). */
  add(secret: string): void
  /** The text with every known secret, in every form it is sent in, replaced by `[REDACTED]`. */
  text(value: string): string
  /**
   * An error safe to keep as `cause`: the original when nothing in it can mention a secret, else a plain copy
   * (name, code, message, stack, cause) with the secrets replaced.
   */
  error(value: unknown): unknown
}

/** RFC 6749 §2.3.1 / Appendix B form encoding, as used for the Basic credentials. */
export const formEncode = (value: string): string => encodeURIComponent(value).replace(/%20/g, '+')

/**
 * The HTTP Basic credentials of RFC 6749 §2.3.1: id and secret form-encoded, then base64 (only ASCII is left, so
 * `btoa` cannot throw).
 *
 * @param clientId - The client id.
 * @param secret - The client secret.
 * @returns The credentials that follow `Basic `.
 */
export const basicCredentials = (clientId: string, secret: string): string =>
  btoa(`${formEncode(clientId)}:${formEncode(secret)}`)

/** Base64 of the UTF-8 bytes of a text (what a client that skips the form encoding would send). */
function base64Utf8(value: string): string {
  let binary = ''
  for (const byte of new TextEncoder().encode(value)) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/** Percent-encodings of a text: `encodeURIComponent`, form (`+` for space) and lower-case hex variants. */
function percentForms(value: string): string[] {
  const uri = encodeURIComponent(value)
  const form = new URLSearchParams({ s: value }).toString().slice(2)
  const forms = [uri, form, formEncode(value)]
  return [...forms, ...forms.map((text) => text.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()))]
}

/**
 * Every form a secret takes on the wire or in an error: raw and percent-encoded (form body), and the Basic
 * credentials (`base64(id:secret)`, with and without the form encoding, padded or not, and percent-encoded).
 */
function variants(secret: string, clientId: string | undefined): string[] {
  const forms = [secret, ...percentForms(secret)]
  if (clientId !== undefined) {
    for (const basic of [basicCredentials(clientId, secret), base64Utf8(`${clientId}:${secret}`)]) {
      const unpadded = basic.replace(/=+$/, '')
      const url = unpadded.replace(/\+/g, '-').replace(/\//g, '_')
      forms.push(basic, unpadded, url, ...percentForms(basic))
    }
  }
  return [...new Set(forms)].filter((form) => form !== '')
}

/** Objects whose every property the redactor can read: plain objects, arrays and errors. */
function isTransparent(value: object): boolean {
  if (Array.isArray(value) || value instanceof Error) return true
  const prototype: unknown = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

/**
 * Creates a redactor. Third-party `fetch` implementations may put request bodies or headers into their errors;
 * this keeps those out of our `cause` chains.
 *
 * @param clientId - The client id, so the Basic credentials (`base64(id:secret)`) are recognised too.
 * @returns An empty redactor.
 * @example
 * const redact = createRedactor('m2m-client-1'); redact.add(secret); redact.text(`body=${secret}`) // 'body=[REDACTED]'
 */
export function createRedactor(clientId?: string): Redactor {
  const needles: string[] = []

  const mentions = (value: unknown, depth: number): boolean => {
    if (typeof value === 'string') return needles.some((needle) => value.includes(needle))
    if (typeof value !== 'object' || value === null) return false
    // Too deep to check, or a Headers, Map, URLSearchParams, Request…: their contents show in util.inspect but not
    // as properties, so they may hold the Authorization header or the body. Assume they do.
    if (depth > MAX_DEPTH || !isTransparent(value)) return true
    return Reflect.ownKeys(value).some((key) => {
      try {
        return mentions((value as Record<PropertyKey, unknown>)[key], depth + 1)
      } catch {
        return true
      }
    })
  }

  const text = (value: string): string => needles.reduce((out, needle) => out.split(needle).join(REDACTED), value)

  const copy = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') return text(value)
    if (!(value instanceof Error) || depth > MAX_DEPTH) return REDACTED
    const clean = new Error(
      text(String(value.message)),
      value.cause === undefined ? undefined : { cause: copy(value.cause, depth + 1) },
    )
    clean.name = text(String(value.name))
    clean.stack = text(String(value.stack ?? ''))
    const code = (value as { code?: unknown }).code
    if (typeof code === 'string' || typeof code === 'number') {
      Object.assign(clean, { code: typeof code === 'string' ? text(code) : code })
    }
    return clean
  }

  return {
    add(secret) {
      // Longest first, so a secret containing another is replaced whole.
      for (const needle of variants(secret, clientId)) if (!needles.includes(needle)) needles.push(needle)
      needles.sort((a, b) => b.length - a.length)
    },
    text,
    error: (value) => (mentions(value, 0) ? copy(value, 0) : value),
  }
}
