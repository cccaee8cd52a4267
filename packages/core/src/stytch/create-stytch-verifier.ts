import { assertSecureUrl } from '../http/secure-url.js'
import { assertKnownOptions, invalidOption } from '../verify/assert-options.js'
import { COMMON_OPTIONS, createVerifier } from '../verify/create-verifier.js'
import type { CommonVerifierOptions, Verifier } from '../verify/verifier-options.js'
import { type StytchProjectType, stytchIssuer, stytchJwksUrl } from './stytch-urls.js'

/** Options of {@link createStytchVerifier}. Only `projectId` is required. */
export interface StytchVerifierOptions extends CommonVerifierOptions {
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
}

/** Claims that only Stytch *session* JWTs carry: same keys and issuer, wrong kind of token. */
export const STYTCH_SESSION_CLAIMS: readonly string[] = [
  'https://stytch.com/session',
  'https://stytch.com/organization',
]
const PROJECT_ID = /^project-(test|live)-[A-Za-z0-9-]+$/
const STYTCH_OPTIONS: ReadonlySet<string> = new Set([
  ...COMMON_OPTIONS,
  'projectId',
  'projectType',
  'customDomains',
  'baseUrl',
])

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
 * Creates a verifier for a Stytch project's M2M access tokens. It needs only the project id, never the project
 * secret: keys come from the project's public JWKS and every check runs locally.
 *
 * Rules (see the core README): `RS256` only, header `typ: JWT`, `iss` = `stytch.com/<projectId>` or a custom
 * domain, `aud` contains the project id, `exp`/`iat`/`sub` required, session JWTs refused.
 *
 * @param options - See {@link StytchVerifierOptions}.
 * @returns A {@link Verifier}; create one per project at start-up and share it.
 * @throws {TypeError} when an option is missing, unknown or invalid; the message names it.
 * @example
 * const verifier = createStytchVerifier({ projectId: 'project-live-…' })
 * const auth = await verifier.authenticate(req.headers.authorization, { requiredScopes: ['read:users'] })
 * auth.clientId // 'm2m-client-live-…'
 */
export function createStytchVerifier(options: StytchVerifierOptions): Verifier {
  if (typeof options !== 'object' || options === null) throw new TypeError('m2m-guard: options are required')
  assertKnownOptions(options, STYTCH_OPTIONS, 'createStytchVerifier')
  const { projectId, projectType = 'consumer', customDomains, baseUrl, ...common } = options
  if (typeof projectId !== 'string' || !PROJECT_ID.test(projectId)) {
    invalidOption('projectId', 'a Stytch project id such as "project-live-…" or "project-test-…"')
  }
  if (projectType !== 'consumer' && projectType !== 'b2b') invalidOption('projectType', '"consumer" or "b2b"')
  const base = baseUrl === undefined ? undefined : assertSecureUrl(baseUrl, 'baseUrl').href
  return createVerifier({
    ...common,
    issuers: [stytchIssuer(projectId), ...customDomainIssuers(customDomains)],
    audience: projectId,
    jwksUri: stytchJwksUrl(projectId, projectType, base),
    algorithms: ['RS256'],
    typ: 'JWT',
    forbiddenClaims: STYTCH_SESSION_CLAIMS,
  })
}
