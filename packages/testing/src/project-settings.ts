import {
  assertSecureUrl,
  checkFunction,
  checkNames,
  checkNumber,
  invalidOption,
  isOptionsObject,
  type OptionNames,
} from '@m2m-guard/core/options'
import { randomToken, randomUuid } from './lib/random.js'
import type { TestIssuerOptions } from './test-issuer-options.js'

/** The project id {@link createTestIssuer} uses when none is given. */
export const DEFAULT_PROJECT_ID = 'project-test-00000000-0000-4000-8000-000000000000'

/** Stytch's API host for test projects. */
export const STYTCH_TEST_BASE_URL = 'https://test.stytch.com'

/** Stytch's API host for live projects. */
export const STYTCH_LIVE_BASE_URL = 'https://api.stytch.com'

/** Everything derived once from the options: ids, hosts, prefixes, time. Internal. */
export interface ProjectSettings {
  readonly projectId: string
  readonly projectSecret: string
  readonly environment: 'test' | 'live'
  /** `stytch.com/<projectId>`. */
  readonly issuer: string
  /** Stytch's own host for this project's environment. */
  readonly stytchBaseUrl: string
  /** Where the API is served: `baseUrl` when configured, else {@link stytchBaseUrl}. */
  readonly baseUrl: string
  /** The project (custom) domain's origin, when configured. */
  readonly customDomain: string | undefined
  readonly tokenLifetime: number
  /** Current time in milliseconds. */
  readonly clock: () => number
}

/** Names of {@link TestIssuerOptions}, held to the type by the compiler. */
const TEST_ISSUER_OPTION_NAMES = {
  projectId: true,
  projectSecret: true,
  baseUrl: true,
  customDomain: true,
  tokenLifetime: true,
  clock: true,
  customClaims: true,
  snapshot: true,
} as const satisfies OptionNames<TestIssuerOptions>

/**
 * Validates the options of `createTestIssuer` and derives the settings.
 *
 * @throws {TypeError} `m2m-guard: option "<name>" must be …`, or `m2m-guard: createTestIssuer does not know the
 *   option "<name>"`.
 */
export function resolveProjectSettings(input: TestIssuerOptions): ProjectSettings {
  if (!isOptionsObject(input)) throw new TypeError('m2m-guard: the options of createTestIssuer() must be an object')
  checkNames(input, TEST_ISSUER_OPTION_NAMES, 'createTestIssuer', '')
  const projectId = input.projectId ?? DEFAULT_PROJECT_ID
  if (typeof projectId !== 'string' || !/^[\w.-]+$/.test(projectId)) {
    invalidOption('projectId', 'a non-empty string of letters, digits, "-", "_" or "."')
  }
  // Stytch's rule, as in every official SDK: a `project-live-` id is live, anything else is test.
  const environment = projectId.startsWith('project-live-') ? 'live' : 'test'
  const projectSecret = input.projectSecret ?? `secret-${environment}-${randomToken(27)}`
  if (typeof projectSecret !== 'string' || projectSecret.length === 0) {
    invalidOption('projectSecret', 'a non-empty string')
  }
  const tokenLifetime = checkNumber(
    input.tokenLifetime,
    'tokenLifetime',
    { min: 0, minExclusive: true, integer: true, unit: 'seconds' },
    3600,
  )
  checkFunction(input.clock, 'clock', 'a function returning milliseconds')
  const stytchBaseUrl = environment === 'live' ? STYTCH_LIVE_BASE_URL : STYTCH_TEST_BASE_URL
  const baseUrl = input.baseUrl === undefined ? stytchBaseUrl : toOrigin(input.baseUrl, 'baseUrl')
  const customDomain = input.customDomain === undefined ? undefined : toOrigin(input.customDomain, 'customDomain')
  return {
    projectId,
    projectSecret,
    environment,
    issuer: `stytch.com/${projectId}`,
    stytchBaseUrl,
    baseUrl,
    customDomain,
    tokenLifetime,
    clock: input.clock ?? Date.now,
  }
}

/** Current time in whole Unix seconds. */
export const nowSeconds = (settings: ProjectSettings): number => Math.floor(settings.clock() / 1000)

/** A Stytch-style request id: `request-id-test-<uuid>`. */
export const newRequestId = (settings: ProjectSettings): string => `request-id-${settings.environment}-${randomUuid()}`

// An issuer or base URL is scheme + host (+ port): Stytch's `iss` for custom domains has no path or trailing slash.
// Core's URL rule applies, so the fake accepts exactly the URLs a verifier or token source would be pointed at.
function toOrigin(value: string | URL, option: string): string {
  const url = assertSecureUrl(value, option)
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    invalidOption(option, 'an origin without path, query or fragment, e.g. "https://login.example.com"')
  }
  return url.origin
}
