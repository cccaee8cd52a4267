import { isLoopbackHost } from '@m2m-guard/core/options'
import { InsecureUrlError, OriginNotAllowedError } from './errors/error-classes.js'

/**
 * Whether a bearer token or a client secret may travel to this URL: `https:`, or `http:` to loopback (or to any
 * host when the insecure escape hatch is on). Loopback is core's rule (`localhost`, `127.0.0.0/8`, `[::1]`; not
 * `*.localhost`, whose names go to whatever the system resolver returns), imported rather than copied.
 *
 * @param url - Parsed URL.
 * @param allowInsecureHttp - The `dangerouslyAllowInsecureHttp` option.
 * @returns `true` when sending is acceptable.
 */
export function isSecureUrl(url: URL, allowInsecureHttp: boolean): boolean {
  if (url.protocol === 'https:') return true
  return url.protocol === 'http:' && (allowInsecureHttp || isLoopbackHost(url.hostname))
}

/**
 * Refuses to send the token to a URL without TLS or outside the allow-list.
 *
 * @param url - Target of the request.
 * @param allowedOrigins - Allowed origins, or `undefined` for any secure origin.
 * @param allowInsecureHttp - The `dangerouslyAllowInsecureHttp` option.
 * @throws {InsecureUrlError} `ERR_INSECURE_URL` for `http:` to a remote host or a non-HTTP scheme.
 * @throws {OriginNotAllowedError} `ERR_ORIGIN_NOT_ALLOWED` for an origin outside the allow-list.
 */
export function assertTargetAllowed(
  url: URL,
  allowedOrigins: ReadonlySet<string> | undefined,
  allowInsecureHttp: boolean,
): void {
  if (!isSecureUrl(url, allowInsecureHttp))
    throw new InsecureUrlError(url.origin === 'null' ? url.protocol : url.origin)
  if (allowedOrigins !== undefined && !allowedOrigins.has(url.origin)) throw new OriginNotAllowedError(url.origin)
}
