import { InvalidTokenError } from '../errors/error-classes.js'

/** What the claim checks need from the configuration. */
export interface ClaimRules {
  readonly issuers: ReadonlySet<string>
  /** Accepted audiences, or `null` when the check is explicitly skipped. */
  readonly audiences: ReadonlySet<string> | null
  readonly requiredClaims: readonly string[]
  readonly forbiddenClaims: readonly string[]
}

/** The time claims, validated as finite numbers. */
export interface TimeClaims {
  readonly exp: number
  readonly iat: number
  readonly nbf: number | undefined
}

/** The largest magnitude, in seconds, a JavaScript `Date` can hold (±8.64e15 ms). */
const MAX_DATE_SECONDS = 8.64e12

function isNumericDate(value: unknown): value is number {
  // JSON.parse turns 1e400 into Infinity; only finite numbers are NumericDates (RFC 7519 §2), and only those a
  // Date can hold, so `expiresAt` and `issuedAt` are always valid dates.
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MAX_DATE_SECONDS
}

function audienceMatches(aud: unknown, accepted: ReadonlySet<string>): boolean {
  if (typeof aud === 'string') return accepted.has(aud)
  if (!Array.isArray(aud) || aud.length === 0) throw new InvalidTokenError('ERR_TOKEN_CLAIM_INVALID')
  let match = false
  // An index loop: for-of over a frozen array is slow on JavaScriptCore (Bun). Every member must be a string.
  for (let i = 0; i < aud.length; i++) {
    const member: unknown = aud[i]
    if (typeof member !== 'string') throw new InvalidTokenError('ERR_TOKEN_CLAIM_INVALID')
    if (accepted.has(member)) match = true
  }
  return match
}

/**
 * Checks the claims that do not depend on the time of the request. Runs once per token (results are cached).
 *
 * @param payload - The payload of a token whose signature was verified.
 * @param rules - Issuers, audiences, required and forbidden claims.
 * @returns The validated time claims.
 * @throws {InvalidTokenError} `ERR_TOKEN_CLAIM_INVALID`, `ERR_TOKEN_ISSUER`, `ERR_TOKEN_AUDIENCE`, `ERR_TOKEN_TYPE`.
 * @example
 * const times = checkClaims(payload, rules)
 */
export function checkClaims(payload: Readonly<Record<string, unknown>>, rules: ClaimRules): TimeClaims {
  const { iss, sub, aud, exp, iat, nbf, scope } = payload
  for (const name of rules.forbiddenClaims) {
    if (Object.hasOwn(payload, name)) throw new InvalidTokenError('ERR_TOKEN_TYPE')
  }
  if (typeof iss !== 'string' || typeof sub !== 'string' || sub === '') {
    throw new InvalidTokenError('ERR_TOKEN_CLAIM_INVALID')
  }
  if (!isNumericDate(exp) || !isNumericDate(iat) || (nbf !== undefined && !isNumericDate(nbf))) {
    throw new InvalidTokenError('ERR_TOKEN_CLAIM_INVALID')
  }
  if (scope !== undefined && typeof scope !== 'string') throw new InvalidTokenError('ERR_TOKEN_CLAIM_INVALID')
  for (const name of rules.requiredClaims) {
    if (payload[name] === undefined) throw new InvalidTokenError('ERR_TOKEN_CLAIM_INVALID')
  }
  if (!rules.issuers.has(iss)) throw new InvalidTokenError('ERR_TOKEN_ISSUER')
  if (rules.audiences !== null) {
    if (aud === undefined) throw new InvalidTokenError('ERR_TOKEN_CLAIM_INVALID')
    if (!audienceMatches(aud, rules.audiences)) throw new InvalidTokenError('ERR_TOKEN_AUDIENCE')
  }
  return { exp, iat, nbf: nbf as number | undefined }
}

/**
 * Checks `exp`, `nbf`, `iat` and the maximum token age against the current time. Runs on every call, cached or not.
 * `exp == now` is expired; `nbf`/`iat` may lie up to `tolerance` in the future.
 *
 * @param times - Validated time claims.
 * @param nowSeconds - Current time in (fractional) seconds.
 * @param tolerance - Clock tolerance in seconds.
 * @param maxTokenAge - Reject when `now - iat >= maxTokenAge`; `undefined` for no limit.
 * @throws {InvalidTokenError} `ERR_TOKEN_EXPIRED`, `ERR_TOKEN_NOT_YET_VALID`, `ERR_TOKEN_TOO_OLD`.
 * @example
 * checkTimes(times, Date.now() / 1000, 5, undefined)
 */
export function checkTimes(
  times: TimeClaims,
  nowSeconds: number,
  tolerance: number,
  maxTokenAge: number | undefined,
): void {
  if (nowSeconds - tolerance >= times.exp) throw new InvalidTokenError('ERR_TOKEN_EXPIRED')
  if (times.nbf !== undefined && times.nbf > nowSeconds + tolerance) {
    throw new InvalidTokenError('ERR_TOKEN_NOT_YET_VALID')
  }
  if (times.iat > nowSeconds + tolerance) throw new InvalidTokenError('ERR_TOKEN_NOT_YET_VALID')
  if (maxTokenAge !== undefined && nowSeconds - times.iat >= maxTokenAge) {
    throw new InvalidTokenError('ERR_TOKEN_TOO_OLD')
  }
}
