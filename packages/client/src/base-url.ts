import { assertSecureUrl, invalidOption } from '@m2m-guard/core/options'

/** Stytch's hosts; the environment follows the project id. */
const LIVE_BASE = 'https://api.stytch.com'
const TEST_BASE = 'https://test.stytch.com'
/** A bare host name (with an optional port): what `customDomain` took before it became an https origin. */
const BARE_HOST = /^[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/i

/**
 * Parses `baseUrl` with core's URL rule (`https:`, or `http:` to a loopback host, no credentials). The
 * `dangerouslyAllowInsecureHttp` escape hatch lifts the TLS part only: an `http:` URL to any host is then taken as it
 * is, and {@link assertPlainBase} still refuses credentials.
 */
function parseBaseUrl(value: unknown, allowInsecureHttp: boolean): URL {
  if (allowInsecureHttp && (typeof value === 'string' || value instanceof URL)) {
    try {
      const url = new URL(String(value))
      if (url.protocol === 'http:') return url
    } catch {
      // Reported below, by the same rule as without the escape hatch.
    }
  }
  return assertSecureUrl(value as string | URL, 'baseUrl')
}

/** Asserts that a parsed base URL carries nothing that would be dropped or leaked: credentials, query, fragment. */
function assertPlainBase(path: string, url: URL): void {
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    invalidOption(path, 'a URL without credentials, query or fragment')
  }
}

/**
 * Checks `customDomain`: an https origin, written as core's `customDomains` entries are (`https://login.example.com`).
 * A bare host name is refused with the origin to write instead, so one spelling serves the calling and the verifying
 * side.
 */
function parseCustomDomain(value: unknown): URL {
  if (typeof value === 'string' && BARE_HOST.test(value)) {
    invalidOption('customDomain', `an https origin such as "https://${value}" (not a bare host name)`)
  }
  if (typeof value !== 'string') invalidOption('customDomain', 'an https origin such as "https://login.example.com"')
  const url = assertSecureUrl(value, 'customDomain')
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    invalidOption('customDomain', 'an https origin without path, query or fragment, e.g. "https://login.example.com"')
  }
  return url
}

/**
 * Works out the token endpoint URL: `<base>/v1/public/<projectId>/oauth2/token`.
 *
 * @param projectId - Validated project id (letters, digits, `-`, `_`).
 * @param baseUrl - The `baseUrl` option.
 * @param customDomain - The `customDomain` option.
 * @param allowInsecureHttp - The `dangerouslyAllowInsecureHttp` option.
 * @returns The absolute token endpoint URL.
 * @throws {TypeError} When `baseUrl` or `customDomain` is malformed, insecure, or both are set.
 */
export function resolveTokenUrl(
  projectId: string,
  baseUrl: unknown,
  customDomain: unknown,
  allowInsecureHttp: boolean,
): string {
  let base: URL
  if (baseUrl !== undefined) {
    if (customDomain !== undefined) invalidOption('customDomain', 'left out when "baseUrl" is set')
    base = parseBaseUrl(baseUrl, allowInsecureHttp)
    assertPlainBase('baseUrl', base)
  } else if (customDomain !== undefined) {
    base = parseCustomDomain(customDomain)
  } else {
    base = new URL(projectId.startsWith('project-live-') ? LIVE_BASE : TEST_BASE)
  }
  const prefix = base.pathname.replace(/\/+$/, '')
  return `${base.origin}${prefix}/v1/public/${projectId}/oauth2/token`
}
