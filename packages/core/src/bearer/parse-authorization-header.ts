import { InvalidRequestError, MissingTokenError } from '../errors/error-classes.js'

/** RFC 6750 §2.1 b64token: `1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="`. */
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/
const BEARER = 'bearer'
const SPACE = 0x20

/**
 * Where the token starts after `Bearer` and at least one space (`/^bearer +/i`; RFC 7235 auth-scheme is
 * case-insensitive), or `-1`. Char codes, not a regular expression: no match array per request. `| 0x20` lower-cases
 * only the ASCII letters here: for each letter of `bearer`, exactly its two cases map onto it.
 */
function bearerTokenStart(header: string): number {
  if (header.length <= BEARER.length || header.charCodeAt(BEARER.length) !== SPACE) return -1
  for (let i = 0; i < BEARER.length; i++) {
    if ((header.charCodeAt(i) | 0x20) !== BEARER.charCodeAt(i)) return -1
  }
  let start = BEARER.length + 1
  while (header.charCodeAt(start) === SPACE) start++
  return start
}

/**
 * The `Bearer` scheme, whatever follows it: an auth-scheme is a token (RFC 9110 §11.1), so `Bearer` followed by
 * anything but a tchar (§5.6.2) ends the scheme name there (`Bearer<TAB>abc`), while `Bearerabc` is another scheme.
 */
const BEARER_SCHEME = /^bearer(?![!#$%&'*+\-.^_`|~0-9a-z])/i

/**
 * Takes the token out of an RFC 6750 `Authorization: Bearer <token>` header value, without checking its characters
 * (see {@link assertB64Token}). Split from the check so a verifier can answer a token it has already verified
 * before paying for the scan.
 *
 * @param authorization - The header value, or an array when the request carried the header more than once.
 * @returns The text after `Bearer `.
 * @throws {MissingTokenError} `ERR_MISSING_TOKEN` for no header, an empty one, or another scheme.
 * @throws {InvalidRequestError} `ERR_INVALID_REQUEST` for two headers, an empty token, or `Bearer` followed by
 *   something other than spaces (`Bearer<TAB>abc`).
 * @example
 * extractBearerToken('Bearer abc') // 'abc'
 */
export function extractBearerToken(authorization: string | readonly string[] | null | undefined): string {
  let value = authorization
  if (Array.isArray(value)) {
    if (value.length > 1) throw new InvalidRequestError('The request carries more than one Authorization header')
    value = value[0]
  }
  if (typeof value !== 'string') throw new MissingTokenError()
  // Optional whitespace around a field value is not part of it (RFC 9110 §5.5).
  const header = value.trim()
  if (header === '') throw new MissingTokenError()
  const start = bearerTokenStart(header)
  if (start === -1) {
    // `Bearer` with nothing after it, or with something other than SP after it (RFC 6750 §2.1: `"Bearer" 1*SP
    // b64token`; a TAB survives Node's header parsing when it is inside the value), is a malformed bearer header,
    // not another scheme.
    if (!BEARER_SCHEME.test(header)) throw new MissingTokenError()
    // After the trim, a bare `Bearer` is all that is left of `Bearer`, `Bearer ` and `Bearer<TAB>`.
    if (header.length === 6) throw new InvalidRequestError('The bearer token is empty')
    throw new InvalidRequestError('The Authorization header is malformed')
  }
  return header.slice(start)
}

/**
 * Checks a bearer token against RFC 6750 §2.1's b64token syntax.
 *
 * @param token - What {@link extractBearerToken} returned.
 * @throws {InvalidRequestError} `ERR_INVALID_REQUEST` for characters outside b64token.
 * @example
 * assertB64Token('a b') // throws
 */
export function assertB64Token(token: string): void {
  if (!B64TOKEN.test(token)) throw new InvalidRequestError('The Authorization header is malformed')
}

/**
 * Extracts the token from an RFC 6750 `Authorization: Bearer <token>` header value.
 *
 * @param authorization - The header value, or an array when the request carried the header more than once.
 * @returns The token.
 * @throws {MissingTokenError} `ERR_MISSING_TOKEN` for no header, an empty one, or another scheme.
 * @throws {InvalidRequestError} `ERR_INVALID_REQUEST` for two headers, an empty token, `Bearer` followed by
 *   something other than spaces, or characters outside b64token.
 * @example
 * parseAuthorizationHeader('Bearer eyJhbGciOi…') // 'eyJhbGciOi…'
 */
export function parseAuthorizationHeader(authorization: string | readonly string[] | null | undefined): string {
  const token = extractBearerToken(authorization)
  assertB64Token(token)
  return token
}
