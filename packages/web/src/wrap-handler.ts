import type { Guard, GuardResult } from '@m2m-guard/core/adapter'
import { metadataResponseOf } from './metadata-response.js'
import { toResponse } from './to-response.js'
import type { FetchHandler, M2MHandler, PreflightHandler } from './types.js'

/** What a preflight gets when the route has no `preflight` handler: an empty `204` for a CORS layer to decorate. */
function emptyPreflight(): Response {
  return new Response(null, { status: 204 })
}

/**
 * Wraps a handler with a guard: one call to core per request, answered in the same tick on a token cache hit.
 * Coded errors become the guard's RFC 6750 response; anything else (a bug) is rethrown for the runtime's own 500.
 * A request for the guard's metadata document (with `resourceMetadata`) is answered with it, unauthenticated.
 */
export function wrapHandler<Auth, Rest extends unknown[]>(
  guard: Guard,
  handler: M2MHandler<Auth, Rest>,
  preflight: PreflightHandler<Rest> | undefined,
): FetchHandler<Rest> {
  const settle = (result: GuardResult, request: Request, rest: Rest): Response | Promise<Response> => {
    if (!result.ok) {
      const rendered = guard.render(result.error)
      if (rendered === undefined) throw result.error
      return toResponse(rendered)
    }
    if (result.preflight) return preflight === undefined ? emptyPreflight() : preflight(request, ...rest)
    // `auth` is `null` only where the guard's options make auth optional, which is what `Auth` then admits.
    return handler(request, result.auth as Auth, ...rest)
  }
  return (request, ...rest) => {
    // The metadata is read before the client has a token (RFC 9728 §3): never authenticated.
    const served = metadataResponseOf(guard, request)
    if (served !== undefined) return served
    const result = guard.authenticate(request)
    if ('then' in result) return result.then((settled) => settle(settled, request, rest))
    return settle(result, request, rest)
  }
}
