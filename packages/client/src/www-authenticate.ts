/** One `name[=value]` item of a challenge list: a scheme when there is no value, else an auth-param. */
const ITEM = /[\s,]*([!#$%&'*+.^_`|~\w-]+)(?:\s*=\s*("(?:[^"\\]|\\.)*"|[!#$%&'*+.^_`|~\w-]+))?/y

/**
 * Whether a `WWW-Authenticate` header holds a `Bearer` challenge with `error="invalid_token"` (RFC 6750 §3.1):
 * the resource server's way of saying the token expired or was revoked, so a fresh one may succeed.
 *
 * Quoted values are read whole, so text inside `error_description` is never mistaken for a parameter.
 *
 * @param header - The header value, or `null`.
 * @returns `true` only for a Bearer `invalid_token` challenge.
 * @example
 * hasInvalidTokenChallenge('Bearer realm="api", error="invalid_token"') // true
 * hasInvalidTokenChallenge('Bearer realm="api", error="insufficient_scope"') // false
 */
export function hasInvalidTokenChallenge(header: string | null): boolean {
  if (header === null) return false
  let scheme = ''
  let position = 0
  while (position < header.length) {
    ITEM.lastIndex = position
    const match = ITEM.exec(header)
    if (match === null) {
      position++ // Skip what no challenge grammar allows (token68 padding, stray quotes).
      continue
    }
    position = ITEM.lastIndex
    const [, name = '', value] = match
    if (value === undefined) scheme = name.toLowerCase()
    else if (scheme === 'bearer' && name.toLowerCase() === 'error' && value.replace(/^"|"$/g, '') === 'invalid_token') {
      return true
    }
  }
  return false
}
