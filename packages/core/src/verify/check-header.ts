import { InvalidTokenError } from '../errors/error-classes.js'
import type { RsaAlgorithm } from './verifier-options.js'

/** Header parameters that point at keys outside the configured JWKS: never fetched, never used (RFC 8725 §3.10). */
const KEY_REFERENCES = ['jku', 'jwk', 'x5u', 'x5c'] as const
const MAX_KID_LENGTH = 256

/** What a header check needs from the configuration. */
export interface HeaderRules {
  readonly algorithms: ReadonlySet<string>
  /** Normalised required `typ` (lower case, no `application/`), or `null`. */
  readonly typ: string | null
}

/** What verification needs from a header that passed the checks. */
export interface CheckedHeader {
  readonly alg: RsaAlgorithm
  readonly kid: string
}

/** Lower-cases a media type and drops an `application/` prefix, as RFC 7515 §4.1.9 allows. */
export function normaliseTyp(typ: string): string {
  const lower = typ.toLowerCase()
  return lower.startsWith('application/') ? lower.slice('application/'.length) : lower
}

/**
 * Checks a JWS header against the configuration and returns what verification needs from it.
 * The algorithm comes from configuration: the token's `alg` is only compared, never trusted.
 *
 * @param header - The decoded header.
 * @param rules - Accepted algorithms and `typ`.
 * @returns The algorithm and key id.
 * @throws {InvalidTokenError} `ERR_TOKEN_ALGORITHM`, `ERR_TOKEN_HEADER`.
 * @example
 * const { alg, kid } = checkHeader(header, rules)
 */
export function checkHeader(header: Readonly<Record<string, unknown>>, rules: HeaderRules): CheckedHeader {
  const { alg, kid, typ } = header
  if (typeof alg !== 'string' || !rules.algorithms.has(alg)) throw new InvalidTokenError('ERR_TOKEN_ALGORITHM')
  for (const name of KEY_REFERENCES) {
    if (Object.hasOwn(header, name)) throw new InvalidTokenError('ERR_TOKEN_HEADER')
  }
  // No extension is understood, so any `crit` is unknown (RFC 7515 §4.1.11); `b64` only exists under `crit`.
  if (Object.hasOwn(header, 'crit') || Object.hasOwn(header, 'b64')) throw new InvalidTokenError('ERR_TOKEN_HEADER')
  if (typeof kid !== 'string' || kid === '' || kid.length > MAX_KID_LENGTH) {
    throw new InvalidTokenError('ERR_TOKEN_HEADER')
  }
  if (rules.typ !== null && (typeof typ !== 'string' || normaliseTyp(typ) !== rules.typ)) {
    throw new InvalidTokenError('ERR_TOKEN_HEADER')
  }
  return { alg: alg as RsaAlgorithm, kid }
}
