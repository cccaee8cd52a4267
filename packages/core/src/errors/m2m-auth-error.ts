import { M2M_ERROR_BRAND } from './error-brand.js'
import type { BearerErrorAttribute, M2MErrorCode } from './error-codes.js'
import { challengeOf, DEFAULT_REALM, headersOf, type M2MErrorResponse, renderError } from './render-error.js'

export { DEFAULT_REALM, type M2MErrorResponse } from './render-error.js'

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
 *   if (isM2MAuthError(err)) res.status(err.status).set(err.headers).json(err.toResponse().body)
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
  /** The realm of the challenge. Fixed: {@link M2MAuthError.withRealm} returns a copy with another one. */
  declare readonly realm: string

  /**
   * @param code - Stable error code.
   * @param message - Fixed, client-safe description.
   * @param status - HTTP status.
   * @param error - RFC 6750 error attribute, if any.
   * @param init - realm and cause.
   */
  constructor(
    code: M2MErrorCode,
    message: string,
    status: number,
    error: BearerErrorAttribute | undefined,
    init: M2MAuthErrorInit = {},
  ) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause })
    this.name = new.target.name
    this.code = code
    this.status = status
    this.statusCode = status
    this.expose = status < 500
    this.error = error
    // Not writable: an error is created once; presentation that differs (a guard's realm) makes a copy.
    Object.defineProperty(this, 'realm', { value: init.realm ?? DEFAULT_REALM, enumerable: true })
  }

  /**
   * A copy of this error with another realm (same class, code, message, cause and stack); this error is unchanged.
   * Adapters in delegate mode hand the copy to the framework, whose default handler then sends the right
   * `WWW-Authenticate`.
   *
   * @param realm - The RFC 6750 realm.
   * @returns This error when the realm is the same, else a copy.
   * @example
   * next(error.withRealm('billing'))
   */
  withRealm(realm: string): this {
    if (realm === this.realm) return this
    const copy = Object.create(Object.getPrototypeOf(this) as object) as this
    const fields: PropertyDescriptorMap = Object.getOwnPropertyDescriptors(this)
    return Object.defineProperties(copy, { ...fields, realm: { value: realm, enumerable: true } })
  }

  /** The RFC 6750 `WWW-Authenticate` challenge, or `undefined` for a 5xx (no challenge on 503). */
  get wwwAuthenticate(): string | undefined {
    return challengeOf(this, this.realm)
  }

  /** Response headers: `WWW-Authenticate` (except on 503), `Retry-After` on a 503, `Cache-Control: no-store`. */
  get headers(): Record<string, string> {
    return headersOf(this, this.realm)
  }

  /**
   * The complete HTTP answer for this error.
   *
   * @param options - `realm` to present instead of the error's own.
   * @returns status, headers and a `{ error, error_description }` body.
   * @example
   * const { status, headers, body } = err.toResponse({ realm: 'billing' })
   */
  toResponse(options?: { realm?: string | undefined }): M2MErrorResponse {
    return renderError(this, { realm: options?.realm ?? this.realm })
  }
}

// On the prototype, so a copy made by `withRealm` carries it too and no instance pays a field for it.
Object.defineProperty(M2MAuthError.prototype, M2M_ERROR_BRAND, { value: true })
