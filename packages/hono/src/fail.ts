import type { Guard } from '@m2m-guard/core/adapter'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { toResponse } from './to-response.js'

/**
 * Answers a refused request. A coded error becomes the guard's RFC 6750 response: returned (respond mode), or, in
 * delegate mode, thrown as an `HTTPException` carrying that response and the error as `cause`, as Hono's own
 * `bearerAuth` and `jwt` middlewares do, so `app.onError` sees it and the default handler still answers correctly.
 * Anything else (a bug) is rethrown, for `app.onError` or Hono's 500.
 */
export function fail(guard: Guard, error: unknown): Response {
  const rendered = guard.render(error)
  if (rendered === undefined) throw error
  const res = toResponse(rendered)
  if (!guard.delegate) return res
  throw new HTTPException(rendered.status as ContentfulStatusCode, {
    res,
    message: rendered.body.error_description,
    cause: error,
  })
}
