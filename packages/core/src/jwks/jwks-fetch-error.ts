import { FetchJsonError, type FetchJsonFailure } from '../http/fetch-json-error.js'
import { JwksDocumentError, type JwksDocumentFailure } from './parse-jwks.js'

/** Why fetching a JWKS failed: a transport or HTTP failure, or a document that is not a usable key set. */
export type JwksFetchFailure = FetchJsonFailure | JwksDocumentFailure | 'unknown'

/** How deep the `cause` chain is searched for a network error code (undici nests it one or two levels down). */
const MAX_CAUSE_DEPTH = 5

/** The first string `code` in the cause chain, e.g. `ECONNREFUSED`, `ENOTFOUND`, `UND_ERR_CONNECT_TIMEOUT`. */
function networkCode(error: unknown): string | undefined {
  let current: unknown = error
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && code !== '') return code
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}

/** The URL as it may appear in logs: no query or fragment (they could carry a key), never credentials. */
function printable(url: URL): string {
  return `${url.origin}${url.pathname}`
}

function describe(reason: JwksFetchFailure, status: number | undefined, code: string | undefined, timeoutMs: number) {
  switch (reason) {
    case 'status':
      return `HTTP ${status}`
    case 'redirect':
      return `HTTP ${status} redirect (redirects are not followed)`
    case 'network':
      return code === undefined ? 'network error' : `network error ${code}`
    case 'timeout':
      return `no complete answer within ${timeoutMs / 1000} s`
    case 'content-type':
      return 'the response is not JSON'
    case 'too-large':
      return 'the response body is larger than maxResponseBytes'
    case 'invalid-json':
      return 'the response body is not valid JSON'
    case 'not-a-jwks':
      return 'the response is not a JWK Set'
    case 'no-usable-keys':
      return 'the JWK Set holds no usable key'
    default:
      return 'unexpected error'
  }
}

/**
 * Why a JWKS cache could not get its keys: the `cause` of a `JwksUnavailableError` and the `error` of a
 * `fetch-failure` event. Unlike the 503 it explains, it names the URL and the reason (`HTTP 404`,
 * `network error ECONNREFUSED`, `no complete answer within 5 s`, `the response is not a JWK Set`…), so an
 * unreachable or misconfigured key endpoint (a fake Stytch that is not running, a wrong project id) is told from an
 * outage. It never holds token data. The underlying error is its own `cause`.
 *
 * @example
 * catch (error) {
 *   if (error.code === 'ERR_JWKS_UNAVAILABLE') logger.warn(String(error.cause)) // names the URL and the reason
 * }
 */
export class JwksFetchError extends Error {
  /** The JWKS URL, without query or fragment. */
  readonly url: string
  /** What went wrong; the same values as the underlying error's `reason`. */
  readonly reason: JwksFetchFailure
  /** The HTTP status, for `status` and `redirect` failures. */
  readonly status: number | undefined
  /** The network error code found in the cause chain (`ECONNREFUSED`, `ENOTFOUND`…), for `network` failures. */
  readonly errorCode: string | undefined

  /**
   * @param url - The JWKS URL.
   * @param error - What `fetchJson` or `parseJwks` threw.
   * @param timeoutMs - The configured timeout, named for `timeout` failures.
   */
  constructor(url: URL, error: unknown, timeoutMs: number) {
    const reason: JwksFetchFailure =
      error instanceof FetchJsonError || error instanceof JwksDocumentError ? error.reason : 'unknown'
    const status = error instanceof FetchJsonError ? error.status : undefined
    const errorCode = reason === 'network' || reason === 'unknown' ? networkCode(error) : undefined
    super(`Fetching the JWKS from ${printable(url)} failed: ${describe(reason, status, errorCode, timeoutMs)}`, {
      cause: error,
    })
    this.name = 'JwksFetchError'
    this.url = printable(url)
    this.reason = reason
    this.status = status
    this.errorCode = errorCode
  }
}
