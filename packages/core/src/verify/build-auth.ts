import { parseScopes } from '../scopes/parse-scopes.js'
import type { M2MAuth, TokenKind } from './m2m-auth.js'

/** Registered claims left out of `customClaims` (the same list as Stytch's SDKs). */
const REGISTERED = new Set(['aud', 'exp', 'iat', 'iss', 'jti', 'nbf', 'sub', 'scope'])
const ORGANIZATION_CLAIM = 'https://stytch.com/organization'

/**
 * Freezes a parsed JSON value and everything in it. JSON has no cycles, getters or shared prototypes to worry
 * about, so a plain recursion is enough.
 */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    // for-in over a JSON.parse result (or an array) sees exactly its own members, without allocating a list.
    const record = value as Record<string, unknown>
    for (const key in record) deepFreeze(record[key])
    Object.freeze(value)
  }
  return value
}

/**
 * Builds the result of a verified token. It is shared between requests by the token cache, so nothing in it may be
 * mutable: the payload is deeply frozen, and the dates are created on every read (a `Date` cannot be frozen).
 *
 * @param token - The raw token.
 * @param payload - Its verified payload (claims checked, `__proto__`/`constructor` already dropped). Frozen here.
 * @param kind - The token's kind, as classified (the generic verifier says `'m2m'`).
 * @returns The {@link M2MAuth}.
 * @example
 * const auth = buildAuth(token, payload, 'm2m')
 */
export function buildAuth(token: string, payload: Record<string, unknown>, kind: TokenKind = 'm2m'): M2MAuth {
  const claims = deepFreeze(payload)
  const customClaims: Record<string, unknown> = {}
  // A JSON.parse result has no inherited enumerable keys, so for-in sees exactly its own (without an array).
  for (const name in claims) if (!REGISTERED.has(name)) customClaims[name] = claims[name]
  const exp = (claims.exp as number) * 1000
  const iat = (claims.iat as number) * 1000
  const scopes = Object.freeze(parseScopes(claims.scope as string | undefined))
  const custom = Object.freeze(customClaims)
  const issuer = claims.iss as string
  // One object literal per kind (own fields first, as documented), getters included: the dates are created on
  // every read, so no request ever shares a mutable Date. A literal keeps V8 on one hidden class per kind; copying
  // property descriptors from a second object cost more than the rest of building the result.
  const auth =
    kind === 'connected-app'
      ? {
          kind,
          subject: claims.sub as string,
          clientId: claims.client_id as string,
          organizationId: (claims[ORGANIZATION_CLAIM] as { organization_id?: string } | undefined)?.organization_id,
          scopes,
          customClaims: custom,
          claims,
          get expiresAt(): Date {
            return new Date(exp)
          },
          get issuedAt(): Date {
            return new Date(iat)
          },
          issuer,
          token,
        }
      : {
          kind,
          clientId: claims.sub as string,
          scopes,
          customClaims: custom,
          claims,
          get expiresAt(): Date {
            return new Date(exp)
          },
          get issuedAt(): Date {
            return new Date(iat)
          },
          issuer,
          token,
        }
  return Object.freeze(auth) as M2MAuth
}
