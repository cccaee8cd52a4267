/** Stytch's API host for live projects. */
export const STYTCH_LIVE_URL = 'https://api.stytch.com'
/** Stytch's API host for test projects. */
export const STYTCH_TEST_URL = 'https://test.stytch.com'

/** Which JWKS path a project uses: consumer or B2B. */
export type StytchProjectType = 'consumer' | 'b2b'

/**
 * The API base URL for a project: `project-live-…` is live, anything else test (docs/stytch-facts.md, JWKS).
 *
 * @param projectId - The Stytch project id.
 * @returns `https://api.stytch.com` or `https://test.stytch.com`.
 * @example
 * stytchBaseUrl('project-live-123') // 'https://api.stytch.com'
 */
export function stytchBaseUrl(projectId: string): string {
  return projectId.startsWith('project-live-') ? STYTCH_LIVE_URL : STYTCH_TEST_URL
}

/**
 * The JWKS URL of a project.
 *
 * @param projectId - The Stytch project id.
 * @param projectType - `'consumer'` (default) or `'b2b'`.
 * @param baseUrl - API base URL; defaults to {@link stytchBaseUrl}.
 * @returns e.g. `https://test.stytch.com/v1/sessions/jwks/project-test-…`.
 * @example
 * stytchJwksUrl('project-test-123', 'b2b') // 'https://test.stytch.com/v1/b2b/sessions/jwks/project-test-123'
 */
export function stytchJwksUrl(
  projectId: string,
  projectType: StytchProjectType = 'consumer',
  baseUrl: string = stytchBaseUrl(projectId),
): string {
  const path = projectType === 'b2b' ? '/v1/b2b/sessions/jwks/' : '/v1/sessions/jwks/'
  return `${baseUrl.replace(/\/+$/, '')}${path}${encodeURIComponent(projectId)}`
}

/**
 * The `iss` of a project's M2M tokens when they are not requested through a custom domain.
 *
 * @param projectId - The Stytch project id.
 * @returns `stytch.com/<projectId>` (no scheme, no trailing slash).
 * @example
 * stytchIssuer('project-test-123') // 'stytch.com/project-test-123'
 */
export function stytchIssuer(projectId: string): string {
  return `stytch.com/${projectId}`
}
