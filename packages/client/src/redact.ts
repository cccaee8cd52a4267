/** What replaces a secret in text. */
export const REDACTED = '[REDACTED]'

/** Depth limit when walking `cause` chains and nested objects. */
const MAX_DEPTH = 5

/** Removes secrets from text and errors before they leave the token source. */
export interface Redactor {
  /** Adds a secret to look for (every secret ever used stays on the list). */
  add(secret: string): void
  /** The text with every known secret, raw or form-encoded, replaced by `[REDACTED]`. */
  text(value: string): string
  /**
   * An error safe to keep as `cause`: the original when nothing in it mentions a secret, else a plain copy
   * (name, code, message, stack, cause) with the secrets replaced.
   */
  error(value: unknown): unknown
}

/** The forms a secret takes in text: raw, `encodeURIComponent` and `application/x-www-form-urlencoded`. */
function variants(secret: string): string[] {
  const form = new URLSearchParams({ s: secret }).toString().slice(2)
  return [...new Set([secret, encodeURIComponent(secret), form])]
}

/**
 * Creates a redactor. Third-party `fetch` implementations may put request bodies into their errors; this keeps
 * those out of our `cause` chains.
 *
 * @returns An empty redactor.
 * @example
 * const redact = createRedactor(); redact.add(secret); redact.text(`body=${secret}`) // 'body=[REDACTED]'
 */
export function createRedactor(): Redactor {
  const needles: string[] = []

  const mentions = (value: unknown, depth: number): boolean => {
    if (typeof value === 'string') return needles.some((needle) => value.includes(needle))
    if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return false
    const keys = value instanceof Error ? ['message', 'stack', 'cause', ...Object.keys(value)] : Object.keys(value)
    return keys.some((key) => mentions((value as Record<string, unknown>)[key], depth + 1))
  }

  const text = (value: string): string => needles.reduce((out, needle) => out.split(needle).join(REDACTED), value)

  const copy = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') return text(value)
    if (!(value instanceof Error) || depth > MAX_DEPTH) return REDACTED
    const clean = new Error(
      text(value.message),
      value.cause === undefined ? undefined : { cause: copy(value.cause, depth + 1) },
    )
    clean.name = value.name
    clean.stack = text(value.stack ?? '')
    const code = (value as { code?: unknown }).code
    if (typeof code === 'string' || typeof code === 'number') {
      Object.assign(clean, { code: typeof code === 'string' ? text(code) : code })
    }
    return clean
  }

  return {
    add(secret) {
      // Longest first, so a secret containing another is replaced whole.
      for (const needle of variants(secret)) if (!needles.includes(needle)) needles.push(needle)
      needles.sort((a, b) => b.length - a.length)
    },
    text,
    error: (value) => (mentions(value, 0) ? copy(value, 0) : value),
  }
}
