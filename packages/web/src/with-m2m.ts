import { createGuard, type M2MAuthOptions } from '@m2m-guard/core/adapter'
import { checkErrorHandling, checkFunction } from './check-web-options.js'
import type { IsOptional } from './is-optional.js'
import type { CallerOf, FetchHandler, M2MHandler, PreflightHandler, WebM2MOptions } from './types.js'
import { wrapHandler } from './wrap-handler.js'

/** Options of the standalone {@link withM2M}: the guard's, plus the handler of CORS preflights. */
export type WithM2MOptions<Rest extends unknown[] = unknown[]> = WebM2MOptions & {
  /** Answers CORS preflights; without it a preflight gets an empty `204` (see `WithM2MRouteOptions.preflight`). */
  preflight?: PreflightHandler<Rest> | undefined
}

/**
 * Wraps one Fetch handler (`(request, …rest) => Response`): it runs only for a request with a valid Stytch token,
 * with the verified caller as its second argument. Failures are answered like the Node adapters answer them (status,
 * `WWW-Authenticate`, `Retry-After`, `Cache-Control: no-store`, `{ error, error_description }`); anything that is not
 * a token failure (a bug) is rethrown, for the runtime's own 500. A CORS preflight carries no credentials by design:
 * it goes to `options.preflight` (or gets an empty `204`), never to `handler` without a caller.
 *
 * The guard is created once, when `withM2M` is called (module scope), never per request. Several handlers sharing
 * one project should share one verifier: pass `verifier`, or use `createM2M(options).withM2M(handler, route)`.
 *
 * @param handler - `(request, auth, ...rest)`; `rest` is what the runtime passes (Next.js `context`, a Worker's
 *   `env, ctx`, Bun's `server`, Deno's `info`).
 * @param options - As {@link createM2M}'s, plus `preflight`.
 * @returns The runtime's handler shape, `(request, ...rest) => Response | Promise<Response>`.
 * @throws {TypeError} naming the option, at wrap time. The returned handler answers `ERR_MISSING_TOKEN` (401),
 *   `ERR_INVALID_REQUEST` (400), `ERR_TOKEN_*` (401), `ERR_INSUFFICIENT_SCOPE` (403), `ERR_JWKS_UNAVAILABLE` (503).
 * @example
 * export default {
 *   fetch: withM2M((request, auth) => Response.json({ caller: auth.clientId }), {
 *     projectId: 'project-live-…',
 *     requiredScopes: ['read:users'],
 *   }),
 * }
 */
export function withM2M<Rest extends unknown[], const O extends WithM2MOptions<Rest>>(
  handler: M2MHandler<CallerOf<IsOptional<O>>, Rest>,
  options: O,
): FetchHandler<Rest> {
  checkFunction(handler, 'handler')
  const { preflight, ...rest } = (options ?? {}) as WithM2MOptions<Rest>
  if (preflight !== undefined) checkFunction(preflight, 'preflight')
  checkErrorHandling((rest as { errorHandling?: unknown }).errorHandling)
  const guard = createGuard(options === null || typeof options !== 'object' ? options : (rest as M2MAuthOptions), {
    name: 'withM2M',
  })
  return wrapHandler(guard, handler, preflight)
}
