import { InvalidTokenError } from '../errors/error-classes.js'
import { NodeBuffer } from '../runtime/node-builtins.js'

/** Each base64url character's value, by character code; -1 for every other byte. */
const VALUES: Int8Array = (() => {
  const values = new Int8Array(256).fill(-1)
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
  for (let i = 0; i < alphabet.length; i++) values[alphabet.charCodeAt(i)] = i
  return values
})()
/** Bits of the last character that encode nothing, by `length % 4` (RFC 4648 §3.5): 4 after 2 chars, 2 after 3. */
const UNUSED_BITS = [0, 0, 0b1111, 0b11] as const

/** Decoded segments up to this size go into a shared buffer (the default `maxTokenLength` is 8192 characters). */
export const SHARED_BUFFER_BYTES = 8192

const encoder = new TextEncoder()
/** The characters of the segment being decoded, one byte each; reused, as decoding is synchronous. */
let characters: Uint8Array | undefined

/**
 * Decodes one base64url segment strictly, in JavaScript, into `target`: any character outside the base64url
 * alphabet is refused (padding, whitespace, `+`, `/`, anything non-ASCII), and so is any encoding but the canonical
 * one (RFC 4648 §3.5): the unused low bits of the last character must be zero, and a length of 4n+1 is no encoding
 * at all. Every runtime and both crypto paths decode through here, so they refuse the same spellings.
 *
 * - Not `Buffer` nor `Uint8Array.prototype.setFromBase64`: both decode with AVX-512 where the CPU has it (simdutf),
 *   and on such a CPU (this project's benchmark machine, and most x86 servers) the RSA check that follows then ran
 *   about 1.5 µs slower, more than this loop costs.
 * - The characters are read as bytes through `TextEncoder.encodeInto`, which makes an ASCII character its own byte
 *   and anything else two or more bytes: one count proves the segment ASCII, and a typed array is read several times
 *   faster than `charCodeAt` on a sliced string (V8).
 *
 * @param segment - One segment of a compact JWS.
 * @param target - Where the bytes go, from index 0: at least `floor(length * 3 / 4)` long.
 * @returns How many bytes were written: `floor(length * 3 / 4)`.
 * @throws {InvalidTokenError} `ERR_TOKEN_MALFORMED`.
 * @throws {RangeError} when `target` is too short (a bug of the caller).
 * @example
 * decodeBase64urlInto('eyJhIjoxfQ', buffer) // 7: the bytes of {"a":1}
 */
export function decodeBase64urlInto(segment: string, target: Uint8Array): number {
  const length = segment.length
  const rest = length & 3
  const expected = (length * 3) >>> 2
  if (rest === 1) throw new InvalidTokenError('ERR_TOKEN_MALFORMED')
  if (target.length < expected) throw new RangeError('m2m-guard: the decoding target is too short')
  characters ??= new Uint8Array(SHARED_BUFFER_BYTES)
  const codes = length <= SHARED_BUFFER_BYTES ? characters : new Uint8Array(length)
  // A non-ASCII character takes two bytes or more (a lone surrogate three): then either it did not fit and not every
  // character was read (the bytes past `written` are left over from an earlier segment: never decode them), or more
  // bytes than characters were written.
  const { read, written } = encoder.encodeInto(segment, codes)
  if (read !== length || written !== length) throw new InvalidTokenError('ERR_TOKEN_MALFORMED')
  const whole = length - rest
  // The values are ORed together and checked once: a -1 (a byte outside the alphabet) sets the sign bit.
  let check = 0
  let out = 0
  let i = 0
  for (; i < whole; i += 4) {
    const v0 = VALUES[codes[i] as number] as number
    const v1 = VALUES[codes[i + 1] as number] as number
    const v2 = VALUES[codes[i + 2] as number] as number
    const v3 = VALUES[codes[i + 3] as number] as number
    check |= v0 | v1 | v2 | v3
    const bits = (v0 << 18) | (v1 << 12) | (v2 << 6) | v3
    // A Uint8Array keeps the low 8 bits of what it is given.
    target[out] = bits >> 16
    target[out + 1] = bits >> 8
    target[out + 2] = bits
    out += 3
  }
  if (rest !== 0) {
    const v0 = VALUES[codes[i] as number] as number
    const v1 = VALUES[codes[i + 1] as number] as number
    // With 2 characters left, 0 (`A`) stands in for the third.
    const v2 = rest === 3 ? (VALUES[codes[i + 2] as number] as number) : 0
    check |= v0 | v1 | v2
    // The canonical spelling: the last character's unused bits are zero (else 4 or 16 strings are one token).
    const unused = UNUSED_BITS[rest] as number
    if (((rest === 3 ? v2 : v1) & unused) !== 0) throw new InvalidTokenError('ERR_TOKEN_MALFORMED')
    const bits = (v0 << 18) | (v1 << 12) | (v2 << 6)
    target[out] = bits >> 16
    if (rest === 3) target[out + 1] = bits >> 8
  }
  if (check < 0) throw new InvalidTokenError('ERR_TOKEN_MALFORMED')
  return expected
}

/**
 * {@link decodeBase64urlInto} a new array of the segment's decoded length.
 *
 * @param segment - One segment of a compact JWS.
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

/**
 * A buffer for {@link decodeBase64urlInto} to reuse: a `Buffer` where the runtime has one, so its bytes can be read
 * as text without a copy.
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

let signingInputs: Uint8Array<ArrayBuffer> | undefined

/**
 * The bytes of a JWS signing input, in a buffer every call reuses (longer inputs get their own). Both signature
 * paths read them at once: `crypto.verify` is synchronous, and `crypto.subtle.verify` copies its inputs before it
 * returns (WebCrypto: "get a copy of the bytes held by"), so the caller fills it right before the call.
 *
 * @param signingInput - `<header>.<payload>`, both segments already decoded by {@link decodeBase64urlInto}, so
 *   ASCII: one byte per character.
 * @returns A view of the shared buffer.
 * @example
 * crypto.verify('sha256', signingInputBytes(jwt.signingInput), keyObject, signature)
 */
export function signingInputBytes(signingInput: string): Uint8Array<ArrayBuffer> {
  if (signingInput.length > SHARED_BUFFER_BYTES) return encoder.encode(signingInput)
  signingInputs ??= new Uint8Array(SHARED_BUFFER_BYTES)
  return signingInputs.subarray(0, encoder.encodeInto(signingInput, signingInputs).written)
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
