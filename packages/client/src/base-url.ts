import { isSecureUrl } from './url-rules.js'
import { invalidOption } from './validate.js'

/** Stytch's hosts; the environment follows the project id. */
const LIVE_BASE = 'https://api.stytch.com'
const TEST_BASE = 'https://test.stytch.com'

/** Parses a URL option, or throws a `TypeError` naming it. */
function parseUrl(name: string, value: unknown): URL {
  if (!(typeof value === 'string' || value instanceof URL)) invalidOption(name, 'a URL string or URL')
  try {
    return new URL(String(value))
  } catch {
    return invalidOption(name, 'an absolute URL')
  }
}

/** Asserts that a parsed base URL carries nothing that would be dropped or leaked: credentials, query, fragment. */
function assertPlainBase(name: string, url: URL, allowPath: boolean): void {
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    invalidOption(name, 'a URL without credentials, query or fragment')
  }
  if (!allowPath && url.pathname !== '/') invalidOption(name, 'a host name without a path')
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
    base = parseUrl('baseUrl', baseUrl)
    assertPlainBase('baseUrl', base, true)
    if (!isSecureUrl(base, allowInsecureHttp)) invalidOption('baseUrl', 'an https: URL (http: only for loopback)')
  } else if (customDomain !== undefined) {
    if (typeof customDomain !== 'string' || customDomain === '') invalidOption('customDomain', 'a host name')
    base = parseUrl('customDomain', customDomain.includes('://') ? customDomain : `https://${customDomain}`)
    assertPlainBase('customDomain', base, false)
    if (base.protocol !== 'https:') invalidOption('customDomain', 'an https: host')
  } else {
    base = new URL(projectId.startsWith('project-live-') ? LIVE_BASE : TEST_BASE)
  }
  const prefix = base.pathname.replace(/\/+$/, '')
  return `${base.origin}${prefix}/v1/public/${projectId}/oauth2/token`
}
