import { M2MClientError } from './m2m-client-error.js'

/** OAuth 2.0 error fields of a token endpoint answer (RFC 6749 §5.2), plus Stytch's `request_id`. */
export interface TokenErrorFields {
  /** OAuth 2.0 `error`, e.g. `invalid_client`; `undefined` when the body did not carry one. */
  error?: string | undefined
  /** OAuth 2.0 `error_description`, as sent by the server. */
  error_description?: string | undefined
  /** OAuth 2.0 `error_uri`, as sent by the server. */
  error_uri?: string | undefined
  /** Stytch's `request_id`, to quote to Stytch support. */
  request_id?: string | undefined
}

/** Keeps an OAuth `error` code printable and short before it goes into a message. */
function safeCode(error: string | undefined): string {
  const code = (error ?? '').replace(/[^\w.-]/g, '').slice(0, 64)
  return code === '' ? 'no OAuth error code' : code
}

/**
 * The token endpoint refused the request with a 4xx other than 408 and 429: wrong or revoked secret
 * (`invalid_client`), a scope the client does not have (`invalid_scope`), an inactive client
 * (`unauthorized_client`), and so on (RFC 6749 §5.2). Never retried: repeating the request cannot succeed.
 *
 * @example
 * if (err instanceof TokenRequestRejectedError && err.error === 'invalid_client') alertOnCall(err.request_id)
 */
export class TokenRequestRejectedError extends M2MClientError {
  declare readonly code: 'ERR_TOKEN_REQUEST_REJECTED'
  /** OAuth 2.0 `error`, e.g. `invalid_client`; `undefined` when the body did not carry one. */
  readonly error: string | undefined
  /** OAuth 2.0 `error_description`, as sent by the server. */
  readonly error_description: string | undefined
  /** OAuth 2.0 `error_uri`, as sent by the server. */
  readonly error_uri: string | undefined
  /** Stytch's `request_id`, to quote to Stytch support. */
  readonly request_id: string | undefined
  /** HTTP status of the token endpoint's answer. */
  readonly responseStatus: number

  /**
   * @param responseStatus - HTTP status of the answer.
   * @param fields - OAuth 2.0 error fields and `request_id`.
   */
  constructor(responseStatus: number, fields: TokenErrorFields) {
    super('ERR_TOKEN_REQUEST_REJECTED', `The token endpoint rejected the request (${safeCode(fields.error)})`)
    this.responseStatus = responseStatus
    this.error = fields.error
    this.error_description = fields.error_description
    this.error_uri = fields.error_uri
    this.request_id = fields.request_id
  }
}

/** Details of a {@link TokenRequestFailedError}. */
export interface TokenRequestFailedInit {
  /** Attempts made. */
  attempts: number
  /** HTTP status of the last answer; `undefined` when the last attempt got no answer. */
  responseStatus?: number | undefined
  /** Stytch's `request_id` of the last answer, if any. */
  request_id?: string | undefined
  /** OAuth 2.0 `error` of the last answer, if any. */
  error?: string | undefined
  /** Seconds the server asked to wait (`Retry-After`), when that was longer than the retry policy allows. */
  retryAfter?: number | undefined
  /** The underlying error, stripped of secrets. */
  cause?: unknown
}

/**
 * No token after every attempt: network errors, 408, 429 or 5xx answers. Safe to retry later.
 *
 * @example
 * if (err instanceof TokenRequestFailedError) setTimeout(retry, (err.retryAfter ?? 5) * 1000)
 */
export class TokenRequestFailedError extends M2MClientError {
  declare readonly code: 'ERR_TOKEN_REQUEST_FAILED'
  /** Attempts made. */
  readonly attempts: number
  /** HTTP status of the last answer; `undefined` when the last attempt got no answer (network error). */
  readonly responseStatus: number | undefined
  /** Stytch's `request_id` of the last answer, if any. */
  readonly request_id: string | undefined
  /** OAuth 2.0 `error` of the last answer, if any. */
  readonly error: string | undefined
  /** Seconds the server asked to wait (`Retry-After`), set when that exceeded `retry.maxDelay`. */
  readonly retryAfter: number | undefined

  /** @param init - Attempts, last status and cause. */
  constructor(init: TokenRequestFailedInit) {
    super('ERR_TOKEN_REQUEST_FAILED', 'The token request failed', init.cause)
    this.attempts = init.attempts
    this.responseStatus = init.responseStatus
    this.request_id = init.request_id
    this.error = init.error
    this.retryAfter = init.retryAfter
  }
}

/**
 * The last attempt got no complete answer within `timeout` seconds. Safe to retry later.
 *
 * @example
 * if (err instanceof TokenRequestTimeoutError) metrics.increment('stytch.token.timeout')
 */
export class TokenRequestTimeoutError extends M2MClientError {
  declare readonly code: 'ERR_TIMEOUT'
  /** The per-attempt timeout, in seconds. */
  readonly timeout: number
  /** Attempts made. */
  readonly attempts: number

  /**
   * @param timeout - The per-attempt timeout, in seconds.
   * @param attempts - Attempts made.
   */
  constructor(timeout: number, attempts: number) {
    super('ERR_TIMEOUT', 'The token request timed out')
    this.timeout = timeout
    this.attempts = attempts
  }
}

/**
 * The token endpoint answered 2xx with something that is not a usable bearer token response: not JSON, no
 * `access_token`, a `token_type` other than `bearer`, no positive `expires_in`, or a JWT whose `exp` has passed. Points at a wrong `baseUrl` or a
 * proxy in the way; not retried.
 *
 * @example
 * err.code // 'ERR_TOKEN_RESPONSE_INVALID'
 */
export class TokenResponseInvalidError extends M2MClientError {
  declare readonly code: 'ERR_TOKEN_RESPONSE_INVALID'
  /** HTTP status of the answer. */
  readonly responseStatus: number
  /** Stytch's `request_id`, if the body carried one. */
  readonly request_id: string | undefined

  /**
   * @param responseStatus - HTTP status of the answer.
   * @param requestId - `request_id` from the body, if any.
   */
  constructor(responseStatus: number, requestId?: string) {
    super('ERR_TOKEN_RESPONSE_INVALID', 'The token endpoint sent an invalid token response')
    this.responseStatus = responseStatus
    this.request_id = requestId
  }
}

/**
 * The token endpoint's answer (of any status) was larger than `maxResponseBytes`. Reading stopped at the cap, or
 * before it started when `Content-Length` said so, so a huge answer never fills memory. Points at a wrong `baseUrl`
 * or a hostile server; not retried.
 *
 * @example
 * if (err instanceof TokenResponseTooLargeError) log.error({ limit: err.maxResponseBytes }, 'token endpoint answer too large')
 */
export class TokenResponseTooLargeError extends M2MClientError {
  declare readonly code: 'ERR_RESPONSE_TOO_LARGE'
  /** HTTP status of the answer. */
  readonly responseStatus: number
  /** The cap that was exceeded, in bytes. */
  readonly maxResponseBytes: number

  /**
   * @param responseStatus - HTTP status of the answer.
   * @param maxResponseBytes - The cap that was exceeded, in bytes.
   */
  constructor(responseStatus: number, maxResponseBytes: number) {
    super('ERR_RESPONSE_TOO_LARGE', 'The token endpoint sent a response larger than maxResponseBytes')
    this.responseStatus = responseStatus
    this.maxResponseBytes = maxResponseBytes
  }
}

/**
 * `tokens.fetch` was asked to send the token to an origin outside `allowedOrigins`. Nothing was sent.
 *
 * @example
 * err.origin // 'https://evil.example'
 */
export class OriginNotAllowedError extends M2MClientError {
  declare readonly code: 'ERR_ORIGIN_NOT_ALLOWED'
  /** The refused origin (scheme, host and port). */
  readonly origin: string

  /** @param origin - The refused origin. */
  constructor(origin: string) {
    super('ERR_ORIGIN_NOT_ALLOWED', 'The request URL is outside the allowed origins')
    this.origin = origin
  }
}

/**
 * `tokens.fetch` was asked to send the token without TLS (`http:` to a host that is not loopback, or a scheme
 * other than `http:`/`https:`). Nothing was sent. `dangerouslyAllowInsecureHttp` lifts the `http:` rule.
 *
 * @example
 * err.origin // 'http://api.example.com'
 */
export class InsecureUrlError extends M2MClientError {
  declare readonly code: 'ERR_INSECURE_URL'
  /** The refused origin, or the scheme when the URL has no origin. */
  readonly origin: string

  /** @param origin - The refused origin. */
  constructor(origin: string) {
    super('ERR_INSECURE_URL', 'Refusing to send an access token without TLS')
    this.origin = origin
  }
}

/**
 * The token source was closed with `tokens.close()`; it hands out no more tokens.
 *
 * @example
 * err.code // 'ERR_SOURCE_CLOSED'
 */
export class TokenSourceClosedError extends M2MClientError {
  declare readonly code: 'ERR_SOURCE_CLOSED'

  constructor() {
    super('ERR_SOURCE_CLOSED', 'The token source is closed')
  }
}
