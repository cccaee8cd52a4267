import type { OptionNames } from '@m2m-guard/core/options'
import { base64url, decodeJwt, exportSPKI } from 'jose'
import type { KeyStore } from '../keys/key-store.js'
import { randomUuid } from '../lib/random.js'
import { nowSeconds, type ProjectSettings } from '../project-settings.js'
import { buildClaims, buildHeader, joinScopes } from './build-token-parts.js'
import { checkMintOptions } from './check-mint-options.js'
import type { MintOptions } from './mint-options.js'
import type { TokenSigner } from './token-signer.js'

/**
 * Named tokens for negative tests. Each one is the token `mint(options)` would return with exactly one defect, so a
 * verifier that rejects it can only be rejecting that defect. Every helper is async and returns a compact JWS.
 *
 * The comment on each helper names the check it exercises and the `@m2m-guard/core` error code it should produce.
 *
 * @example
 * ```ts
 * const token = await issuer.hostile.expired({ scopes: ['read:users'] })
 * await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'ERR_TOKEN_EXPIRED' })
 * ```
 */
export interface HostileTokens {
  /** `exp` is `expiredFor` seconds (default 3600) in the past. Tests the expiry check → `ERR_TOKEN_EXPIRED`. */
  expired(options?: MintOptions & { expiredFor?: number }): Promise<string>
  /**
   * `nbf` is `startsIn` seconds (default 3600) in the future (`iat` is now, `exp = nbf + lifetime`). Tests the
   * not-before check → `ERR_TOKEN_NOT_YET_VALID`.
   */
  notYetValid(options?: MintOptions & { startsIn?: number }): Promise<string>
  /**
   * `iss` is another project's `stytch.com/<id>` (or `options.issuer`). Tests the exact issuer comparison →
   * `ERR_TOKEN_ISSUER`.
   */
  wrongIssuer(options?: MintOptions): Promise<string>
  /** `aud` is `[<another project id>]` (or `options.audience`). Tests the audience check → `ERR_TOKEN_AUDIENCE`. */
  wrongAudience(options?: MintOptions): Promise<string>
  /**
   * Signed by the current key, but the header names a kid that is not published. Tests key selection by kid (and
   * the refetch cooldown) → `ERR_TOKEN_KEY_NOT_FOUND`.
   */
  unknownKid(options?: MintOptions): Promise<string>
  /**
   * Signed by a key that is never published, with the current key's kid in the header. Tests the signature check →
   * `ERR_TOKEN_SIGNATURE`.
   */
  foreignKey(options?: MintOptions): Promise<string>
  /**
   * A valid token whose payload was edited after signing (by default the scope `admin:*` is added). Tests that the
   * signature covers the payload → `ERR_TOKEN_SIGNATURE`.
   */
  tamperedPayload(
    options?: MintOptions & { tamper?: (claims: Record<string, unknown>) => Record<string, unknown> },
  ): Promise<string>
  /** `alg: "none"` and an empty signature. Tests the algorithm allow-list → `ERR_TOKEN_ALGORITHM`. */
  algNone(options?: MintOptions): Promise<string>
  /**
   * `alg: "HS256"`, HMAC-signed with the current public key's SPKI PEM as the secret (the classic RS/HS algorithm
   * confusion, CVE-2015-9235). Tests the algorithm allow-list → `ERR_TOKEN_ALGORITHM`.
   */
  hs256WithPublicKey(options?: MintOptions): Promise<string>
  /** No `exp` claim (stytch-node would accept it). Tests that `exp` is required → `ERR_TOKEN_CLAIM_INVALID`. */
  missingExp(options?: MintOptions): Promise<string>
  /** `exp` is a numeric string such as `"1700003600"`. Tests claim type checks → `ERR_TOKEN_CLAIM_INVALID`. */
  nonNumericExp(options?: MintOptions): Promise<string>
  /**
   * Signed by an unpublished key whose kid is new, with a `jku` header pointing at the attacker's JWKS (`url`,
   * default `https://attacker.example/.well-known/jwks.json`). Tests that `jku` is never followed →
   * `ERR_TOKEN_HEADER`.
   */
  jkuHeader(options?: MintOptions & { url?: string }): Promise<string>
  /**
   * Signed by an unpublished key that is embedded in the `jwk` header. Tests that embedded keys are never trusted →
   * `ERR_TOKEN_HEADER`.
   */
  jwkHeader(options?: MintOptions): Promise<string>
  /**
   * A Stytch *session* JWT (the `https://stytch.com/session` claim, a `user-…` subject, no `scope`), signed by the
   * project's real key. Tests that session tokens are not accepted as M2M tokens → `ERR_TOKEN_TYPE`.
   */
  sessionJwt(options?: MintOptions): Promise<string>
  /**
   * A Stytch *Connected Apps* access token (a `user-…` subject, `client_id` of the app, `jti`, OIDC scopes plus the
   * route's scopes), signed by the project's real key. Tests that an M2M-only route refuses it → `ERR_TOKEN_TYPE`.
   * `options.scopes` are added after `openid email`, so it carries whatever scope the route requires.
   */
  connectedApp(options?: MintOptions): Promise<string>
  /**
   * A validly signed token padded with a `padding` claim to at least `size` characters. Tests the length limit checked
   * before decoding → `ERR_TOKEN_TOO_LARGE`. The default, 9000, is over core's default `maxTokenLength` (8192) and
   * well under Node's 16 KiB limit on a request's headers, so a real server answers 401 (not 431, which Node sends
   * before your code runs, and which msw never answers).
   */
  oversized(options?: MintOptions & { size?: number }): Promise<string>
}

// Over core's default maxTokenLength (8192), well under Node's 16 KiB header limit (--max-http-header-size).
const OVERSIZED_DEFAULT = 9000

/** The names a hostile helper accepts besides the mint options, held to its parameter type by the compiler. */
type ExtraNames<K extends keyof HostileTokens> = OptionNames<
  Omit<NonNullable<Parameters<HostileTokens[K]>[0]>, keyof MintOptions>
>

const EXTRA_NAMES: { readonly [K in keyof HostileTokens]: ExtraNames<K> } = {
  expired: { expiredFor: true },
  notYetValid: { startsIn: true },
  wrongIssuer: {},
  wrongAudience: {},
  unknownKid: {},
  foreignKey: {},
  tamperedPayload: { tamper: true },
  algNone: {},
  hs256WithPublicKey: {},
  missingExp: {},
  nonNumericExp: {},
  jkuHeader: { url: true },
  jwkHeader: {},
  sessionJwt: {},
  connectedApp: {},
  oversized: { size: true },
}

/**
 * Builds the hostile helpers on top of an issuer's signer; each refuses option names it does not know, like `mint`
 * (`m2m-guard: hostile.expired does not know the option "expiredfor"`). Internal.
 */
export function createHostileTokens(settings: ProjectSettings, keys: KeyStore, signer: TokenSigner): HostileTokens {
  const helpers = hostileHelpers(settings, keys, signer)
  const checked = Object.entries(helpers).map(([name, helper]) => {
    const extra = EXTRA_NAMES[name as keyof HostileTokens]
    const run = helper as (options?: MintOptions) => Promise<string>
    return [
      name,
      async (options?: MintOptions): Promise<string> => {
        checkMintOptions(options, `hostile.${name}`, extra)
        return run(options)
      },
    ]
  })
  return Object.fromEntries(checked) as HostileTokens
}

function hostileHelpers(settings: ProjectSettings, keys: KeyStore, signer: TokenSigner): HostileTokens {
  const now = (): number => nowSeconds(settings)
  const lifetime = (options: MintOptions): number => options.lifetime ?? settings.tokenLifetime
  const otherProject = otherProjectId(settings)
  const forgeWithForeignKey = async (options: MintOptions, extraHeader: (jwk: object) => object): Promise<string> => {
    const foreign = await keys.foreign()
    const header = { ...buildHeader(foreign.kid, options), ...extraHeader(foreign.publicJwk) }
    return signer.forge(header, buildClaims(settings, options), { key: 'foreign', alg: 'RS256' })
  }

  return {
    expired: async ({ expiredFor = 3600, ...options } = {}) => {
      const exp = now() - expiredFor
      return signer.mint({ ...options, iat: exp - lifetime(options), exp })
    },
    notYetValid: async ({ startsIn = 3600, ...options } = {}) => {
      const nbf = now() + startsIn
      return signer.mint({ ...options, iat: now(), nbf, exp: nbf + lifetime(options) })
    },
    wrongIssuer: async (options = {}) => signer.mint({ issuer: `stytch.com/${otherProject}`, ...options }),
    wrongAudience: async (options = {}) => signer.mint({ audience: [otherProject], ...options }),
    unknownKid: async (options = {}) => signer.mint({ ...options, kid: `jwk-${settings.environment}-${randomUuid()}` }),
    foreignKey: async (options = {}) =>
      signer.forge(buildHeader(keys.current.kid, options), buildClaims(settings, options), { key: 'foreign' }),
    tamperedPayload: async ({ tamper = addAdminScope, ...options } = {}) => {
      const token = await signer.mint(options)
      const [header, , signature] = token.split('.')
      const payload = base64url.encode(JSON.stringify(tamper({ ...decodeJwt(token) })))
      return `${header}.${payload}.${signature}`
    },
    algNone: async (options = {}) =>
      signer.forge({ ...buildHeader(keys.current.kid, options), alg: 'none' }, buildClaims(settings, options), {
        key: 'none',
      }),
    hs256WithPublicKey: async (options = {}) => {
      const pem = new TextEncoder().encode(await exportSPKI(keys.current.publicKey))
      const header = { ...buildHeader(keys.current.kid, options), alg: 'HS256' }
      return signer.forge(header, buildClaims(settings, options), { key: pem, alg: 'HS256' })
    },
    missingExp: async (options = {}) => signer.mint({ ...options, omitClaims: [...(options.omitClaims ?? []), 'exp'] }),
    nonNumericExp: async (options = {}) => {
      const iat = options.iat ?? now()
      return signer.mint({ ...options, iat, claims: { ...options.claims, exp: String(iat + lifetime(options)) } })
    },
    jkuHeader: async ({ url = 'https://attacker.example/.well-known/jwks.json', ...options } = {}) =>
      forgeWithForeignKey(options, () => ({ jku: url })),
    jwkHeader: async (options = {}) => forgeWithForeignKey(options, (jwk) => ({ jwk })),
    sessionJwt: async (options = {}) => {
      const iat = options.iat ?? now()
      return signer.mint({
        clientId: `user-${settings.environment}-${randomUuid()}`,
        lifetime: 300,
        ...options,
        iat,
        omitClaims: [...(options.omitClaims ?? []), 'scope'],
        claims: { 'https://stytch.com/session': sessionClaim(settings, iat), ...options.claims },
      })
    },
    connectedApp: async ({ scopes, ...options } = {}) =>
      signer.mint({
        connectedApp: true,
        ...options,
        scopes: `openid email ${joinScopes(scopes)}`,
      }),
    oversized: async ({ size = OVERSIZED_DEFAULT, ...options } = {}) => {
      const base = (await signer.mint(options)).length
      // Every 3 payload bytes become 4 base64url characters; a little slack absorbs the quoting of the claim.
      const padding = 'x'.repeat(Math.max(0, Math.ceil(((size - base) * 3) / 4)) + 16)
      return signer.mint({ ...options, customClaims: { ...options.customClaims, padding } })
    },
  }
}

function addAdminScope(claims: Record<string, unknown>): Record<string, unknown> {
  return { ...claims, scope: joinScopes(`${typeof claims.scope === 'string' ? claims.scope : ''} admin:*`) }
}

function otherProjectId(settings: ProjectSettings): string {
  const candidate = `project-${settings.environment}-ffffffff-ffff-4fff-bfff-ffffffffffff`
  return candidate === settings.projectId
    ? `project-${settings.environment}-eeeeeeee-eeee-4eee-beee-eeeeeeeeeeee`
    : candidate
}

// The shape of the claim stytch-node reads from session JWTs (see its authenticateSessionJwtLocal).
function sessionClaim(settings: ProjectSettings, iat: number): Record<string, unknown> {
  const at = (seconds: number): string => new Date(seconds * 1000).toISOString()
  return {
    id: `session-${settings.environment}-${randomUuid()}`,
    started_at: at(iat),
    last_accessed_at: at(iat),
    expires_at: at(iat + 3600),
    attributes: { ip_address: '', user_agent: '' },
    authentication_factors: [],
  }
}
