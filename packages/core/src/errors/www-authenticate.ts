/** Characters allowed inside an RFC 7230 quoted-string that we emit: printable ASCII minus `"` and `\`. */
const UNSAFE = /[^\x20\x21\x23-\x5b\x5d-\x7e]/g

/**
 * Makes a value safe to put between the quotes of a `WWW-Authenticate` auth-param.
 *
 * Drops quotes, backslashes, CR/LF and every other non-printable or non-ASCII character, so a header value can
 * never be split or broken by anything that reached it.
 *
 * @param value - Any string.
 * @returns The value without unsafe characters, at most 200 characters long.
 * @example
 * sanitizeParam('a"b\r\nc') // 'abc'
 */
export function sanitizeParam(value: string): string {
  return value.replace(UNSAFE, '').slice(0, 200)
}

/**
 * Builds an RFC 6750 §3 `WWW-Authenticate: Bearer` challenge.
 *
 * @param params - auth-params in order; `undefined` values are left out.
 * @returns The header value, e.g. `Bearer realm="api", error="invalid_token"`.
 * @example
 * bearerChallenge({ realm: 'api', error: 'insufficient_scope', scope: 'read:users' })
 */
export function bearerChallenge(params: Record<string, string | undefined>): string {
  const parts: string[] = []
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) parts.push(`${name}="${sanitizeParam(value)}"`)
  }
  return parts.length === 0 ? 'Bearer' : `Bearer ${parts.join(', ')}`
}
