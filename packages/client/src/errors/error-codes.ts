/**
 * Every stable error code of `@m2m-guard/client`.
 *
 * Codes never change meaning between releases; messages may. Match on `code`, never on `message`.
 */
export type M2MClientErrorCode =
  // The token endpoint answered with a 4xx (other than 408/429): bad credentials, scope, grant. Never retried.
  | 'ERR_TOKEN_REQUEST_REJECTED'
  // Network errors, 408, 429 and 5xx that lasted through every retry.
  | 'ERR_TOKEN_REQUEST_FAILED'
  // The last attempt took longer than `timeout`.
  | 'ERR_TIMEOUT'
  // A 2xx answer that is not a usable bearer token response.
  | 'ERR_TOKEN_RESPONSE_INVALID'
  // The token endpoint's answer was larger than `maxResponseBytes`; reading stopped there.
  | 'ERR_RESPONSE_TOO_LARGE'
  // `tokens.fetch` refused to send the token to an origin outside `allowedOrigins`.
  | 'ERR_ORIGIN_NOT_ALLOWED'
  // `tokens.fetch` refused to send the token over plain `http:` to a host that is not loopback.
  | 'ERR_INSECURE_URL'
  // The token source was closed.
  | 'ERR_SOURCE_CLOSED'
