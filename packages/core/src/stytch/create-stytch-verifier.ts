import { assertSecureUrl } from '../http/secure-url.js'
import { checkNames, type OptionNames } from '../options/check-names.js'
import { checkChoice, isOptionsObject } from '../options/check-values.js'
import { invalidOption } from '../options/option-error.js'
import { createVerifierFor } from '../verify/create-verifier.js'
import { COMMON_OPTION_NAMES } from '../verify/option-names.js'
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
/** Names of {@link StytchVerifierOptions}, held to the type by the compiler. */
const STYTCH_OPTION_NAMES = {
  projectId: true,
  projectType: true,
  customDomains: true,
  baseUrl: true,
  ...COMMON_OPTION_NAMES,
} as const satisfies OptionNames<StytchVerifierOptions>

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
  if (!isOptionsObject(options))
    throw new TypeError('m2m-guard: the options of createStytchVerifier() must be an object')
  checkNames(options, STYTCH_OPTION_NAMES, 'createStytchVerifier', '')
  const { projectId, projectType: type, customDomains, baseUrl, ...common } = options
  if (typeof projectId !== 'string' || !PROJECT_ID.test(projectId)) {
    invalidOption('projectId', 'a Stytch project id such as "project-live-…" or "project-test-…"')
  }
  const projectType = checkChoice(type, 'projectType', ['consumer', 'b2b']) ?? 'consumer'
  const base = baseUrl === undefined ? undefined : assertSecureUrl(baseUrl, 'baseUrl').href
  return createVerifierFor(
    {
      ...common,
      issuers: [stytchIssuer(projectId), ...customDomainIssuers(customDomains)],
      audience: projectId,
      jwksUri: stytchJwksUrl(projectId, projectType, base),
      algorithms: ['RS256'],
      typ: 'JWT',
      forbiddenClaims: STYTCH_SESSION_CLAIMS,
    },
    'createStytchVerifier',
  )
}
