import { assertSecureUrl } from '../http/secure-url.js'
import { checkNames, type OptionNames } from '../options/check-names.js'
import { checkChoice, isOptionsObject } from '../options/check-values.js'
import { invalidOption } from '../options/option-error.js'
import { createVerifierFor } from '../verify/create-verifier.js'
import type { TokenKind } from '../verify/m2m-auth.js'
import { COMMON_OPTION_NAMES } from '../verify/option-names.js'
import type { CommonVerifierOptions, Verifier } from '../verify/verifier-options.js'
import { acceptTokenKind, STYTCH_SESSION_CLAIM } from './classify-token.js'
import { requireAudience } from './required-audience.js'
import { type StytchProjectType, stytchIssuer, stytchJwksUrl } from './stytch-urls.js'

/**
 * Options of {@link createStytchVerifier}. Only `projectId` is required.
 *
 * @typeParam Kinds - The tuple given as `tokenKinds`, inferred by `createStytchVerifier`.
 */
export interface StytchVerifierOptions<Kinds extends readonly TokenKind[] = readonly TokenKind[]>
  extends CommonVerifierOptions {
  /** The Stytch project id, e.g. `project-live-…`. It selects the environment and is the required audience. */
  projectId: string
  /** `'consumer'` (default) or `'b2b'`: selects the JWKS path. */
  projectType?: StytchProjectType | undefined
  /**
   * Custom domains tokens may be requested through, e.g. `https://login.example.com`: each is also an accepted
   * issuer (trailing slash stripped).
   */
  customDomains?: readonly string[] | undefined
  /** Override of Stytch's API host (tests, the fake Stytch). `https:` only, except loopback hosts. */
  baseUrl?: string | URL | undefined
  /**
   * Which kinds of token are accepted: `'m2m'` (M2M access tokens) and/or `'connected-app'` (Connected Apps access
   * tokens). Default `['m2m']`. Any other kind, and every Stytch session JWT, is refused with `ERR_TOKEN_TYPE`.
   */
  tokenKinds?: Kinds | undefined
  /**
   * An audience the token's `aud` must contain in addition to the project id, e.g. the resource's URL
   * (RFC 8707 audience binding; Connected Apps tokens can carry custom audiences). Default: none.
   */
  requiredAudience?: string | undefined
}

/**
 * Claims that only Stytch *session* JWTs carry: same keys and issuer, wrong kind of token. (The organization claim is
 * not one: B2B Connected Apps tokens carry it too; the token-kind rule handles it.)
 */
export const STYTCH_SESSION_CLAIMS: readonly string[] = [STYTCH_SESSION_CLAIM]
const TOKEN_KINDS: ReadonlySet<string> = new Set<TokenKind>(['m2m', 'connected-app'])
const PROJECT_ID = /^project-(test|live)-[A-Za-z0-9-]+$/
/** Names of {@link StytchVerifierOptions}, held to the type by the compiler. */
/** Names of {@link StytchVerifierOptions}; the adapter kit checks its options against them too. */
export const STYTCH_OPTION_NAMES: OptionNames<StytchVerifierOptions> = {
  projectId: true,
  projectType: true,
  customDomains: true,
  baseUrl: true,
  tokenKinds: true,
  requiredAudience: true,
  ...COMMON_OPTION_NAMES,
}

function acceptedKinds(value: unknown): ReadonlySet<TokenKind> {
  if (value === undefined) return new Set(['m2m'])
  const expected = 'a non-empty array of distinct token kinds: "m2m", "connected-app"'
  if (!Array.isArray(value) || value.length === 0) invalidOption('tokenKinds', expected)
  const kinds = new Set<TokenKind>()
  for (const kind of value as unknown[]) {
    if (typeof kind !== 'string' || !TOKEN_KINDS.has(kind) || kinds.has(kind as TokenKind)) {
      invalidOption('tokenKinds', expected)
    }
    kinds.add(kind as TokenKind)
  }
  return kinds
}

function customDomainIssuers(value: unknown): string[] {
  if (value === undefined) return []
  if (!Array.isArray(value)) invalidOption('customDomains', 'an array of https URLs')
  return value.map((domain: unknown) => {
    if (typeof domain !== 'string') invalidOption('customDomains', 'an array of https URLs')
    const url = assertSecureUrl(domain, 'customDomains')
    if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
      invalidOption('customDomains', 'an array of base URLs without path, e.g. https://login.example.com')
    }
    return url.origin
  })
}

/**
 * Creates a verifier for a Stytch project's M2M access tokens (and, with `tokenKinds`, Connected Apps access tokens). It needs only the project id, never the project
 * secret: keys come from the project's public JWKS and every check runs locally.
 *
 * Rules (see the core README): `RS256` only, header `typ: JWT`, `iss` = `stytch.com/<projectId>` or a custom
 * domain, `aud` contains the project id (and `requiredAudience`), `exp`/`iat`/`sub` required, session JWTs refused,
 * and the token's kind (see `classifyStytchToken`) one of `tokenKinds`.
 *
 * @typeParam Kinds - Inferred from `tokenKinds`; results are typed by kind (`M2MTokenAuth` by default).
 * @param options - See {@link StytchVerifierOptions}.
 * @returns A {@link Verifier}; create one per project at start-up and share it.
 * @throws {TypeError} when an option is missing, unknown or invalid; the message names it.
 * @example
 * const verifier = createStytchVerifier({ projectId: 'project-live-…' })
 * const auth = await verifier.authenticate(req.headers.authorization, { requiredScopes: ['read:users'] })
 * auth.clientId // 'm2m-client-live-…'
 *
 * const both = createStytchVerifier({ projectId: 'project-live-…', tokenKinds: ['m2m', 'connected-app'] })
 * const caller = await both.verify(token)
 * if (caller.kind === 'connected-app') caller.subject // 'user-live-…'
 */
export function createStytchVerifier<const Kinds extends readonly TokenKind[] = readonly ['m2m']>(
  options: StytchVerifierOptions<Kinds>,
): Verifier<Kinds[number]> {
  return createStytchVerifierAs(options, 'createStytchVerifier')
}

/**
 * {@link createStytchVerifier} on behalf of another function (`m2mAuth`, `m2mGuard`): messages name `what`, the
 * function the user called. Internal; the adapter kit uses it.
 *
 * @param options - As for {@link createStytchVerifier}.
 * @param what - The function the user called.
 * @returns The verifier.
 * @throws {TypeError} naming the option.
 */
export function createStytchVerifierAs<const Kinds extends readonly TokenKind[] = readonly ['m2m']>(
  options: StytchVerifierOptions<Kinds>,
  what: string,
): Verifier<Kinds[number]> {
  if (!isOptionsObject(options)) throw new TypeError(`m2m-guard: the options of ${what}() must be an object`)
  checkNames(options, STYTCH_OPTION_NAMES, what, '')
  const { projectId, projectType: type, customDomains, baseUrl, tokenKinds, requiredAudience, ...common } = options
  if (typeof projectId !== 'string' || !PROJECT_ID.test(projectId)) {
    invalidOption('projectId', 'a Stytch project id such as "project-live-…" or "project-test-…"')
  }
  const projectType = checkChoice(type, 'projectType', ['consumer', 'b2b']) ?? 'consumer'
  // baseUrl is checked once, by the JWKS cache, on the URL derived from it (scheme, host and credentials are the
  // base's), so a refusal names "baseUrl"; here only its type, which the derivation needs.
  if (baseUrl !== undefined && typeof baseUrl !== 'string' && !(baseUrl instanceof URL)) {
    invalidOption('baseUrl', 'a URL string or a URL object')
  }
  const accepted = acceptedKinds(tokenKinds)
  if (requiredAudience !== undefined && (typeof requiredAudience !== 'string' || requiredAudience === '')) {
    invalidOption('requiredAudience', 'a non-empty string')
  }
  const classify = (payload: Readonly<Record<string, unknown>>): TokenKind => {
    if (requiredAudience !== undefined) requireAudience(payload.aud, requiredAudience)
    return acceptTokenKind(payload, accepted)
  }
  return createVerifierFor<Kinds[number]>(
    {
      ...common,
      issuers: [stytchIssuer(projectId), ...customDomainIssuers(customDomains)],
      audience: projectId,
      jwksUri: stytchJwksUrl(projectId, projectType, baseUrl === undefined ? undefined : String(baseUrl)),
      algorithms: ['RS256'],
      typ: 'JWT',
      forbiddenClaims: STYTCH_SESSION_CLAIMS,
    },
    what,
    classify,
    baseUrl === undefined ? 'jwksUri' : 'baseUrl',
  )
}
