/**
 * Every stable error code of `@m2m-guard/core`, grouped by the HTTP outcome it maps to.
 *
 * Codes never change meaning between releases; messages may. Match on `code`, never on `message`.
 */
export type M2MErrorCode =
  // 401 without an `error` attribute (RFC 6750 §3.1: the request carried no bearer token)
  | 'ERR_MISSING_TOKEN'
  // 400 invalid_request
  | 'ERR_INVALID_REQUEST'
  // 401 invalid_token
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
  // 403 insufficient_scope
  | 'ERR_INSUFFICIENT_SCOPE'
  // 503: infrastructure, never the caller's fault
  | 'ERR_JWKS_UNAVAILABLE'
  | 'ERR_REVOCATIONS_UNAVAILABLE'

/** The RFC 6750 §3.1 error attribute a code is reported with, or `undefined` for none. */
export type BearerErrorAttribute = 'invalid_request' | 'invalid_token' | 'insufficient_scope'
