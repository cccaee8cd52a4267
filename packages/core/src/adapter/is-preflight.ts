import { type HeaderSource, readHeader } from './read-authorization.js'

/** What the kit needs of a request: its method and headers (an `IncomingMessage` is one). */
export interface GuardRequest {
  readonly method?: string | undefined
  /** Node's raw headers; preferred, because they keep repeated `Authorization` headers. */
  readonly rawHeaders?: readonly string[] | undefined
  /** A Fetch `Headers` or a header record, read when `rawHeaders` is absent. */
  readonly headers?: HeaderSource | undefined
}

/** The header source of a request: its raw headers when it has them, else its `headers`. */
export function headerSourceOf(request: GuardRequest): HeaderSource {
  if (Array.isArray(request.rawHeaders)) return request as { rawHeaders: readonly string[] }
  return request.headers ?? {}
}

/**
 * Whether a request is a CORS preflight: `OPTIONS` with an `Access-Control-Request-Method` header (Fetch standard,
 * "CORS-preflight request", https://fetch.spec.whatwg.org/#cors-preflight-request). A browser never sends
 * credentials on a preflight, so a guard that authenticated it would answer 401 and the browser would never send
 * the real request; the adapters let a preflight through, unauthenticated and without a caller, to the
 * framework's CORS handling. A plain `OPTIONS` (no such header, or an empty one) is authenticated like any request.
 *
 * @param request - The method (case-sensitive, RFC 9110 §9.1) and headers of the request.
 * @returns `true` for a CORS preflight.
 * @example
 * isPreflight(req) // Node / Express; Koa: ctx.req; Fastify: request.raw
 * isPreflight({ method: request.method, headers: request.headers }) // Fetch API
 */
export function isPreflight(request: GuardRequest): boolean {
  if (request.method !== 'OPTIONS') return false
  const value = readHeader(headerSourceOf(request), 'access-control-request-method')
  return value !== undefined && value.trim() !== ''
}
