/** Which counter a route's hits go to, and which fault applies to it. */
export type RouteGroup = 'jwks' | 'token' | 'api'

/** One route: method, a path pattern with `:name` segments (msw's syntax), and its handler. */
export interface Route<Context> {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  readonly path: string
  readonly group: RouteGroup
  readonly run: (context: Context, params: Readonly<Record<string, string>>) => Promise<Response>
}

/** The outcome of matching a request against the routes. */
export type RouteMatch<Context> =
  | { kind: 'found'; route: Route<Context>; params: Record<string, string> }
  | { kind: 'wrong-method'; allow: string[] }
  | { kind: 'not-found' }

/** Finds the route for a method and (still percent-encoded) path. */
export function matchRoute<Context>(
  routes: readonly Route<Context>[],
  method: string,
  path: string,
): RouteMatch<Context> {
  const allow: string[] = []
  for (const route of routes) {
    const params = matchPath(route.path, path)
    if (params === undefined) continue
    if (route.method === method) return { kind: 'found', route, params }
    allow.push(route.method)
  }
  return allow.length > 0 ? { kind: 'wrong-method', allow } : { kind: 'not-found' }
}

function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const expected = pattern.split('/')
  const actual = path.split('/')
  if (expected.length !== actual.length) return undefined
  const params: Record<string, string> = {}
  for (const [index, segment] of expected.entries()) {
    const value = actual[index]!
    if (segment.startsWith(':')) {
      if (value === '') return undefined
      try {
        params[segment.slice(1)] = decodeURIComponent(value)
      } catch {
        return undefined
      }
    } else if (segment !== value) {
      return undefined
    }
  }
  return params
}
