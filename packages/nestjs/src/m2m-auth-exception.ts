import type { M2MErrorResponse } from '@m2m-guard/core/adapter'
import { HttpException } from '@nestjs/common'

/** Nest's own error body shape, used in `errorHandling: 'delegate'` mode. */
export interface NestErrorBody {
  statusCode: number
  message: string
  error: string
}

/**
 * The exception `M2MGuard` throws for a refused request: an `HttpException` (so Nest never logs it as an
 * unexpected error) carrying everything needed to answer it. `getStatus()` is the status (400, 401, 403, 503),
 * `getResponse()` the JSON body, `headers` the `WWW-Authenticate` challenge (with the module's realm),
 * `Cache-Control: no-store` and `Retry-After` on a 503, `code` core's error code, `cause` core's coded error.
 * `M2MExceptionFilter` renders it with its headers; your own filter can reshape it (see the README).
 *
 * @example
 * \@Catch(M2MAuthException)
 * class MyFilter implements ExceptionFilter {
 *   catch(exception: M2MAuthException, host: ArgumentsHost) {
 *     host.switchToHttp().getResponse<Response>().status(exception.getStatus()).set(exception.headers).json({ code: exception.code })
 *   }
 * }
 */
export class M2MAuthException extends HttpException {
  /** Response headers to send with it: `WWW-Authenticate`, `Cache-Control`, `Retry-After` where set. */
  readonly headers: Readonly<Record<string, string>>
  /** Core's stable error code: `ERR_MISSING_TOKEN`, `ERR_TOKEN_EXPIRED`, `ERR_INSUFFICIENT_SCOPE`, … */
  readonly code: string

  /**
   * @param response - The guard's rendering of the error.
   * @param cause - Core's coded error.
   * @param nestBody - `true` for Nest's `{ statusCode, message, error }` body (delegate mode).
   */
  constructor(response: M2MErrorResponse, cause: { code: string }, nestBody = false) {
    const { status, headers, body } = response
    const payload: M2MErrorResponse['body'] | NestErrorBody = nestBody
      ? { statusCode: status, message: body.error_description, error: body.error }
      : body
    super(payload, status, { cause })
    this.headers = Object.freeze({ ...headers })
    this.code = cause.code
  }
}
