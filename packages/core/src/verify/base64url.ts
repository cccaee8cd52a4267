import { base64url } from 'jose'
import { InvalidTokenError } from '../errors/error-classes.js'
import { NodeBuffer } from '../runtime/node-builtins.js'

/** The base64url alphabet, for runtimes with neither `Buffer` nor `Uint8Array.prototype.setFromBase64`. */
const BASE64URL = /^[A-Za-z0-9_-]*$/

type SetFromBase64 = (
  this: Uint8Array,
  value: string,
  options: { readonly alphabet: 'base64url' },
) => { read: number; written: number }
/**
 * The standard decoder into an existing array (`Uint8Array.prototype.setFromBase64`, ES2026), where the runtime has
 * it: workerd, browsers (Deno and Bun have it too, but take Node's `Buffer`).
 */
const setFromBase64 = (Uint8Array.prototype as unknown as { setFromBase64?: SetFromBase64 }).setFromBase64
const BASE64URL_ALPHABET = Object.freeze({ alphabet: 'base64url' } as const)

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
/**
 * Decodes base64url into `target` and returns how many bytes it wrote, or throws `ERR_TOKEN_MALFORMED` for a
 * character it refuses. It may skip other characters: the caller compares the count with the length it expects.
 */
export type RawDecoder = (segment: string, target: Uint8Array, expected: number) => number

/**
 * The three decoders, exported for the tests (each runtime uses one, see {@link decodeBase64urlInto}).
 * - `buffer`: Node's `Buffer` (`target` must be a `Buffer`), which stops at `=` and skips other characters outside
 *   the alphabet except `+` and `/`, refused first. Non-ASCII characters must have been refused before (see
 *   `splitJwt`): this decoder would read them by their low byte.
 * - `standard`: `setFromBase64`, which throws for any character outside the alphabet, skips ASCII whitespace and
 *   reads `=` padding.
 * - `portable`: a regex for the alphabet, then jose.
 */
export const RAW_DECODERS: Readonly<Record<'buffer' | 'standard' | 'portable', RawDecoder>> = Object.freeze({
  buffer(segment, target, expected) {
    if (segment.includes('+') || segment.includes('/')) throw new InvalidTokenError('ERR_TOKEN_MALFORMED')
    return (target as Buffer).write(segment, 0, expected, 'base64url')
  },
  standard(segment, target) {
    if (setFromBase64 === undefined) throw new Error('m2m-guard: Uint8Array.prototype.setFromBase64 is missing')
    let result: { read: number; written: number }
    try {
      result = setFromBase64.call(target, segment, BASE64URL_ALPHABET)
    } catch {
      throw new InvalidTokenError('ERR_TOKEN_MALFORMED')
    }
    return result.read === segment.length ? result.written : -1
  },
  portable(segment, target) {
    if (!BASE64URL.test(segment)) throw new InvalidTokenError('ERR_TOKEN_MALFORMED')
    const bytes = base64url.decode(segment)
    target.set(bytes)
    return bytes.length
  },
})

/** This runtime's decoder, chosen once. */
const DECODER: RawDecoder =
  NodeBuffer !== undefined
    ? RAW_DECODERS.buffer
    : setFromBase64 !== undefined
      ? RAW_DECODERS.standard
      : RAW_DECODERS.portable

/**
 * Decodes one base64url segment strictly: any character outside the base64url alphabet is refused, and so is any
 * encoding but the canonical one (RFC 4648 §3.5): the unused low bits of the last character must be zero. Both
 * crypto paths decode through here, so they refuse the same spellings.
 *
 * No regex runs over the token where a native decoder exists (a regex was the most expensive step after the
 * signature): every character is checked by the decoder, and the length of its output proves nothing was skipped.
 * - Node's `Buffer` (Node, Bun, Deno): the token was checked to be ASCII by `splitJwt`, `+` and `/` are
 *   refused here, and Node's decoder skips every other character outside the alphabet (or stops at `=`).
 * - `setFromBase64` (workerd, browsers): throws for a character outside the alphabet, skips ASCII
 *   whitespace and reads `=` padding.
 *
 * Either way a skipped character makes the output shorter than `floor(length * 3 / 4)`, which is refused. Lengths
 * of 4n+1 cannot be base64url at all. Elsewhere a regex checks the alphabet first ({@link RAW_DECODERS}).
 *
 * @param segment - One segment of a token split by `splitJwt`.
 * @param target - Where the bytes go, from index 0: at least `floor(length * 3 / 4)` long, a `Buffer` where Node's
 *   decoder is used.
 * @param decoder - The runtime's own by default; tests pass each of {@link RAW_DECODERS}.
 * @returns How many bytes were written.
 * @throws {InvalidTokenError} `ERR_TOKEN_MALFORMED`.
 * @throws {RangeError} when `target` is too short (a bug of the caller).
 * @example
 * decodeBase64urlInto('eyJhIjoxfQ', buffer) // 7: the bytes of {"a":1}
 */
export function decodeBase64urlInto(segment: string, target: Uint8Array, decoder: RawDecoder = DECODER): number {
  if (segment.length % 4 === 1 || !isCanonicalEnd(segment)) throw new InvalidTokenError('ERR_TOKEN_MALFORMED')
  const expected = (segment.length * 3) >>> 2
  if (target.length < expected) throw new RangeError('m2m-guard: the decoding target is too short')
  if (decoder(segment, target, expected) !== expected) throw new InvalidTokenError('ERR_TOKEN_MALFORMED')
  return expected
}

/**
 * {@link decodeBase64urlInto} a new array of the segment's decoded length.
 *
 * @param segment - One segment of a token split by `splitJwt`.
 * @returns The bytes.
 * @throws {InvalidTokenError} `ERR_TOKEN_MALFORMED`.
 * @example
 * decodeBase64url('eyJhIjoxfQ') // bytes of {"a":1}
 */
export function decodeBase64url(segment: string): Uint8Array {
  const length = (segment.length * 3) >>> 2
  const bytes = NodeBuffer === undefined ? new Uint8Array(length) : NodeBuffer.allocUnsafe(length)
  decodeBase64urlInto(segment, bytes)
  return bytes
}

/** Decoded segments up to this size go into a shared buffer (the default `maxTokenLength` is 8192 characters). */
export const SHARED_BUFFER_BYTES = 8192

/**
 * A buffer for {@link decodeBase64urlInto} to reuse: a `Buffer` where Node's decoder writes into it.
 *
 * @returns A new buffer of {@link SHARED_BUFFER_BYTES}.
 * @example
 * const texts = sharedBuffer()
 */
export function sharedBuffer(): Uint8Array {
  return NodeBuffer === undefined
    ? new Uint8Array(SHARED_BUFFER_BYTES)
    : NodeBuffer.allocUnsafeSlow(SHARED_BUFFER_BYTES)
}

let signatures: Uint8Array | undefined

/**
 * Decodes a signature segment into a buffer shared by every verification, so a token's signature costs no
 * allocation. The bytes stay valid only until the caller yields (an `await`): they must go to a synchronous
 * `verify`, or to one that copies them at once as WebCrypto does, before anything is waited for.
 *
 * @param segment - A signature segment.
 * @returns A view of the shared buffer (a new array for a signature longer than it).
 * @throws {InvalidTokenError} `ERR_TOKEN_MALFORMED`.
 * @example
 * const signature = decodeSignature(jwt.signature)
 */
export function decodeSignature(segment: string): Uint8Array {
  if ((segment.length * 3) >>> 2 > SHARED_BUFFER_BYTES) return decodeBase64url(segment)
  signatures ??= sharedBuffer()
  return signatures.subarray(0, decodeBase64urlInto(segment, signatures))
}
