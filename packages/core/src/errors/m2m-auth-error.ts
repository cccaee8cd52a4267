import type { BearerErrorAttribute, M2MErrorCode } from './error-codes.js'
import { bearerChallenge } from './www-authenticate.js'

/** Default RFC 6750 realm used in `WWW-Authenticate` challenges. */
export const DEFAULT_REALM = 'api'

/** What an HTTP adapter needs to answer a failed request. */
export interface M2MErrorResponse {
  /** HTTP status code. */
  status: number
  /** Response headers: `WWW-Authenticate`, `Retry-After` where set, and `Cache-Control: no-store`. */
  headers: Record<string, string>
  /** Small JSON body, never a stack trace or token data. */
  body: { error: string; error_description: string }
}

/** Construction details shared by every {@link M2MAuthError}. */
export interface M2MAuthErrorInit {
  /** RFC 6750 realm for the challenge; defaults to {@link DEFAULT_REALM}. */
  realm?: string | undefined
  /** The underlying error, kept for logs and never rendered. */
  cause?: unknown
}

/**
 * Base class of every error `@m2m-guard/core` throws for a request.
 *
 * It carries the HTTP facts (`status`, `statusCode`, `expose`, `headers`, `wwwAuthenticate`) so any framework's
 * default error handler can render it, and a stable {@link M2MErrorCode} in `code`. Messages are fixed texts chosen
 * per code: they never contain token data, URLs or the text of an underlying error (that stays in `cause`).
 *
 * @example
 * try {
 *   await verifier.authenticate(header)
 * } catch (err) {
 *   if (err instanceof M2MAuthError) res.status(err.status).set(err.headers).json(err.toResponse().body)
 * }
 */
export class M2MAuthError extends Error {
  /** Stable machine-readable code. */
  readonly code: M2MErrorCode
  /** HTTP status code. */
  readonly status: number
  /** Same as `status`, for frameworks that read `statusCode` (Koa, Fastify, http-errors). */
  readonly statusCode: number
  /** `true` when the message is safe to show to the client (every 4xx here is). */
  readonly expose: boolean
  /** The RFC 6750 error attribute, or `undefined` when none is sent (missing token, 503). */
  readonly error: BearerErrorAttribute | undefined
  /** The realm of the challenge. Writable so the layer that knows the realm (verifier, adapter) can set it. */
  realm: string
  /** Extra auth-params of the challenge, such as `scope`. */
  readonly #extraParams: Record<string, string>

  /**
   * @param code - Stable error code.
   * @param message - Fixed, client-safe description.
   * @param status - HTTP status.
   * @param error - RFC 6750 error attribute, if any.
   * @param init - realm and cause.
   * @param extraParams - Extra challenge params such as `scope`.
   */
  constructor(
    code: M2MErrorCode,
    message: string,
    status: number,
    error: BearerErrorAttribute | undefined,
    init: M2MAuthErrorInit = {},
    extraParams: Record<string, string> = {},
  ) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause })
    this.name = new.target.name
    this.code = code
    this.status = status
    this.statusCode = status
    this.expose = status < 500
    this.error = error
    this.realm = init.realm ?? DEFAULT_REALM
    this.#extraParams = extraParams
  }

  /** The `WWW-Authenticate` header value, or `undefined` when none is sent (503). */
  get wwwAuthenticate(): string | undefined {
    if (this.status >= 500) return undefined
    return bearerChallenge({
      realm: this.realm,
      error: this.error,
      error_description: this.error === undefined ? undefined : this.message,
      ...this.#extraParams,
    })
  }

  /** Response headers: `WWW-Authenticate` (except on 503), `Retry-After` where set, `Cache-Control: no-store`. */
  get headers(): Record<string, string> {
    const headers: Record<string, string> = { 'Cache-Control': 'no-store' }
    const challenge = this.wwwAuthenticate
    if (challenge !== undefined) headers['WWW-Authenticate'] = challenge
    return headers
  }

  /**
   * The complete HTTP answer for this error.
   *
   * @returns status, headers and a `{ error, error_description }` body.
   * @example
   * const { status, headers, body } = err.toResponse()
   */
  toResponse(): M2MErrorResponse {
    const fallback = this.status >= 500 ? 'temporarily_unavailable' : 'unauthorized'
    return {
      status: this.status,
      headers: this.headers,
      body: { error: this.error ?? fallback, error_description: this.message },
    }
  }
}
