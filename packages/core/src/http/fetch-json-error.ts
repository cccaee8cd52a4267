/** Why a bounded JSON fetch failed. */
export type FetchJsonFailure =
  /** The request could not be sent or the connection failed. */
  | 'network'
  /** The total timeout (headers and body) ran out. */
  | 'timeout'
  /** The server answered with a redirect; redirects are never followed. */
  | 'redirect'
  /** The server answered with a status other than 200. */
  | 'status'
  /** The response is not `application/json` or `application/*+json`. */
  | 'content-type'
  /** The body is larger than the byte cap. */
  | 'too-large'
  /** The body is not valid UTF-8 JSON. */
  | 'invalid-json'

const MESSAGES: Record<FetchJsonFailure, string> = {
  network: 'The request failed',
  timeout: 'The request timed out',
  redirect: 'The server answered with a redirect',
  status: 'The server answered with an unexpected status',
  'content-type': 'The response is not JSON',
  'too-large': 'The response body is too large',
  'invalid-json': 'The response body is not valid JSON',
}

/**
 * Internal failure of {@link fetchJson}. It reaches users only as the `cause` of a `JwksUnavailableError` and in
 * `fetch-failure` events; its message is a fixed text per `reason` and never contains the URL or the body.
 *
 * @example
 * // The class is internal: read `reason` from the cause of the error users see.
 * if (isM2MAuthError(err) && (err.cause as { reason?: string } | undefined)?.reason === 'timeout') {
 *   metrics.increment('jwks.timeout')
 * }
 */
export class FetchJsonError extends Error {
  /** What went wrong. */
  readonly reason: FetchJsonFailure
  /** The HTTP status, for `redirect` and `status` failures. */
  readonly status: number | undefined

  /**
   * @param reason - What went wrong.
   * @param options - The HTTP status where there was one, and the underlying error.
   */
  constructor(reason: FetchJsonFailure, options: { status?: number; cause?: unknown } = {}) {
    super(MESSAGES[reason], options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'FetchJsonError'
    this.reason = reason
    this.status = options.status
  }
}
