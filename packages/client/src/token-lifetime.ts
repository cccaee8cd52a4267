/**
 * Longest time a token is kept, in seconds, whatever the endpoint says: a day. Stytch M2M tokens live one hour;
 * a larger `expires_in` is a broken or hostile answer and must not pin a token for years.
 */
export const MAX_TOKEN_LIFETIME = 86_400

/** Base64url (RFC 4648 §5) to text, or `undefined` when it is not base64url. */
function decodeBase64Url(value: string): string | undefined {
  if (!/^[\w-]*$/.test(value)) return undefined
  try {
    const binary = atob(
      value
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .padEnd(Math.ceil(value.length / 4) * 4, '='),
    )
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)))
  } catch {
    return undefined
  }
}

/**
 * Reads the `exp` claim of a JWT without verifying it: only to know when the token stops working, never to trust
 * anything else in it (the resource server verifies the token).
 *
 * @param token - The access token.
 * @returns `exp` in seconds since the epoch, or `undefined` when the token is not a JWT with a numeric `exp`.
 * @example
 * jwtExpiry('eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjE3MDAwMDAwMDB9.sig') // 1700000000
 */
export function jwtExpiry(token: string): number | undefined {
  const parts = token.split('.')
  if (parts.length !== 3 || parts[1] === undefined) return undefined
  const json = decodeBase64Url(parts[1])
  if (json === undefined) return undefined
  try {
    const payload: unknown = JSON.parse(json)
    if (typeof payload !== 'object' || payload === null) return undefined
    const exp = (payload as { exp?: unknown }).exp
    return typeof exp === 'number' && Number.isFinite(exp) ? exp : undefined
  } catch {
    return undefined
  }
}

/**
 * How long a token may be kept, in seconds: `expires_in`, but never past the token's own `exp` (when it is a JWT)
 * and never more than {@link MAX_TOKEN_LIFETIME}.
 *
 * @param accessToken - The access token.
 * @param expiresIn - `expires_in` from the answer, positive.
 * @param now - Current time, in milliseconds.
 * @returns The lifetime in seconds; zero or less when the JWT has already expired.
 * @example
 * boundedLifetime(jwtExpiringIn600s, 1e12, Date.now()) // 600
 */
export function boundedLifetime(accessToken: string, expiresIn: number, now: number): number {
  const exp = jwtExpiry(accessToken)
  const untilExp = exp === undefined ? Number.POSITIVE_INFINITY : exp - now / 1000
  return Math.min(expiresIn, MAX_TOKEN_LIFETIME, untilExp)
}
