/** What Express's response and Fastify's reply offer; the filter tells them apart by `code` (Fastify only). */
interface ExpressLike {
  status(code: number): ExpressLike
  set(headers: Record<string, string>): ExpressLike
  json(body: unknown): unknown
}
interface FastifyLike {
  code(status: number): FastifyLike
  headers(headers: Record<string, string>): FastifyLike
  send(body: unknown): unknown
}

/**
 * Sends a JSON answer with headers on Express or Fastify, as both platforms' own `reply` does (Content-Type
 * `application/json; charset=utf-8`). Duck-typed, so no platform package is needed at run time.
 */
export function sendJson(response: unknown, status: number, headers: Record<string, string>, body: unknown): void {
  const reply = response as Partial<FastifyLike>
  if (typeof reply.code === 'function' && typeof reply.headers === 'function') {
    ;(reply as FastifyLike).code(status).headers(headers).send(body)
    return
  }
  ;(response as ExpressLike).status(status).set(headers).json(body)
}
