import type { TokenSourceEvent } from './events.js'

/** How failed token requests are retried. Durations are in seconds. */
export interface RetryOptions {
  /** Most attempts per token request, the first one included; `1` turns retries off. Default 3. */
  maxAttempts?: number | undefined
  /** Backoff base: the cap of the n-th retry delay is `baseDelay * 2^(n-1)`. Default 0.25. */
  baseDelay?: number | undefined
  /**
   * Longest wait between two attempts. A `Retry-After` longer than this ends the retries at once, with
   * `retryAfter` set on the error. Default 10.
   */
  maxDelay?: number | undefined
  /** Source of jitter in `[0, 1)`; the delay is `random() * cap` ("full jitter"). Default `Math.random`. */
  random?: (() => number) | undefined
}

/**
 * Options of {@link createTokenSource}. Durations are in seconds.
 *
 * Where the token endpoint lives: `baseUrl`, else `customDomain`, else derived from `projectId`
 * (`project-live-…` → `https://api.stytch.com`, anything else → `https://test.stytch.com`).
 */
export interface TokenSourceOptions {
  /** Stytch project id, e.g. `project-test-…`. Required. The project secret is never needed. */
  projectId: string
  /** M2M client id. Required. */
  clientId: string
  /** M2M client secret. Required. Rotate with `tokens.updateSecret`. */
  clientSecret: string
  /** Scopes to request. Default: none, so Stytch grants all of the client's scopes. */
  scopes?: readonly string[] | undefined
  /** Base URL of the Stytch API, e.g. a proxy or a test server. `https:` only, except loopback hosts. */
  baseUrl?: string | URL | undefined
  /**
   * Your Stytch custom domain as an https origin, e.g. `https://login.example.com` (the form of core's
   * `customDomains`; a bare host name is refused). Exclusive with `baseUrl`.
   */
  customDomain?: string | undefined
  /** How the client credentials are sent (RFC 6749 §2.3.1). Default `'client_secret_post'` (form body). */
  authMethod?: 'client_secret_post' | 'client_secret_basic' | undefined
  /**
   * Refresh this long before expiry: the first call inside the margin starts a background refresh and still gets
   * the cached token. Capped at half the token lifetime. Default: the smaller of 300 and half the lifetime.
   */
  refreshMargin?: number | undefined
  /**
   * A cached token is no longer handed out this long before its expiry, to absorb clock skew and request time.
   * Capped at a quarter of the token lifetime. Default 30.
   */
  expiryLeeway?: number | undefined
  /**
   * Largest token endpoint answer read, in bytes, whatever its status. A larger one fails with
   * `ERR_RESPONSE_TOO_LARGE` without being buffered. Default 65536 (a Stytch answer is about 1 KiB).
   */
  maxResponseBytes?: number | undefined
  /** Time limit of one token request attempt, response body included. Default 10. */
  timeout?: number | undefined
  /** Retry policy for network errors, 408, 429 and 5xx. */
  retry?: RetryOptions | undefined
  /**
   * Origins `tokens.fetch` may send the token to, e.g. `['https://api.example.com']`. Default: any `https:`
   * origin (and loopback). Strongly recommended.
   */
  allowedOrigins?: readonly string[] | undefined
  /** Allows `http:` to hosts other than loopback, for the token endpoint and for `tokens.fetch`. Default `false`. */
  dangerouslyAllowInsecureHttp?: boolean | undefined
  /** The `fetch` used for token requests and by `tokens.fetch`. Default: the global `fetch`, looked up per call. */
  fetch?: typeof fetch | undefined
  /** Current time in milliseconds. Default `Date.now`. */
  clock?: (() => number) | undefined
  /** Receives lifecycle events for logs and metrics; never tokens or secrets. Exceptions it throws are ignored. */
  onEvent?: ((event: TokenSourceEvent) => void) | undefined
}
