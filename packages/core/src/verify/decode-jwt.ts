import { base64url } from 'jose'
import { InvalidTokenError } from '../errors/error-classes.js'
import { NodeBuffer, nodeBuiltin } from '../runtime/node-builtins.js'

/** A compact JWS split into its segments, nothing decoded yet. */
export interface JwtSegments {
  /** The base64url header segment. */
  readonly header: string
  /** The base64url payload segment. */
  readonly payload: string
  /** `<header>.<payload>` exactly as received: the JWS signing input. */
  readonly signingInput: string
  /** The base64url signature segment. */
  readonly signature: string
}

/** The base64url alphabet, for runtimes without Node's `Buffer` (the Node path checks differently, see below). */
const BASE64URL = /^[A-Za-z0-9_-]*$/
/** Header and payload non-empty, signature possibly empty (an unsigned `alg: none` token is refused for its alg). */
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/
/**
 * Value of each base64url character (-1 for any other), to read the bits the last character carries past the last
 * whole byte.
 */
const BASE64URL_VALUES: Int8Array = (() => {
  const values = new Int8Array(128).fill(-1)
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
  for (let i = 0; i < alphabet.length; i++) values[alphabet.charCodeAt(i)] = i
  return values
})()
/** Bits of the last character that encode nothing, by `length % 4` (RFC 4648 §3.5): 4 after 2 chars, 2 after 3. */
const UNUSED_BITS = [0, 0, 0b1111, 0b11] as const

/**
 * Whether the last character of a segment leaves its unused bits at zero: the one canonical spelling. Otherwise
 * 4 or 16 strings decode to the same bytes, so one signed token would have many accepted forms.
 */
function isCanonicalEnd(segment: string): boolean {
  const unused = UNUSED_BITS[(segment.length % 4) as 0 | 1 | 2 | 3] ?? 0
  if (unused === 0) return true
  const value = BASE64URL_VALUES[segment.charCodeAt(segment.length - 1)] ?? -1
  // A character outside the alphabet is refused here too (its -1 has every bit set).
  return (value & unused) === 0
}
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
/** Node's native UTF-8 validation (simdutf), much cheaper than a fatal TextDecoder on the hot path. */
const isUtf8 = nodeBuiltin<{ isUtf8?: (input: Uint8Array) => boolean }>('node:buffer')?.isUtf8

/** Decodes UTF-8 strictly: invalid sequences are refused, and a BOM is kept (so JSON.parse refuses it). */
function decodeUtf8(bytes: Uint8Array): string {
  if (NodeBuffer === undefined || isUtf8 === undefined) return utf8.decode(bytes)
  if (!isUtf8(bytes)) throw new InvalidTokenError('ERR_TOKEN_MALFORMED')
  return (bytes as Buffer).toString('utf8')
}

/**
 * Decodes one base64url segment strictly: any character outside the base64url alphabet is refused, and so is any
 * encoding but the canonical one (RFC 4648 §3.5): the unused low bits of the last character must be zero. Both
 * crypto paths decode through here, so they refuse the same spellings.
 *
 * On Node this avoids a regex over the whole token (the most expensive step after the signature): the token was
 * checked to be ASCII by {@link splitJwt}, `+` and `/` are refused here, and Node's decoder skips every other
 * character outside the alphabet (or stops at `=`), so any such character makes the output shorter than
 * `floor(length * 3 / 4)`. Lengths of 4n+1 cannot be base64url at all.
 *
 * @param segment - One segment of a token split by {@link splitJwt}.
 * @returns The bytes.
 * @throws {InvalidTokenError} `ERR_TOKEN_MALFORMED`.
 * @example
 * decodeBase64url('eyJhIjoxfQ') // bytes of {"a":1}
 */
export function decodeBase64url(segment: string): Uint8Array {
  if (segment.length % 4 === 1 || !isCanonicalEnd(segment)) throw new InvalidTokenError('ERR_TOKEN_MALFORMED')
  if (NodeBuffer === undefined) {
    if (!BASE64URL.test(segment)) throw new InvalidTokenError('ERR_TOKEN_MALFORMED')
    return base64url.decode(segment)
  }
  if (segment.includes('+') || segment.includes('/')) throw new InvalidTokenError('ERR_TOKEN_MALFORMED')
  const bytes = NodeBuffer.from(segment, 'base64url')
  if (bytes.length !== (segment.length * 3) >>> 2) throw new InvalidTokenError('ERR_TOKEN_MALFORMED')
  return bytes
}

/**
 * Makes a JSON.parse result safe to share, in one walk: deletes `__proto__` and `constructor` keys at every depth
 * and freezes every object and array.
 *
 * - The keys are plain own properties there (JSON.parse never calls the `__proto__` setter, and an escaped spelling
 *   such as `\u005f_proto__` arrives as the same key); a claim copied later with `Object.assign` or a merge could
 *   otherwise reach a prototype. Checking the parsed keys costs a quarter of three searches of the JSON text, and
 *   cannot be fooled by an escape.
 * - Frozen because a verified payload is shared between requests by the token cache.
 *
 * JSON has no cycles, getters or shared objects, so a plain recursion is enough; arrays are walked by index
 * (for-in over an array makes a string per index) and primitives skipped before the call.
 */
function sanitizeAndFreeze(value: object): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const member: unknown = value[i]
      if (typeof member === 'object' && member !== null) sanitizeAndFreeze(member)
    }
  } else {
    const record = value as Record<string, unknown>
    // Reflect.deleteProperty removes the own property; nothing here ever touches the prototype accessor.
    if (Object.hasOwn(record, '__proto__')) Reflect.deleteProperty(record, '__proto__')
    if (Object.hasOwn(record, 'constructor')) Reflect.deleteProperty(record, 'constructor')
    // for-in over a JSON.parse result sees exactly its own members, without allocating a list.
    for (const key in record) {
      const member = record[key]
      if (typeof member === 'object' && member !== null) sanitizeAndFreeze(member)
    }
  }
  Object.freeze(value)
}

/**
 * Parses the bytes of one JSON segment of a JWS; they must be valid UTF-8 (no BOM) holding a JSON object.
 * `__proto__` and `constructor` keys are dropped at every depth, and the result is deeply frozen.
 *
 * @param bytes - A segment decoded by {@link decodeBase64url}.
 * @returns The object, deeply frozen.
 * @throws {InvalidTokenError} `ERR_TOKEN_MALFORMED`.
 * @example
 * const payload = parseJsonObject(decodeBase64url(segments.payload))
 */
export function parseJsonObject(bytes: Uint8Array): Readonly<Record<string, unknown>> {
  let parsed: unknown
  try {
    const json = decodeUtf8(bytes)
    parsed = JSON.parse(json)
    // Inside the try: a header nested thousands deep (it is read before any signature check) could exhaust the
    // stack of this recursion, and that must be a malformed token, not a crash.
    if (typeof parsed === 'object' && parsed !== null) sanitizeAndFreeze(parsed)
  } catch (cause) {
    throw new InvalidTokenError('ERR_TOKEN_MALFORMED', { cause })
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InvalidTokenError('ERR_TOKEN_MALFORMED')
  }
  return parsed as Record<string, unknown>
}

/**
 * Splits a compact JWS without decoding or trusting anything in it: the payload is only parsed once the signature
 * has been verified.
 *
 * @param token - The token string.
 * @param maxLength - Longest accepted token, checked before anything else.
 * @returns The segments and the signing input.
 * @throws {InvalidTokenError} `ERR_TOKEN_TOO_LARGE`, `ERR_TOKEN_MALFORMED`.
 * @example
 * const { header, payload, signature } = splitJwt(token, 8192)
 */
export function splitJwt(token: string, maxLength: number): JwtSegments {
  if (token.length > maxLength) throw new InvalidTokenError('ERR_TOKEN_TOO_LARGE')
  // ASCII only (UTF-8 length equals string length): Node's decoder would read other characters by their low byte.
  const shapeOk =
    NodeBuffer === undefined ? COMPACT_JWS.test(token) : NodeBuffer.byteLength(token, 'utf8') === token.length
  const first = token.indexOf('.')
  const second = first === -1 ? -1 : token.indexOf('.', first + 1)
  if (!shapeOk || first < 1 || second <= first + 1 || token.indexOf('.', second + 1) !== -1) {
    throw new InvalidTokenError('ERR_TOKEN_MALFORMED')
  }
  return {
    header: token.slice(0, first),
    payload: token.slice(first + 1, second),
    signingInput: token.slice(0, second),
    signature: token.slice(second + 1),
  }
}
