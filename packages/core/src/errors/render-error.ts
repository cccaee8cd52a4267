import type { BearerErrorAttribute } from './error-codes.js'
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

/**
 * The public fields a renderer reads. Every copy of `@m2m-guard/core` has them, so an error thrown by a verifier
 * from another copy renders the same as one of ours.
 */
export interface RenderableError {
  readonly code: string
  readonly status: number
  readonly message: string
  readonly error: BearerErrorAttribute | undefined
  readonly realm?: string | undefined
  readonly requiredScopes?: readonly string[] | undefined
  readonly retryAfter?: number | undefined
}

/** How to present an error: the realm of the protected resource, and what an MCP client needs to recover. */
export interface RenderOptions {
  /** RFC 6750 realm; default: the error's own realm, else {@link DEFAULT_REALM}. */
  realm?: string | undefined
  /**
   * The URL of the resource's RFC 9728 metadata (`ResourceMetadata.url`): added as `resource_metadata` to 401 and
   * 403 challenges, and `WWW-Authenticate` is then listed in `Access-Control-Expose-Headers` so a browser-based
   * client can read it.
   */
  resourceMetadataUrl?: string | undefined
  /** Scopes the route needs, sent as `scope` on a 401 (an insufficient-scope 403 names its own). */
  scopes?: readonly string[] | undefined
}

/** The `WWW-Authenticate` challenge of an error (RFC 6750 §3, RFC 9728 §5.1), or `undefined` for a 5xx. */
export function challengeOf(error: RenderableError, realm: string, options: RenderOptions = {}): string | undefined {
  if (error.status >= 500) return undefined
  const scopes =
    error.code === 'ERR_INSUFFICIENT_SCOPE'
      ? error.requiredScopes
      : error.status === 401 && options.scopes !== undefined && options.scopes.length > 0
        ? options.scopes
        : undefined
  const challenged = error.status === 401 || error.status === 403
  return bearerChallenge({
    realm,
    error: error.error,
    error_description: error.error === undefined ? undefined : error.message,
    scope: scopes === undefined ? undefined : scopes.join(' '),
    resource_metadata: challenged ? options.resourceMetadataUrl : undefined,
  })
}

/** The response headers of an error: `Cache-Control`, `WWW-Authenticate` below 500, `Retry-After` on a 503. */
export function headersOf(error: RenderableError, realm: string, options: RenderOptions = {}): Record<string, string> {
  const headers: Record<string, string> = { 'Cache-Control': 'no-store' }
  const challenge = challengeOf(error, realm, options)
  if (challenge !== undefined) headers['WWW-Authenticate'] = challenge
  if (options.resourceMetadataUrl !== undefined) headers['Access-Control-Expose-Headers'] = 'WWW-Authenticate'
  if (error.code === 'ERR_JWKS_UNAVAILABLE' && typeof error.retryAfter === 'number') {
    headers['Retry-After'] = String(error.retryAfter)
  }
  return headers
}

/**
 * Renders a coded error as an HTTP response: status, headers (RFC 6750 challenge with the realm), small JSON body.
 * Reads only public fields, so it renders an error from any copy of `@m2m-guard/core`.
 *
 * @param error - A coded error (check it with `isM2MAuthError` first).
 * @param options - The realm to present; `resourceMetadataUrl` and `scopes` for an MCP server's challenges.
 * @returns The response to send.
 * @example
 * if (isM2MAuthError(err)) {
 *   const { status, headers, body } = renderError(err, { realm: 'billing' })
 *   res.writeHead(status, headers).end(JSON.stringify(body))
 * }
 */
export function renderError(error: RenderableError, options: RenderOptions = {}): M2MErrorResponse {
  const realm = options.realm ?? error.realm ?? DEFAULT_REALM
  const fallback = error.status >= 500 ? 'temporarily_unavailable' : 'unauthorized'
  return {
    status: error.status,
    headers: headersOf(error, realm, options),
    body: { error: error.error ?? fallback, error_description: error.message },
  }
}
