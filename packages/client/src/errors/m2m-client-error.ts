import type { M2MClientErrorCode } from './error-codes.js'

/**
 * Base class of every error `@m2m-guard/client` throws at run time (option mistakes are `TypeError`s, thrown by
 * `createTokenSource`).
 *
 * Messages are fixed texts chosen per code: they never contain the client secret, an access token or the text of
 * an underlying error. The underlying error, with any secret removed, stays in `cause`.
 *
 * The HTTP status of the token endpoint is in `responseStatus`, deliberately not in `status`: a server that lets
 * this error reach its framework's error handler must answer 500, not the token endpoint's 401 or 400.
 *
 * @example
 * try {
 *   await tokens.getToken()
 * } catch (err) {
 *   if (err instanceof M2MClientError) log.error({ code: err.code }, 'no M2M token')
 * }
 */
export class M2MClientError extends Error {
  /** Stable machine-readable code. */
  readonly code: M2MClientErrorCode

  /**
   * @param code - Stable error code.
   * @param message - Fixed description, free of secrets.
   * @param cause - The underlying error, already stripped of secrets.
   */
  constructor(code: M2MClientErrorCode, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause })
    this.name = new.target.name
    this.code = code
  }
}
