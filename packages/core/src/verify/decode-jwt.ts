import { base64url } from 'jose'
import { InvalidTokenError } from '../errors/error-classes.js'

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

/**
 * Header and payload: non-empty base64url; signature: base64url, possibly empty so that an unsigned `alg: none`
 * token reaches the header check and is refused for its algorithm (an empty signature never verifies). Anything
 * else, JWE's five parts included, is refused (RFC 7515 §7.1).
 */
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/
/** Keys that could reach an object's prototype when a claim is copied with `Object.assign` or a merge. */
const POISON_KEYS = /__proto__|constructor|\\u/
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
const NodeBuffer = (globalThis as { Buffer?: typeof Buffer }).Buffer
/** Node's native UTF-8 validation (simdutf), much cheaper than a fatal TextDecoder on the hot path. */
const isUtf8 = (
  (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.(
    'node:buffer',
  ) as { isUtf8?: (input: Uint8Array) => boolean } | undefined
)?.isUtf8

/** Decodes UTF-8 strictly: invalid sequences are refused, and a BOM is kept (so JSON.parse refuses it). */
function decodeUtf8(bytes: Uint8Array): string {
  if (NodeBuffer === undefined || isUtf8 === undefined) return utf8.decode(bytes)
  if (!isUtf8(bytes)) throw new InvalidTokenError('ERR_TOKEN_MALFORMED')
  return (bytes as Buffer).toString('utf8')
}

/** Decodes base64url strictly: the charset was checked by {@link COMPACT_JWS}; a length of 4n+1 cannot be valid. */
export function decodeBase64url(segment: string): Uint8Array {
  if (segment.length % 4 === 1) throw new InvalidTokenError('ERR_TOKEN_MALFORMED')
  return NodeBuffer === undefined ? base64url.decode(segment) : NodeBuffer.from(segment, 'base64url')
}

function dropPoison(key: string, value: unknown): unknown {
  return key === '__proto__' || key === 'constructor' ? undefined : value
}

/**
 * Decodes one JSON segment of a JWS; it must be valid UTF-8 (no BOM) holding a JSON object. `__proto__` and
 * `constructor` keys are dropped at every depth.
 *
 * @param segment - A base64url segment whose charset was checked by {@link splitJwt}.
 * @returns The object.
 * @throws {InvalidTokenError} `ERR_TOKEN_MALFORMED`.
 * @example
 * const header = decodeJsonSegment(splitJwt(token, 8192).header)
 */
export function decodeJsonSegment(segment: string): Record<string, unknown> {
  let parsed: unknown
  try {
    const json = decodeUtf8(decodeBase64url(segment))
    parsed = POISON_KEYS.test(json) ? JSON.parse(json, dropPoison) : JSON.parse(json)
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
  if (!COMPACT_JWS.test(token)) throw new InvalidTokenError('ERR_TOKEN_MALFORMED')
  const first = token.indexOf('.')
  const second = token.indexOf('.', first + 1)
  return {
    header: token.slice(0, first),
    payload: token.slice(first + 1, second),
    signingInput: token.slice(0, second),
    signature: token.slice(second + 1),
  }
}
