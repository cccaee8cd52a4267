import type { M2MErrorCode } from '../errors/error-codes.js'
import type { TokenKind } from '../verify/m2m-auth.js'

/** Name of the `node:diagnostics_channel` channel every verifier publishes its decisions on. */
export const DECISION_CHANNEL = 'm2m-guard:decision'

/**
 * One authentication outcome of `verify`, `authenticate` or `authenticateSync`, published once per call. It never
 * holds the token, a claim value other than the caller's ids, or a secret.
 */
export interface Decision {
  /** `allow`: verified; `deny`: refused for the caller's token or request (4xx); `error`: infrastructure (5xx) or misuse. */
  readonly outcome: 'allow' | 'deny' | 'error'
  /** The error code of a `deny` or `error` (absent for a `TypeError` of misuse). */
  readonly code?: M2MErrorCode | undefined
  /** The token's kind, on `allow`. */
  readonly kind?: TokenKind | undefined
  /** The M2M client id, or the Connected App, on `allow`. */
  readonly clientId?: string | undefined
  /** The user or member of a Connected Apps token, on `allow`. */
  readonly subject?: string | undefined
  /** Whether it was answered from the verified-token cache (no signature verified). */
  readonly cached: boolean
  /** Time spent in the verifier, in milliseconds (a first-seen token's JWKS wait included). */
  readonly durationMs: number
}
