import { parseScopes } from '../scopes/parse-scopes.js'
import type { JwtClaims, M2MAuth, TokenKind } from './m2m-auth.js'

/** Registered claims left out of `customClaims` (the same list as Stytch's SDKs). */
const REGISTERED = new Set(['aud', 'exp', 'iat', 'iss', 'jti', 'nbf', 'sub', 'scope'])
const ORGANIZATION_CLAIM = 'https://stytch.com/organization'

/** Read through `this`: the result's own deeply frozen claims, whose `exp` and `iat` were checked to be dates. */
const EXPIRES_AT: PropertyDescriptor = {
  get(this: { claims: JwtClaims }): Date {
    return new Date((this.claims.exp as number) * 1000)
  },
  enumerable: true,
}
const ISSUED_AT: PropertyDescriptor = {
  get(this: { claims: JwtClaims }): Date {
    return new Date((this.claims.iat as number) * 1000)
  },
  enumerable: true,
}

/**
 * Builds the result of a verified token. It is shared between requests by the token cache, so nothing in it may be
 * mutable: the payload arrives deeply frozen, and the dates are created on every read (a `Date` cannot be frozen).
 *
 * @param token - The raw token.
 * @param claims - Its verified payload as `parseJsonObject` returns it: claims checked, `__proto__`/`constructor`
 *   dropped, deeply frozen.
 * @param kind - The token's kind, as classified (the generic verifier says `'m2m'`).
 * @returns The {@link M2MAuth}.
 * @example
 * const auth = buildAuth(token, payload, 'm2m')
 */
export function buildAuth(token: string, claims: JwtClaims, kind: TokenKind = 'm2m'): M2MAuth {
  const customClaims: Record<string, unknown> = {}
  // A JSON.parse result has no inherited enumerable keys, so for-in sees exactly its own (without an array).
  for (const name in claims) if (!REGISTERED.has(name)) customClaims[name] = claims[name]
  const scopes = Object.freeze(parseScopes(claims.scope as string | undefined))
  const custom = Object.freeze(customClaims)
  // Own fields first, as documented; the dates are own enumerable accessors (so a spread or JSON.stringify keeps
  // them) that create a new Date on every read, so no request ever shares a mutable Date. The accessors are two
  // shared functions defined on each result: an object literal with getters allocates two closures and two accessor
  // pairs per result and cost 0.9 µs, this 0.2 µs.
  const auth: Record<string, unknown> =
    kind === 'connected-app'
      ? {
          kind,
          subject: claims.sub,
          clientId: claims.client_id,
          organizationId: (claims[ORGANIZATION_CLAIM] as { organization_id?: string } | undefined)?.organization_id,
          scopes,
          customClaims: custom,
          claims,
        }
      : { kind, clientId: claims.sub, scopes, customClaims: custom, claims }
  Object.defineProperty(auth, 'expiresAt', EXPIRES_AT)
  Object.defineProperty(auth, 'issuedAt', ISSUED_AT)
  auth.issuer = claims.iss
  auth.token = token
  return Object.freeze(auth) as unknown as M2MAuth
}
