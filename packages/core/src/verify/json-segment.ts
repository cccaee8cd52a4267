import { InvalidTokenError } from '../errors/error-classes.js'
import { NodeBuffer, nodeBuiltin } from '../runtime/node-builtins.js'
import { decodeBase64url, decodeBase64urlInto, SHARED_BUFFER_BYTES, sharedBuffer } from './base64url.js'
import { frozenSingleton } from './frozen-lists.js'

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
/** Node's native UTF-8 validation (simdutf), much cheaper than a fatal TextDecoder on the hot path. */
const isUtf8 = nodeBuiltin<{ isUtf8?: (input: Uint8Array) => boolean }>('node:buffer')?.isUtf8

/**
 * Decodes the first `length` bytes as UTF-8, strictly: invalid sequences are refused, and a BOM is kept (so
 * JSON.parse refuses it).
 */
function decodeUtf8(bytes: Uint8Array, length: number): string {
  const view = length === bytes.length ? bytes : bytes.subarray(0, length)
  if (NodeBuffer === undefined || isUtf8 === undefined) {
    try {
      return utf8.decode(view)
    } catch (cause) {
      throw new InvalidTokenError('ERR_TOKEN_MALFORMED', { cause })
    }
  }
  if (!isUtf8(view)) throw new InvalidTokenError('ERR_TOKEN_MALFORMED')
  return (bytes as Buffer).toString('utf8', 0, length)
}

let texts: Uint8Array | undefined

/**
 * Decodes a JSON segment to its text (base64url, then UTF-8, both strictly) without parsing it, through a shared
 * buffer (the text is a string of its own). The payload is parsed only once its signature is verified.
 *
 * @param segment - A header or payload segment.
 * @returns The JSON text.
 * @throws {InvalidTokenError} `ERR_TOKEN_MALFORMED`.
 * @example
 * const text = decodeJsonText(jwt.payload)
 */
export function decodeJsonText(segment: string): string {
  if ((segment.length * 3) >>> 2 > SHARED_BUFFER_BYTES) {
    const bytes = decodeBase64url(segment)
    return decodeUtf8(bytes, bytes.length)
  }
  texts ??= sharedBuffer()
  return decodeUtf8(texts, decodeBase64urlInto(segment, texts))
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
      if (typeof member !== 'object' || member === null) continue
      // `aud: [projectId]` on every Stytch token: one shared frozen array (see frozen-lists.ts).
      if (Array.isArray(member) && member.length === 1 && typeof member[0] === 'string') {
        record[key] = frozenSingleton(member[0])
      } else sanitizeAndFreeze(member)
    }
  }
  Object.freeze(value)
}

/**
 * Parses the text of one JSON segment of a JWS ({@link decodeJsonText}), which must hold a JSON object.
 * `__proto__` and `constructor` keys are dropped at every depth, and the result is deeply frozen.
 *
 * @param json - The JSON text of one segment.
 * @returns The object, deeply frozen.
 * @throws {InvalidTokenError} `ERR_TOKEN_MALFORMED`.
 * @example
 * const payload = parseJsonText(decodeJsonText(segments.payload))
 */
export function parseJsonText(json: string): Readonly<Record<string, unknown>> {
  let parsed: unknown
  try {
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
