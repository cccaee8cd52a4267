import { invalidOption } from '../options/option-error.js'

/** `http:` is only accepted for these hosts: traffic to them never leaves the machine. */
const LOOPBACK_NAMES = new Set(['localhost', '[::1]'])
/** The WHATWG URL parser normalizes every IPv4 spelling (`127.1`, `0x7f.0.0.1`) to dotted decimal first. */
const LOOPBACK_IPV4 = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/

/**
 * Tells whether a parsed hostname is a loopback host: `localhost`, `127.0.0.0/8` or `[::1]`.
 *
 * @param hostname - `URL.hostname` (already lower-cased and normalized by the URL parser).
 * @returns `true` for a loopback host.
 * @example
 * isLoopbackHost(new URL('http://127.0.0.1:8080').hostname) // true
 */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_NAMES.has(hostname) || LOOPBACK_IPV4.test(hostname)
}

/**
 * Parses a URL option and checks that it is safe to fetch keys or tokens from.
 *
 * Accepted: `https:` URLs, and `http:` URLs whose host is a loopback host (`localhost`, `127.0.0.0/8`, `[::1]`), so
 * tests and local fakes work while a plain-text URL to another machine is refused. User names and passwords in the
 * URL are refused: they would be sent to the server and end up in logs.
 *
 * @param value - The option value.
 * @param optionName - Name of the option, used in the error message.
 * @returns A new `URL` (the caller's `URL` object is never shared).
 * @throws {TypeError} When the value is not a string or `URL`, cannot be parsed, has another scheme, is `http:` to a
 *   non-loopback host, or carries credentials: `m2m-guard: option "<optionName>" must be …`.
 * @example
 * const url = assertSecureUrl('https://test.stytch.com', 'baseUrl')
 * assertSecureUrl('http://example.com', 'baseUrl') // throws TypeError
 */
export function assertSecureUrl(value: string | URL, optionName: string): URL {
  if (typeof value !== 'string' && !(value instanceof URL)) {
    invalidOption(optionName, 'a URL string or a URL object')
  }
  let url: URL
  try {
    url = new URL(String(value))
  } catch {
    invalidOption(optionName, 'an absolute URL')
  }
  if (url.username !== '' || url.password !== '') {
    invalidOption(optionName, 'a URL without a user name or password')
  }
  if (url.protocol === 'https:') return url
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return url
  if (url.protocol === 'http:') {
    invalidOption(optionName, 'an https: URL (http: is only accepted for localhost and loopback addresses)')
  }
  return invalidOption(optionName, 'an https: URL')
}
