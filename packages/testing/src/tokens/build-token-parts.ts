import { invalidOption } from '@m2m-guard/core/options'
import { randomToken, randomUuid } from '../lib/random.js'
import { nowSeconds, type ProjectSettings } from '../project-settings.js'
import type { ConnectedAppMintOptions, MintOptions } from './mint-options.js'

/** Claims the custom-claims template may not set (the ones stytch-node strips from `custom_claims`). */
export const REGISTERED_CLAIMS: readonly string[] = ['sub', 'iss', 'aud', 'scope', 'iat', 'nbf', 'exp', 'jti']

/** The default `sub` of minted tokens. */
export const defaultClientId = (settings: ProjectSettings): string =>
  `m2m-client-${settings.environment}-00000000-0000-4000-8000-000000000000`

/** The default `client_id` of minted Connected Apps tokens. */
export const defaultConnectedAppId = (settings: ProjectSettings): string =>
  `connected-app-${settings.environment}-00000000-0000-4000-8000-000000000000`

/** The scopes of a Connected Apps token when none are given: Stytch's documented example. */
const DEFAULT_CONNECTED_APP_SCOPES = 'openid email profile phone'

/** Joins scopes into Stytch's `scope` string, dropping empty entries. */
export const joinScopes = (scopes: readonly string[] | string | undefined): string =>
  (typeof scopes === 'string' ? scopes.split(' ') : (scopes ?? [])).filter((scope) => scope !== '').join(' ')

/**
 * The payload Stytch would issue, in Stytch's claim order (`sub iss aud scope iat nbf exp`, then custom claims),
 * with the overrides of `options` applied.
 *
 * @throws {TypeError} `m2m-guard: option "customClaims.<name>" must be left out …` for a registered claim name.
 */
export function buildClaims(settings: ProjectSettings, options: MintOptions = {}): Record<string, unknown> {
  const iat = options.iat ?? nowSeconds(settings)
  const lifetime = options.lifetime ?? settings.tokenLifetime
  const custom = options.customClaims ?? {}
  for (const name of Object.keys(custom)) {
    if (REGISTERED_CLAIMS.includes(name)) {
      invalidOption(`customClaims.${name}`, 'left out: it is a registered claim (set it with "claims" instead)')
    }
  }
  const claims: Record<string, unknown> =
    options.connectedApp === undefined
      ? machineClaims(settings, options, iat, lifetime)
      : connectedAppClaims(settings, options, options.connectedApp === true ? {} : options.connectedApp, iat, lifetime)
  Object.assign(claims, custom, options.claims)
  for (const name of options.omitClaims ?? []) delete claims[name]
  return claims
}

// Stytch's M2M claim order: `sub iss aud scope iat nbf exp`.
function machineClaims(settings: ProjectSettings, options: MintOptions, iat: number, lifetime: number) {
  return {
    sub: options.clientId ?? defaultClientId(settings),
    iss: options.issuer ?? settings.issuer,
    aud: options.audience ?? [settings.projectId],
    scope: joinScopes(options.scopes),
    iat,
    nbf: options.nbf ?? iat,
    exp: options.exp ?? iat + lifetime,
  }
}

// Stytch's documented Connected Apps access token: `iss sub aud client_id exp nbf iat jti scope` (+ organization).
function connectedAppClaims(
  settings: ProjectSettings,
  options: MintOptions,
  app: ConnectedAppMintOptions,
  iat: number,
  lifetime: number,
): Record<string, unknown> {
  const b2b = app.b2b ?? false
  const person = b2b === false ? 'user' : 'member'
  const claims: Record<string, unknown> = {
    iss: options.issuer ?? settings.issuer,
    sub: app.subject ?? `${person}-${settings.environment}-${randomUuid()}`,
    aud: options.audience ?? [settings.projectId, ...(app.audiences ?? [])],
    client_id: options.clientId ?? defaultConnectedAppId(settings),
    exp: options.exp ?? iat + lifetime,
    nbf: options.nbf ?? iat,
    iat,
    jti: app.jti ?? randomToken(33),
    scope: joinScopes(options.scopes ?? DEFAULT_CONNECTED_APP_SCOPES),
  }
  if (b2b !== false) {
    const organization = b2b === true ? {} : b2b
    claims['https://stytch.com/organization'] = {
      organization_id: organization.organizationId ?? `organization-${settings.environment}-${randomUuid()}`,
      slug: organization.slug ?? 'example-org',
    }
  }
  return claims
}

/** The header Stytch would send (`alg kid typ`) with the overrides of `options` applied. */
export function buildHeader(kid: string, options: MintOptions = {}): Record<string, unknown> {
  const typ = options.typ === undefined ? 'JWT' : options.typ
  return { alg: 'RS256', kid: options.kid ?? kid, ...(typ === null ? {} : { typ }), ...options.header }
}
