import { M2M_ERROR_BRAND } from './error-brand.js'
import type { M2MAuthError } from './m2m-auth-error.js'

/**
 * Whether a value is a coded m2m-guard error, from this or any other copy of `@m2m-guard/core` (two versions in one
 * dependency tree are normal). Prefer it to `instanceof M2MAuthError`, which sees only one copy.
 *
 * @param value - Anything caught.
 * @returns `true` for an error that carries `code`, `status` and the RFC 6750 facts.
 * @example
 * app.use((err, req, res, next) => {
 *   if (isM2MAuthError(err)) return res.status(err.status).set(err.headers).json(err.toResponse().body)
 *   next(err)
 * })
 */
export function isM2MAuthError(value: unknown): value is M2MAuthError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { [M2M_ERROR_BRAND]?: unknown })[M2M_ERROR_BRAND] === true &&
    typeof (value as { status?: unknown }).status === 'number'
  )
}
