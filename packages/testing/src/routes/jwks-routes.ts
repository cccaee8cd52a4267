import { jsonResponse, stytchError } from '../http/responses.js'
import type { FakeRoute, RouteContext } from './route-context.js'

// Reported for Stytch's JWKS endpoint; lets caching clients be tested against realistic headers.
const CACHE_CONTROL = { 'cache-control': 'public, max-age=900' }

function serveJwks(context: RouteContext, projectId: string): Promise<Response> {
  if (projectId !== context.settings.projectId) {
    return Promise.resolve(stytchError(404, context.requestId, 'project_not_found', `No project ${projectId}`))
  }
  const keys = context.emptyKeys ? [] : context.keys.publicKeys()
  return Promise.resolve(jsonResponse(200, context.requestId, { keys }, CACHE_CONTROL))
}

/** The JWKS at its consumer, B2B and well-known paths. No credentials: resource servers need only the project id. */
export const jwksRoutes: readonly FakeRoute[] = [
  {
    method: 'GET',
    path: '/v1/sessions/jwks/:projectId',
    group: 'jwks',
    run: (context, params) => serveJwks(context, params.projectId!),
  },
  {
    method: 'GET',
    path: '/v1/b2b/sessions/jwks/:projectId',
    group: 'jwks',
    run: (context, params) => serveJwks(context, params.projectId!),
  },
  {
    method: 'GET',
    path: '/.well-known/jwks.json',
    group: 'jwks',
    run: (context) => serveJwks(context, context.settings.projectId),
  },
]
