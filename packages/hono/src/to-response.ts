import type { M2MErrorResponse } from '@m2m-guard/core/adapter'

/**
 * A rendered error as a Fetch `Response`, with the content type the Node adapters send (Hono's `c.json` would send
 * `application/json` without a charset, and every adapter must answer alike).
 *
 * @param rendered - What `guard.render(error)` or `renderError(error)` returned.
 * @returns A new `Response`.
 * @example
 * return toResponse(renderError(error))
 */
export function toResponse(rendered: M2MErrorResponse): Response {
  const headers = new Headers(rendered.headers)
  headers.set('content-type', 'application/json; charset=utf-8')
  return new Response(JSON.stringify(rendered.body), { status: rendered.status, headers })
}
