/** The fixed "now" of every corpus run, in seconds (2027-01-15T08:00:00Z). A whole second, so boundaries are exact. */
export const NOW_S = 1_800_000_000
/** {@link NOW_S} in milliseconds, for `clock` options. */
export const NOW_MS: number = NOW_S * 1000
/** A clock frozen at {@link NOW_MS}. */
export const fixedClock = (): number => NOW_MS

/** The test project every corpus verifier is configured for (unless a case says otherwise). */
export const PROJECT_ID = 'project-test-5ec0a11e-0000-4000-8000-000000000001'
/** A live project, for test/live confusion. */
export const LIVE_PROJECT_ID = 'project-live-5ec0a11e-0000-4000-8000-000000000001'
/** Another test project with its own keys, published nowhere the corpus verifiers look. */
export const OTHER_PROJECT_ID = 'project-test-5ec0a11e-0000-4000-8000-000000000002'

/** The kid of the corpus's own RSA key (published next to the fake issuer's), which signs raw segments. */
export const RAW_KID = 'jwk-test-5ec0a11e-0000-4000-8000-00000000000a'
/** The `sub` of corpus tokens. */
export const CLIENT_ID = 'm2m-client-test-5ec0a11e-0000-4000-8000-000000000001'

/** `iss` of a project's tokens. */
export const issuerOf = (projectId: string): string => `stytch.com/${projectId}`
/** The consumer JWKS path of a project, as core builds it from `baseUrl`. */
export const jwksPathOf = (projectId: string): string => `/v1/sessions/jwks/${projectId}`
