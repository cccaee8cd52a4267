import { nowSeconds, type ProjectSettings } from '../project-settings.js'
import type { MintOptions } from './mint-options.js'

/** Claims the custom-claims template may not set (the ones stytch-node strips from `custom_claims`). */
export const REGISTERED_CLAIMS: readonly string[] = ['sub', 'iss', 'aud', 'scope', 'iat', 'nbf', 'exp', 'jti']

/** The default `sub` of minted tokens. */
export const defaultClientId = (settings: ProjectSettings): string =>
  `m2m-client-${settings.environment}-00000000-0000-4000-8000-000000000000`

/** Joins scopes into Stytch's `scope` string, dropping empty entries. */
export const joinScopes = (scopes: readonly string[] | string | undefined): string =>
  (typeof scopes === 'string' ? scopes.split(' ') : (scopes ?? [])).filter((scope) => scope !== '').join(' ')

/**
 * The payload Stytch would issue, in Stytch's claim order (`sub iss aud scope iat nbf exp`, then custom claims),
 * with the overrides of `options` applied.
 *
 * @throws TypeError when `customClaims` names a registered claim.
 */
export function buildClaims(settings: ProjectSettings, options: MintOptions = {}): Record<string, unknown> {
  const iat = options.iat ?? nowSeconds(settings)
  const lifetime = options.lifetime ?? settings.tokenLifetime
  const custom = options.customClaims ?? {}
  for (const name of Object.keys(custom)) {
    if (REGISTERED_CLAIMS.includes(name)) {
      throw new TypeError(`mint: \`customClaims.${name}\` is a registered claim; set it with \`claims\` instead`)
    }
  }
  const claims: Record<string, unknown> = {
    sub: options.clientId ?? defaultClientId(settings),
    iss: options.issuer ?? settings.issuer,
    aud: options.audience ?? [settings.projectId],
    scope: joinScopes(options.scopes),
    iat,
    nbf: options.nbf ?? iat,
    exp: options.exp ?? iat + lifetime,
    ...custom,
    ...options.claims,
  }
  for (const name of options.omitClaims ?? []) delete claims[name]
  return claims
}

/** The header Stytch would send (`alg kid typ`) with the overrides of `options` applied. */
export function buildHeader(kid: string, options: MintOptions = {}): Record<string, unknown> {
  const typ = options.typ === undefined ? 'JWT' : options.typ
  return { alg: 'RS256', kid: options.kid ?? kid, ...(typ === null ? {} : { typ }), ...options.header }
}
