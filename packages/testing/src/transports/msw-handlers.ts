import type { HttpHandler } from 'msw'
import { ROUTES } from '../engine.js'
import { readBasicAuth } from '../http/basic-auth.js'

/** The parts of the `msw` module the handlers use. */
export type MswModule = typeof import('msw')

/**
 * Loads the optional peer dependency `msw`, or returns `undefined` when it is not installed, so that the package
 * works without msw for `mint`, `handle` and `listen`.
 */
export async function loadMsw(): Promise<MswModule | undefined> {
  try {
    return await import('msw')
  } catch {
    return undefined
  }
}

/**
 * One msw handler per route and origin. Only the fake's own routes are registered, so a request for an endpoint the
 * fake does not implement stays unhandled (and fails under `onUnhandledRequest: 'error'`) instead of getting a 404.
 *
 * Several issuers can share one msw server: JWKS and token paths carry the literal project id, and the client API
 * lets requests authenticated as another project fall through to the next handler. `/.well-known/jwks.json` has no
 * project in its path, so there the first registered issuer answers.
 */
export function createMswHandlers(
  msw: MswModule,
  origins: readonly string[],
  projectId: string,
  handle: (request: Request) => Promise<Response>,
): HttpHandler[] {
  const methods = { GET: msw.http.get, POST: msw.http.post, PUT: msw.http.put, DELETE: msw.http.delete }
  return origins.flatMap((origin) =>
    ROUTES.map((route) => {
      const path = route.path.replace(':projectId', encodeURIComponent(projectId))
      return methods[route.method](`${origin}${path}`, ({ request }) => {
        const username = route.group === 'api' ? readBasicAuth(request)?.username : undefined
        // Returning nothing hands the request to the next matching handler (another issuer's).
        if (username !== undefined && username !== projectId) return undefined
        return handle(request)
      })
    }),
  )
}
