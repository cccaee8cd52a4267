import { isPreflight as isGuardPreflight } from '@m2m-guard/core/adapter'

/**
 * Whether a Fetch `Request` is a CORS preflight: `OPTIONS` with a non-empty `Access-Control-Request-Method`
 * (https://fetch.spec.whatwg.org/#cors-preflight-request). A browser sends no credentials on one, so code calling
 * `authenticateRequest` should answer it (CORS) before authenticating; `withM2M` does this itself.
 *
 * @param request - The request.
 * @returns `true` for a CORS preflight.
 * @example
 * if (isPreflight(request)) return corsPreflight(request)
 * const auth = await authenticateRequest(request, options)
 */
export function isPreflight(request: Request): boolean {
  return isGuardPreflight({ method: request.method, headers: request.headers })
}
