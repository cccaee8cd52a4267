import { isM2MAuthError, renderError } from '@m2m-guard/core/adapter'
import { toResponse } from './to-response.js'

/** Options of {@link errorResponse}. */
export interface ErrorResponseOptions {
  /** The `realm` of the challenge; default: the error's own (the verifier's, `"api"` unless set). */
  realm?: string | undefined
}

/**
 * The RFC 6750 answer to a token failure from any copy of core (recognised by brand), as a Fetch `Response`:
 * status, `WWW-Authenticate`, `Retry-After` where set, `Cache-Control: no-store`, `{ error, error_description }`.
 *
 * @param error - What `authenticateRequest` rejected with.
 * @param options - `realm`.
 * @returns The `Response`, or `undefined` when `error` is not a token failure (a bug: rethrow it).
 * @example
 * catch (error) {
 *   return errorResponse(error, { realm: 'billing' }) ?? Promise.reject(error)
 * }
 */
export function errorResponse(error: unknown, options: ErrorResponseOptions = {}): Response | undefined {
  if (!isM2MAuthError(error)) return undefined
  return toResponse(renderError(error, options.realm === undefined ? {} : { realm: options.realm }))
}
