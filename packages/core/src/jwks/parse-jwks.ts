import { base64url } from 'jose'
import type { RsaPublicJwk } from './jwks-source.js'

/** What a JWKS must satisfy, besides its shape. */
export interface ParseJwksOptions {
  /** Accepted `alg` values; a key without `alg` is kept (the verifier pins the algorithm from its configuration). */
  algorithms: readonly string[]
  /** Smallest accepted RSA modulus, in bits. */
  minKeyBits: number
}

/** Why a JWKS document was refused. */
export type JwksDocumentFailure =
  /** Not an object with a `keys` array. */
  | 'not-a-jwks'
  /** A valid document without a single key this verifier can use. */
  | 'no-usable-keys'

/**
 * Internal failure of {@link parseJwks}. Reported in `fetch-failure` events and as the `cause` of a
 * `JwksUnavailableError`; the message is fixed per `reason`.
 *
 * @example
 * // The class is internal: read `reason` from the cause of the error users see.
 * if (isM2MAuthError(err) && (err.cause as { reason?: string } | undefined)?.reason === 'no-usable-keys') {
 *   alert('the JWKS holds no RSA key')
 * }
 */
export class JwksDocumentError extends Error {
  /** What was wrong with the document. */
  readonly reason: JwksDocumentFailure

  /** @param reason - What was wrong with the document. */
  constructor(reason: JwksDocumentFailure) {
    super(reason === 'not-a-jwks' ? 'The response is not a JWK Set' : 'The JWK Set holds no usable key')
    this.name = 'JwksDocumentError'
    this.reason = reason
  }
}

/** Longest accepted `kid`. Real ones are UUID-sized; the cap keeps event payloads and logs small. */
export const MAX_KID_LENGTH = 256
/** Largest accepted modulus. Verification cost grows with the square of the size; nobody publishes bigger keys. */
export const MAX_KEY_BITS = 16_384
/** Largest accepted public exponent, in bytes (65537 takes 3). */
const MAX_EXPONENT_BYTES = 8
/** Members that only a private JWK has (RFC 7518 §6.3.2). A JWKS that publishes one leaked its key. */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth'] as const
/** Unpadded base64url, and not a length that no byte string encodes to. */
const BASE64URL = /^[A-Za-z0-9_-]+$/

/**
 * Validates a JWK Set (RFC 7517 §5) and keeps the RSA signature keys this verifier can use.
 *
 * Extra top-level members (Stytch adds `request_id` and `status_code`) are ignored. A key is skipped, not fatal,
 * when it is not `kty: "RSA"`; has no `kid` or one longer than 256 characters; has `n` or `e` that is not base64url;
 * has `use` other than `sig`; has `key_ops` without `verify`; has an `alg` outside `options.algorithms`; carries a
 * private member (`d`, `p`, `q`, `dp`, `dq`, `qi`, `oth`); has a modulus below `options.minKeyBits` or above 16384
 * bits (leading zero bytes ignored); or has an even, tiny (< 3) or over-long public exponent. When several usable
 * keys share a `kid`, the first one wins and the others are skipped, so a `kid` always selects one key.
 *
 * The returned JWKs hold only `kty`, `kid`, `n`, `e` and, when present, `alg` and `use`; they are frozen.
 *
 * @param document - The parsed JSON response.
 * @param options - Accepted algorithms and smallest key size.
 * @returns The usable keys, in document order (never empty).
 * @throws {JwksDocumentError} `not-a-jwks` when `document` is not an object with a `keys` array;
 *   `no-usable-keys` when no key passes.
 * @example
 * const keys = parseJwks(await response.json(), { algorithms: ['RS256'], minKeyBits: 2048 })
 */
export function parseJwks(document: unknown, options: ParseJwksOptions): readonly RsaPublicJwk[] {
  if (!isRecord(document) || !Array.isArray(document.keys)) throw new JwksDocumentError('not-a-jwks')
  const usable: RsaPublicJwk[] = []
  const seen = new Set<string>()
  for (const candidate of document.keys as unknown[]) {
    const jwk = toUsableKey(candidate, options)
    if (jwk === undefined || seen.has(jwk.kid)) continue
    seen.add(jwk.kid)
    usable.push(jwk)
  }
  if (usable.length === 0) throw new JwksDocumentError('no-usable-keys')
  return usable
}

function toUsableKey(candidate: unknown, options: ParseJwksOptions): RsaPublicJwk | undefined {
  if (!isRecord(candidate) || candidate.kty !== 'RSA') return undefined
  const { kid, n, e, alg, use } = candidate
  if (typeof kid !== 'string' || kid.length === 0 || kid.length > MAX_KID_LENGTH) return undefined
  if (!isBase64url(n) || !isBase64url(e)) return undefined
  if (use !== undefined && use !== 'sig') return undefined
  if (alg !== undefined && (typeof alg !== 'string' || !options.algorithms.includes(alg))) return undefined
  if (!allowsVerify(candidate.key_ops)) return undefined
  if (PRIVATE_MEMBERS.some((member) => Object.hasOwn(candidate, member))) return undefined
  const bits = bitLength(n)
  if (bits < options.minKeyBits || bits > MAX_KEY_BITS || !isSaneExponent(e)) return undefined
  const jwk: RsaPublicJwk = {
    kty: 'RSA',
    kid,
    n,
    e,
    ...(alg === undefined ? {} : { alg }),
    ...(use === undefined ? {} : { use }),
  }
  return Object.freeze(jwk)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isBase64url(value: unknown): value is string {
  return typeof value === 'string' && value.length % 4 !== 1 && BASE64URL.test(value)
}

/** `key_ops` is optional (RFC 7517 §4.3); when present it must allow verification. */
function allowsVerify(keyOps: unknown): boolean {
  return keyOps === undefined || (Array.isArray(keyOps) && keyOps.includes('verify'))
}

/** Significant bytes of a base64url big-endian integer (leading zero bytes dropped). */
function significantBytes(value: string): Uint8Array {
  const bytes = base64url.decode(value)
  let start = 0
  while (start < bytes.length && bytes[start] === 0) start++
  return bytes.subarray(start)
}

/** Size in bits of the modulus. */
function bitLength(n: string): number {
  const bytes = significantBytes(n)
  const first = bytes[0]
  return first === undefined ? 0 : (bytes.length - 1) * 8 + (32 - Math.clz32(first))
}

/** An RSA public exponent is odd and at least 3; `e = 1` would make every "signature" equal its message. */
function isSaneExponent(e: string): boolean {
  const bytes = significantBytes(e)
  const last = bytes[bytes.length - 1]
  if (last === undefined || bytes.length > MAX_EXPONENT_BYTES || last % 2 === 0) return false
  return bytes.length > 1 || last >= 3
}
