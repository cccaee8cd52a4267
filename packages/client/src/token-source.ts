import type { AuthorizedFetch } from './authorized-fetch.js'

/** Per-call options of `getToken` and `authorizationHeader`. */
export interface GetTokenOptions {
  /**
   * Scopes for this call instead of the source's `scopes` option, e.g. a narrower set for one request. Cached
   * separately (the cache key is the sorted scope list).
   */
  scopes?: readonly string[] | undefined
  /** Stops waiting when aborted (rejects with the signal's reason); a shared request goes on for other callers. */
  signal?: AbortSignal | undefined
}

/** What `toJSON()` returns: a description with the secret redacted. */
export interface TokenSourceDescription {
  projectId: string
  clientId: string
  scopes: readonly string[]
  tokenUrl: string
  clientSecret: '[REDACTED]'
}

/**
 * Gets, caches and refreshes the access tokens of one Stytch M2M client. Create one per client at start-up and
 * share it. Its methods are bound: `tokens.fetch` can be passed around as a `fetch` implementation.
 */
export interface TokenSource {
  /** The M2M client id. */
  readonly clientId: string
  /** The scopes requested by default (sorted, unique); empty for "all of the client's scopes". */
  readonly scopes: readonly string[]
  /**
   * A valid access token: the cached one, or a new one from a request shared with concurrent callers. Inside the
   * refresh margin it returns the cached token and refreshes in the background.
   *
   * @param options - Scopes for this call and an abort signal.
   * @returns The access token.
   * @throws {TokenRequestRejectedError} `ERR_TOKEN_REQUEST_REJECTED` when Stytch refuses the credentials or scopes.
   * @throws {TokenRequestFailedError} `ERR_TOKEN_REQUEST_FAILED` when every attempt failed.
   * @throws {TokenRequestTimeoutError} `ERR_TIMEOUT` when the last attempt timed out.
   * @throws {TokenResponseInvalidError} `ERR_TOKEN_RESPONSE_INVALID` on an unusable answer.
   * @throws {TokenResponseTooLargeError} `ERR_RESPONSE_TOO_LARGE` on an answer larger than `maxResponseBytes`.
   * @throws {TokenSourceClosedError} `ERR_SOURCE_CLOSED` after `close()`.
   * @example
   * const token = await tokens.getToken()
   */
  getToken(options?: GetTokenOptions): Promise<string>
  /**
   * `Bearer <token>`, for an `Authorization` header.
   *
   * @param options - Scopes for this call and an abort signal.
   * @returns The header value.
   * @throws Same as {@link TokenSource.getToken}.
   * @example
   * await axios.get(url, { headers: { Authorization: await tokens.authorizationHeader() } })
   */
  authorizationHeader(options?: GetTokenOptions): Promise<string>
  /**
   * `fetch` with `Authorization: Bearer <token>` attached (an existing `Authorization` header is replaced).
   *
   * Refuses targets without TLS or outside `allowedOrigins` before anything is sent. On a 401 with
   * `WWW-Authenticate: Bearer error="invalid_token"` it drops the token and sends the request once more with a fresh
   * one; a `ReadableStream` passed as `init.body` cannot be replayed, so that 401 is returned as is. A `Request`
   * with a body is cloned up front, which buffers its body for the replay.
   *
   * @param input - URL or `Request`, as for `fetch`.
   * @param init - Request options, as for `fetch`.
   * @returns The response.
   * @throws {OriginNotAllowedError} `ERR_ORIGIN_NOT_ALLOWED` for a target outside `allowedOrigins`.
   * @throws {InsecureUrlError} `ERR_INSECURE_URL` for `http:` to a remote host or a non-HTTP scheme.
   * @throws Same as {@link TokenSource.getToken}, and whatever `fetch` throws.
   * @example
   * const res = await tokens.fetch('https://api.example.com/users', { method: 'POST', body: JSON.stringify(user) })
   */
  fetch: AuthorizedFetch
  /**
   * Switches to a new client secret, e.g. the `next_client_secret` of a rotation. Requests from now on use it; a
   * request still out with the old secret that gets `invalid_client` is repeated once with the new one. Cached
   * tokens stay valid and are kept.
   *
   * @param secret - The new client secret.
   * @throws {TypeError} When the secret is not a non-empty string without whitespace.
   * @example
   * tokens.updateSecret(nextClientSecret)
   */
  updateSecret(secret: string): void
  /**
   * Drops every cached token; the next call requests a new one. A request already out still fills the cache.
   *
   * @example
   * tokens.invalidate()
   */
  invalidate(): void
  /**
   * Aborts requests and waits in progress (they reject with `ERR_SOURCE_CLOSED`), drops the cached tokens and
   * refuses further calls. Nothing is scheduled between calls, so closing is optional.
   *
   * @example
   * process.on('SIGTERM', () => tokens.close())
   */
  close(): void
  /** A redacted description. */
  toJSON(): TokenSourceDescription
  /** A redacted one-line description. */
  toString(): string
}
