import { M2MAuthError, type M2MAuthErrorInit } from './m2m-auth-error.js'

/**
 * The revocation source cannot vouch for its rules (e.g. Redis unreachable for longer than `failClosedAfter`), and
 * it was configured to refuse every token then. 503 with `Retry-After`, no `WWW-Authenticate`: an infrastructure
 * failure, never reported as a bad token.
 *
 * @example
 * err.code // 'ERR_REVOCATIONS_UNAVAILABLE'
 * err.headers['Retry-After'] // '5'
 */
export class RevocationsUnavailableError extends M2MAuthError {
  declare readonly code: 'ERR_REVOCATIONS_UNAVAILABLE'
  /** Seconds after which a retry may succeed (at least 1). */
  readonly retryAfter: number
  /**
   * @param retryAfter - Seconds until a retry may succeed.
   * @param init - realm and cause.
   */
  constructor(retryAfter: number, init?: M2MAuthErrorInit) {
    super('ERR_REVOCATIONS_UNAVAILABLE', 'The token revocation list is temporarily unavailable', 503, undefined, init)
    this.retryAfter = Math.max(1, Math.ceil(retryAfter))
  }

  /** Adds `Retry-After` to the base headers. */
  override get headers(): Record<string, string> {
    return { ...super.headers, 'Retry-After': String(this.retryAfter) }
  }
}
