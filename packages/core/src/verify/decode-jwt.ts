import { base64url } from 'jose'
import { InvalidTokenError } from '../errors/error-classes.js'

/** A compact JWS split and decoded, before any check of its content. */
export interface DecodedJwt {
  readonly header: Readonly<Record<string, unknown>>
  readonly payload: Record<string, unknown>
  /** `<header>.<payload>` exactly as received: the JWS signing input. */
  readonly signingInput: string
  /** The base64url signature segment. */
  readonly signature: string
}

/** Three non-empty base64url segments (RFC 7515 §7.1); anything else, JWE's five parts included, is refused. */
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/
/** Keys that could reach an object's prototype when a claim is copied with `Object.assign` or a merge. */
const POISON_KEYS = /__proto__|constructor|\\u/
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
const NodeBuffer = (globalThis as { Buffer?: typeof Buffer }).Buffer

/** Decodes base64url strictly: the charset was checked by {@link COMPACT_JWS}; a length of 4n+1 cannot be valid. */
export function decodeBase64url(segment: string): Uint8Array {
  if (segment.length % 4 === 1) throw new InvalidTokenError('ERR_TOKEN_MALFORMED')
  return NodeBuffer === undefined ? base64url.decode(segment) : NodeBuffer.from(segment, 'base64url')
}

function dropPoison(key: string, value: unknown): unknown {
  return key === '__proto__' || key === 'constructor' ? undefined : value
}

/** Decodes one JSON segment; it must be valid UTF-8 (no BOM) holding a JSON object. */
function decodeJsonObject(segment: string): Record<string, unknown> {
  let parsed: unknown
  try {
    const json = utf8.decode(decodeBase64url(segment))
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
 * Splits and decodes a compact JWS without trusting anything in it.
 *
 * @param token - The token string.
 * @param maxLength - Longest accepted token, checked before any decoding.
 * @returns The decoded header, payload and the raw signing input and signature.
 * @throws {InvalidTokenError} `ERR_TOKEN_TOO_LARGE`, `ERR_TOKEN_MALFORMED`.
 * @example
 * const { header } = decodeJwt(token, 8192)
 */
export function decodeJwt(token: string, maxLength: number): DecodedJwt {
  if (token.length > maxLength) throw new InvalidTokenError('ERR_TOKEN_TOO_LARGE')
  if (!COMPACT_JWS.test(token)) throw new InvalidTokenError('ERR_TOKEN_MALFORMED')
  const first = token.indexOf('.')
  const second = token.indexOf('.', first + 1)
  return {
    header: decodeJsonObject(token.slice(0, first)),
    payload: decodeJsonObject(token.slice(first + 1, second)),
    signingInput: token.slice(0, second),
    signature: token.slice(second + 1),
  }
}
