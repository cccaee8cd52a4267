/** Reads one request header by its lower-case name: a framework's accessor, or `(name) => headers.get(name)`. */
export type HeaderLookup = (name: string) => string | readonly string[] | null | undefined

/**
 * Whether a request is a CORS preflight: `OPTIONS` with an `Access-Control-Request-Method` header (Fetch standard,
 * "CORS-preflight request", https://fetch.spec.whatwg.org/#cors-preflight-request). A browser never sends
 * credentials on a preflight, so a guard that authenticated it would answer 401 and the browser would never send
 * the real request; the adapters let a preflight through, unauthenticated and without a caller, to the
 * framework's CORS handling. A plain `OPTIONS` (no such header, or an empty one) is authenticated like any request.
 *
 * @param method - The request method, as the HTTP parser gives it (methods are case-sensitive, RFC 9110 §9.1).
 * @param header - Looks up a request header by its lower-case name.
 * @returns `true` for a CORS preflight.
 * @example
 * isPreflight(req.method, (name) => req.headers[name]) // Node / Express
 * isPreflight(request.method, (name) => request.headers.get(name)) // Fetch API
 */
export function isPreflight(method: string | undefined, header: HeaderLookup): boolean {
  if (method !== 'OPTIONS') return false
  const value = header('access-control-request-method')
  if (typeof value === 'string') return value.trim() !== ''
  return value !== null && value !== undefined && value.length > 0
}
