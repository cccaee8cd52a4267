import type { M2MErrorResponse } from '@m2m-guard/core/adapter'

/** The content type of every error answer, as the Node adapters send it. */
const JSON_TYPE = 'application/json; charset=utf-8'

/**
 * A rendered error as a Fetch `Response`: the status, `WWW-Authenticate`, `Retry-After` where set,
 * `Cache-Control: no-store` and the two-field JSON body, exactly as the Node adapters answer.
 *
 * @param rendered - What `guard.render(error)` returned.
 * @returns A new `Response`.
 * @example
 * const rendered = guard.render(error)
 * if (rendered !== undefined) return toResponse(rendered)
 */
export function toResponse(rendered: M2MErrorResponse): Response {
  const headers = new Headers(rendered.headers)
  headers.set('content-type', JSON_TYPE)
  return new Response(JSON.stringify(rendered.body), { status: rendered.status, headers })
}
