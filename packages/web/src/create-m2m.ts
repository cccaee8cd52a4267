import type { M2MAuth } from '@m2m-guard/core'
import { createGuard, type Guard, type M2MAuthOptions, type RouteOptions } from '@m2m-guard/core/adapter'
import { checkErrorHandling, checkFunction } from './check-web-options.js'
import type { IsOptional } from './is-optional.js'
import { type MetadataHandler, metadataHandler } from './metadata-handler.js'
import { metadataResponseOf } from './metadata-response.js'
import type { CallerOf, FetchHandler, M2MHandler, WebM2MOptions, WithM2MRouteOptions } from './types.js'
import { wrapHandler } from './wrap-handler.js'

/** A configured guard for Fetch handlers: create once per app (it owns the verifier's caches), use everywhere. */
export interface M2M<Optional extends boolean = false> {
  /**
   * Authenticates a request and returns its caller; `null` only where auth is optional and no token was sent.
   * CORS preflights get no special treatment here: a plain function has no "next" to let them through to.
   *
   * @param request - A Fetch `Request` (its `Authorization` headers are read; two of them are refused).
   * @returns The verified caller.
   * @throws {M2MAuthError} (a rejection) `ERR_MISSING_TOKEN`, `ERR_INVALID_REQUEST`, `ERR_TOKEN_*`,
   *   `ERR_INSUFFICIENT_SCOPE`, `ERR_JWKS_UNAVAILABLE`; render one with `errorResponse(error)`.
   */
  authenticateRequest(request: Request): Promise<CallerOf<Optional>>
  /**
   * Wraps a Fetch handler: it runs with the verified caller as its second argument; failures are answered with the
   * RFC 6750 response; `route` adds requirements (validated now, at wrap time).
   *
   * @throws {TypeError} naming the option, when `handler` is not a function or `route` is invalid.
   */
  withM2M<Rest extends unknown[], const R extends WithM2MRouteOptions<Rest> = WithM2MRouteOptions<Rest>>(
    handler: M2MHandler<CallerOf<R extends { required: boolean } ? IsOptional<R> : Optional>, Rest>,
    route?: R,
  ): FetchHandler<Rest>
  /**
   * The answer to a request for the `resourceMetadata` document (RFC 9728), when `request` is for its well-known
   * path: the document for GET, headers for HEAD, a CORS preflight `204`, `405` with `Allow` otherwise, all without
   * a token. `undefined` for any other path, or without `resourceMetadata`: go on with your routing. Handlers
   * wrapped by `withM2M` already answer it.
   *
   * @param request - A Fetch `Request`.
   * @returns The `Response`, or `undefined`.
   */
  serveMetadata(request: Request): Response | undefined
  /**
   * A Fetch handler serving the `resourceMetadata` document, for a route of its own (a Next.js
   * `app/.well-known/oauth-protected-resource/[[...path]]/route.ts`): see `metadataHandler(resourceMetadata)`.
   *
   * @throws {TypeError} `m2m-guard: option "resourceMetadata" must be …` when the guard has none.
   */
  metadataHandler(): MetadataHandler
}

class WebM2M<Optional extends boolean> implements M2M<Optional> {
  readonly #guard: Guard

  constructor(guard: Guard) {
    this.#guard = guard
    Object.freeze(this)
  }

  authenticateRequest(request: Request): Promise<CallerOf<Optional>> {
    return authenticateWith(this.#guard, request) as Promise<CallerOf<Optional>>
  }

  withM2M<Rest extends unknown[], const R extends WithM2MRouteOptions<Rest> = WithM2MRouteOptions<Rest>>(
    handler: M2MHandler<CallerOf<R extends { required: boolean } ? IsOptional<R> : Optional>, Rest>,
    route?: R,
  ): FetchHandler<Rest> {
    checkFunction(handler, 'handler')
    if (route === undefined) return wrapHandler(this.#guard, handler, undefined)
    const { preflight, ...rest } = route as WithM2MRouteOptions<Rest>
    if (preflight !== undefined) checkFunction(preflight, 'route.preflight')
    return wrapHandler(this.#guard.derive(rest as RouteOptions, 'route.'), handler, preflight)
  }

  serveMetadata(request: Request): Response | undefined {
    return metadataResponseOf(this.#guard, request)
  }

  metadataHandler(): MetadataHandler {
    const metadata = this.#guard.resourceMetadata
    if (metadata === undefined) {
      throw new TypeError(
        'm2m-guard: option "resourceMetadata" must be set (createResourceMetadata()) to serve the metadata document',
      )
    }
    return metadataHandler(metadata)
  }
}

/** One call to core; a failure (coded or not) rejects with the error itself. */
export async function authenticateWith(guard: Guard, request: Request): Promise<M2MAuth | null> {
  // No `method`: a preflight is authenticated like any request here (see `authenticateRequest`).
  const result = await guard.authenticate({ headers: request.headers })
  if (!result.ok) throw result.error
  return result.auth
}

/**
 * Creates a guard for Fetch API handlers (Next.js route handlers, Cloudflare Workers, Bun, Deno, any
 * `Request → Response` code), validating every option now. Create it once, at module scope, and reuse it: it owns
 * the verifier and so the key and token caches, which survive between requests in a warm isolate or process.
 *
 * @param options - `verifier` or Stytch options (`projectId`, `baseUrl`, `tokenKinds`, `jwks`, …), plus
 *   `requiredScopes`, `anyScopes`, `scopeCheck`, `maxTokenAge`, `required` and `realm`.
 * @returns An {@link M2M}: `authenticateRequest(request)` and `withM2M(handler, route?)`.
 * @throws {TypeError} naming the option, when an option is missing, unknown or invalid (also
 *   `errorHandling: 'delegate'`, which a Fetch handler cannot honour).
 * @example
 * // lib/m2m.ts
 * export const m2m = createM2M({ projectId: 'project-live-…' })
 * // app/api/users/route.ts (Next.js)
 * export const GET = m2m.withM2M((request, auth) => Response.json({ caller: auth.clientId }), {
 *   requiredScopes: ['read:users'],
 * })
 */
export function createM2M<const O extends WebM2MOptions>(options: O): M2M<IsOptional<O>> {
  checkErrorHandling((options as { errorHandling?: unknown } | null)?.errorHandling)
  return new WebM2M(createGuard(options as M2MAuthOptions, { name: 'createM2M' }))
}
