import type { Guard } from '@m2m-guard/core/adapter'
import type { Context } from 'hono'

/**
 * The guard's answer to a request for its RFC 9728 metadata document, as a Fetch `Response`; `undefined` when the
 * guard has no `resourceMetadata` or the request is for another path (go on and authenticate).
 *
 * `c.req.path` is the whole path, also under `app.route('/prefix', sub)`: the document lives at the origin's
 * well-known path (RFC 9728 §3.1), wherever the middleware is mounted. A HEAD gets the headers and no body (Hono
 * routes HEAD as GET, but `c.req.method` stays `HEAD`).
 *
 * @param guard - The middleware's guard.
 * @param c - The Hono context.
 * @returns The response to answer with, or `undefined`.
 * @example
 * const served = metadataResponse(guard, c)
 * if (served !== undefined) return served
 */
export function metadataResponse(guard: Guard, c: Context): Response | undefined {
  if (guard.resourceMetadata === undefined) return undefined
  const { method } = c.req
  const served = guard.metadataResponse(method, c.req.path)
  if (served === undefined) return undefined
  const body = method === 'HEAD' ? null : (served.body ?? null)
  return new Response(body, { status: served.status, headers: served.headers })
}
