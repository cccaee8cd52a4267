import type { M2MAuth, Verifier } from '@m2m-guard/core'
import { createGuard, type Guard, type GuardOptions } from '@m2m-guard/core/adapter'
import { checkErrorHandling } from './check-web-options.js'
import { authenticateWith } from './create-m2m.js'
import type { IsOptional } from './is-optional.js'
import type { CallerOf } from './types.js'

/** Options of the standalone {@link authenticateRequest}: a verifier you created once, and what to require. */
export type AuthenticateRequestOptions = Omit<GuardOptions, 'errorHandling' | 'realm'> & {
  /** A verifier from `createStytchVerifier()`, created once at module scope: it owns the caches. */
  verifier: Verifier
}

// Options objects declared once (module scope) are validated once; a literal per call is validated per call, and
// shares the verifier's caches all the same, which is why a verifier and not Stytch options is required here.
const guards = new WeakMap<object, Guard>()

/**
 * Authenticates a Fetch `Request` against a verifier you created once, for code that handles failures itself
 * (render them with `errorResponse(error)`). Unlike `withM2M`, a CORS preflight is authenticated like any request.
 *
 * @param request - A Fetch `Request` (its `Authorization` headers are read; two of them are refused).
 * @param options - `verifier` (required) and `requiredScopes`, `anyScopes`, `scopeCheck`, `maxTokenAge`, `required`.
 * @returns The verified caller; `null` only with `required: false` and no token sent.
 * @throws {TypeError} naming the option, when an option is invalid.
 * @throws {M2MAuthError} (a rejection) `ERR_MISSING_TOKEN`, `ERR_INVALID_REQUEST`, `ERR_TOKEN_*`,
 *   `ERR_INSUFFICIENT_SCOPE`, `ERR_JWKS_UNAVAILABLE`.
 * @example
 * const verifier = createStytchVerifier({ projectId: 'project-live-…' })
 * const options = { verifier, requiredScopes: ['read:users'] }
 * try {
 *   const auth = await authenticateRequest(request, options)
 * } catch (error) {
 *   const response = errorResponse(error)
 *   if (response === undefined) throw error
 *   return response
 * }
 */
export function authenticateRequest<const O extends AuthenticateRequestOptions>(
  request: Request,
  options: O,
): Promise<CallerOf<IsOptional<O>>> {
  let guard = typeof options === 'object' && options !== null ? guards.get(options) : undefined
  if (guard === undefined) {
    checkErrorHandling((options as { errorHandling?: unknown } | null)?.errorHandling)
    if (typeof options === 'object' && options !== null && 'realm' in options) {
      throw new TypeError('m2m-guard: option "realm" must be passed to errorResponse(error, { realm }) instead')
    }
    if ((options as Partial<AuthenticateRequestOptions> | null)?.verifier === undefined) {
      // Stytch options here would build a verifier, and so empty caches, on every call.
      throw new TypeError(
        'm2m-guard: option "verifier" must be a Verifier created once, e.g. createStytchVerifier({ projectId })',
      )
    }
    guard = createGuard(options, { name: 'authenticateRequest' })
    if (typeof options === 'object' && options !== null) guards.set(options, guard)
  }
  return authenticateWith(guard, request) as Promise<CallerOf<IsOptional<O>>>
}

/** Re-exported for the result type of {@link authenticateRequest}. */
export type { M2MAuth }
