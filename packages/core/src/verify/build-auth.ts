import { parseScopes } from '../scopes/parse-scopes.js'
import type { M2MAuth } from './m2m-auth.js'

/** Registered claims left out of `customClaims` (the same list as Stytch's SDKs). */
const REGISTERED = new Set(['aud', 'exp', 'iat', 'iss', 'jti', 'nbf', 'sub', 'scope'])

/**
 * Builds the frozen result of a verified token. It is shared between requests by the token cache, so nothing in
 * it may be mutable.
 *
 * @param token - The raw token.
 * @param payload - Its verified payload (claims checked, `__proto__`/`constructor` already dropped).
 * @returns The {@link M2MAuth}.
 * @example
 * const auth = buildAuth(token, payload)
 */
export function buildAuth(token: string, payload: Record<string, unknown>): M2MAuth {
  const customClaims: Record<string, unknown> = {}
  // A JSON.parse result has no inherited enumerable keys, so for-in sees exactly its own (without an array).
  for (const name in payload) if (!REGISTERED.has(name)) customClaims[name] = payload[name]
  return Object.freeze({
    clientId: payload.sub as string,
    scopes: Object.freeze(parseScopes(payload.scope as string | undefined)),
    customClaims: Object.freeze(customClaims),
    claims: Object.freeze(payload),
    expiresAt: new Date((payload.exp as number) * 1000),
    issuedAt: new Date((payload.iat as number) * 1000),
    issuer: payload.iss as string,
    token,
  })
}
