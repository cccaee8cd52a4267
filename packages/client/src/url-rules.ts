import { InsecureUrlError, OriginNotAllowedError } from './errors/error-classes.js'

/** `http:` is only accepted for these names: traffic to them never leaves the machine. */
const LOOPBACK_NAMES = new Set(['localhost', '[::1]'])
/** The WHATWG URL parser normalizes every IPv4 spelling (`127.1`, `0x7f.0.0.1`) to dotted decimal first. */
const LOOPBACK_IPV4 = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/

/**
 * Whether a URL host is a loopback address, where plain `http:` cannot be sniffed on the way. The same rule as
 * `@m2m-guard/core` (a root parity test holds them together). `*.localhost` names are not loopback here: they go to
 * whatever the system resolver returns, so a client secret could travel in clear text to another machine.
 *
 * @param hostname - `URL.hostname` (already lower-cased and normalized by the URL parser; IPv6 in brackets).
 * @returns `true` for `localhost`, `127.0.0.0/8` and `[::1]`.
 * @example
 * isLoopbackHost(new URL('http://127.1:8080').hostname) // true
 * isLoopbackHost(new URL('http://api.localhost').hostname) // false
 */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_NAMES.has(hostname) || LOOPBACK_IPV4.test(hostname)
}

/**
 * Whether a bearer token or a client secret may travel to this URL: `https:`, or `http:` to loopback (or to any
 * host when the insecure escape hatch is on).
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
