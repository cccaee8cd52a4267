import type { M2MErrorCode } from './error-codes.js'
import { M2MAuthError, type M2MAuthErrorInit } from './m2m-auth-error.js'

/**
 * The request carried no bearer token: no `Authorization` header, or one with another scheme.
 * 401 with a bare `Bearer realm="…"` challenge (RFC 6750 §3.1).
 *
 * @example
 * if (err instanceof MissingTokenError) console.log(err.code) // 'ERR_MISSING_TOKEN'
 */
export class MissingTokenError extends M2MAuthError {
  declare readonly code: 'ERR_MISSING_TOKEN'
  /** @param init - realm and cause. */
  constructor(init?: M2MAuthErrorInit) {
    super('ERR_MISSING_TOKEN', 'A bearer token is required', 401, undefined, init)
  }
}

/**
 * The `Authorization` header is malformed: empty token, characters outside RFC 6750's b64token, or two headers.
 * 400 `invalid_request`.
 *
 * @example
 * new InvalidRequestError('The Authorization header is malformed').status // 400
 */
export class InvalidRequestError extends M2MAuthError {
  declare readonly code: 'ERR_INVALID_REQUEST'
  /**
   * @param message - Fixed, client-safe description.
   * @param init - realm and cause.
   */
  constructor(message: string, init?: M2MAuthErrorInit) {
    super('ERR_INVALID_REQUEST', message, 400, 'invalid_request', init)
  }
}

/** Codes an {@link InvalidTokenError} can carry. */
export type InvalidTokenCode = Extract<
  M2MErrorCode,
  | 'ERR_TOKEN_MALFORMED'
  | 'ERR_TOKEN_TOO_LARGE'
  | 'ERR_TOKEN_ALGORITHM'
  | 'ERR_TOKEN_HEADER'
  | 'ERR_TOKEN_KEY_NOT_FOUND'
  | 'ERR_TOKEN_SIGNATURE'
  | 'ERR_TOKEN_CLAIM_INVALID'
  | 'ERR_TOKEN_ISSUER'
  | 'ERR_TOKEN_AUDIENCE'
  | 'ERR_TOKEN_TYPE'
  | 'ERR_TOKEN_EXPIRED'
  | 'ERR_TOKEN_NOT_YET_VALID'
  | 'ERR_TOKEN_TOO_OLD'
  | 'ERR_TOKEN_REVOKED'
>

/** Fixed, client-safe message for each invalid-token code. */
const TOKEN_MESSAGES: Record<InvalidTokenCode, string> = {
  ERR_TOKEN_MALFORMED: 'The access token is malformed',
  ERR_TOKEN_TOO_LARGE: 'The access token is too large',
  ERR_TOKEN_ALGORITHM: 'The access token uses an algorithm that is not allowed',
  ERR_TOKEN_HEADER: 'The access token header is not allowed',
  ERR_TOKEN_KEY_NOT_FOUND: 'The access token was signed by an unknown key',
  ERR_TOKEN_SIGNATURE: 'The access token signature is invalid',
  ERR_TOKEN_CLAIM_INVALID: 'The access token claims are invalid',
  ERR_TOKEN_ISSUER: 'The access token issuer is not accepted',
  ERR_TOKEN_AUDIENCE: 'The access token audience is not accepted',
  ERR_TOKEN_TYPE: 'The access token is not of a kind accepted here',
  ERR_TOKEN_EXPIRED: 'The access token expired',
  ERR_TOKEN_NOT_YET_VALID: 'The access token is not valid yet',
  ERR_TOKEN_TOO_OLD: 'The access token is too old',
  ERR_TOKEN_REVOKED: 'The access token was revoked',
}

/**
 * The token failed verification: format, algorithm, header, key, signature, claims or time.
 * 401 `invalid_token`; `code` tells which check failed.
 *
 * @example
 * if (err instanceof InvalidTokenError && err.code === 'ERR_TOKEN_EXPIRED') refreshToken()
 */
export class InvalidTokenError extends M2MAuthError {
  declare readonly code: InvalidTokenCode
  /**
   * @param code - Which check failed.
   * @param init - realm and cause.
   * @param description - A fixed, client-safe text replacing the code's default (e.g. which token kind was refused);
   *   never token data.
   */
  constructor(code: InvalidTokenCode, init?: M2MAuthErrorInit, description?: string) {
    super(code, description ?? TOKEN_MESSAGES[code], 401, 'invalid_token', init)
  }
}

/**
 * The token is valid but lacks a required scope. 403 `insufficient_scope` with `scope="<all required>"`
 * (RFC 6750 §3.1).
 *
 * @example
 * err.requiredScopes // ['write:users']
 */
export class InsufficientScopeError extends M2MAuthError {
  declare readonly code: 'ERR_INSUFFICIENT_SCOPE'
  /** Every scope the route requires. */
  readonly requiredScopes: readonly string[]
  /**
   * @param requiredScopes - The scopes the route requires.
   * @param init - realm and cause.
   */
  constructor(requiredScopes: readonly string[], init?: M2MAuthErrorInit) {
    super('ERR_INSUFFICIENT_SCOPE', 'The access token lacks a required scope', 403, 'insufficient_scope', init)
    this.requiredScopes = requiredScopes
  }
}

/**
 * The signing keys could not be fetched and no usable cached key exists. 503 with `Retry-After`, no
 * `WWW-Authenticate`: this is an infrastructure failure, never the caller's fault.
 *
 * @example
 * err.retryAfter // seconds until the next fetch attempt
 */
export class JwksUnavailableError extends M2MAuthError {
  declare readonly code: 'ERR_JWKS_UNAVAILABLE'
  /** Seconds until the next JWKS fetch attempt (at least 1). */
  readonly retryAfter: number
  /**
   * @param retryAfter - Seconds until the next fetch attempt.
   * @param init - realm and cause.
   */
  constructor(retryAfter: number, init?: M2MAuthErrorInit) {
    super('ERR_JWKS_UNAVAILABLE', 'The token signing keys are temporarily unavailable', 503, undefined, init)
    this.retryAfter = Math.max(1, Math.ceil(retryAfter))
  }
}
