/** Text that betrays internals: a stack frame, an underlying error's name or text, a file path. */
const INTERNALS: readonly RegExp[] = [
  /\n\s*at\s/,
  /\bat (?:async )?[\w.<>]+ \(/,
  /node:internal/,
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE/,
  /fetch failed|socket hang up|other side closed/i,
  /\b(?:Type|Syntax|Range|FetchJson|JwksDocument)Error\b/,
  /\/work\/|file:\/\//,
  /127\.0\.0\.1|localhost/,
  /\/v1\/(?:b2b\/)?sessions\/jwks/,
]

/** What must never show up in an answer or a log: the token, its segments, and the Authorization value. */
export function secretsOf(token: string): string[] {
  const segments = token.split('.').filter((segment) => segment.length >= 16)
  return [...new Set([token, `Bearer ${token}`, ...segments].filter((secret) => secret.length >= 16))]
}

/** Which of `secrets` appear in `text` (shortened, for the failure message). */
export function secretsIn(text: string, secrets: readonly string[]): string[] {
  return secrets.filter((secret) => text.includes(secret)).map((secret) => `secret ${secret.slice(0, 24)}…`)
}

/**
 * What `text` gives away: secrets, and internals (stack frames, network error text, URLs of the key server).
 *
 * @param text - A rendered answer, a message, a log line.
 * @param secrets - Strings that must not appear (tokens, URLs).
 * @returns The secrets and internal patterns found; empty when clean.
 */
export function leaksIn(text: string, secrets: readonly string[]): string[] {
  const found = secretsIn(text, secrets)
  for (const pattern of INTERNALS) if (pattern.test(text)) found.push(`pattern ${pattern}`)
  return found
}

/** RFC 6750 §3 challenge as core emits it: printable ASCII quoted strings without quotes, backslashes or CR/LF. */
export const SAFE_CHALLENGE =
  /^Bearer realm="[\x20\x21\x23-\x5b\x5d-\x7e]*"(?:, [a-z_]+="[\x20\x21\x23-\x5b\x5d-\x7e]*")*$/
