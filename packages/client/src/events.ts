import type { M2MClientError } from './errors/m2m-client-error.js'

/**
 * Lifecycle events a token source reports through `onEvent`, for logs and metrics. They carry no access token
 * and no secret. Durations are in seconds.
 *
 * - `token-request`: an HTTP attempt to the token endpoint starts.
 * - `token-issued`: a new token is cached.
 * - `token-retry`: an attempt failed and another follows after `delay`.
 * - `token-request-failed`: a token request gave up; `background` ones do not reach callers.
 * - `secret-fallback`: a request made with a replaced secret got `invalid_client` and is repeated with the current one.
 * - `resource-retry`: `tokens.fetch` got 401 `invalid_token` and repeats the request with a fresh token.
 */
export type TokenSourceEvent =
  | { type: 'token-request'; attempt: number; background: boolean; scopes: readonly string[] }
  | {
      type: 'token-issued'
      expiresIn: number
      background: boolean
      scopes: readonly string[]
      requestId: string | undefined
    }
  | {
      type: 'token-retry'
      attempt: number
      delay: number
      reason: 'network' | 'timeout' | 'status'
      status: number | undefined
    }
  | { type: 'token-request-failed'; error: M2MClientError; background: boolean; scopes: readonly string[] }
  | { type: 'secret-fallback'; scopes: readonly string[] }
  | { type: 'resource-retry'; origin: string }
