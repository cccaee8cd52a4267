import { jsonResponse, stytchError } from '../http/responses.js'
import type { FakeRoute, RouteContext } from './route-context.js'

// A discovery document changes rarely; the same header the fake gives the JWKS.
const CACHE_CONTROL = { 'cache-control': 'public, max-age=900' }

/**
 * RFC 8414 Authorization Server Metadata, in the shape Stytch documents for a project (`issuer` the project
 * domain, `jwks_uri` under it), so an MCP client's discovery runs offline. The endpoints are the fake's own: its
 * token endpoint (which implements the client-credentials grant), introspection and JWKS. The grants listed are
 * Stytch's (Connected Apps add authorization_code and refresh_token); the fake implements client_credentials only.
 */
function serveMetadata(context: RouteContext, projectId: string): Promise<Response> {
  const { settings, request, requestId } = context
  if (projectId !== settings.projectId) {
    return Promise.resolve(stytchError(404, requestId, 'project_not_found', `No project ${projectId}`))
  }
  const origin = new URL(request.url).origin
  const base = `${origin}/v1/public/${projectId}`
  const document = {
    issuer: origin,
    token_endpoint: `${base}/oauth2/token`,
    introspection_endpoint: `${base}/oauth2/introspect`,
    jwks_uri: `${origin}/.well-known/jwks.json`,
    grant_types_supported: ['client_credentials', 'authorization_code', 'refresh_token'],
    response_types_supported: ['code'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    code_challenge_methods_supported: ['S256'],
    scopes_supported: ['openid', 'profile', 'email', 'phone', 'offline_access'],
  }
  return Promise.resolve(jsonResponse(200, requestId, document, CACHE_CONTROL))
}

/**
 * The authorization server metadata at the project domain's well-known path and at Stytch's `/v1/public/<project>`
 * form. Public, like the JWKS: counted and faulted with it.
 */
export const metadataRoutes: readonly FakeRoute[] = [
  {
    method: 'GET',
    path: '/.well-known/oauth-authorization-server',
    group: 'jwks',
    run: (context) => serveMetadata(context, context.settings.projectId),
  },
  {
    method: 'GET',
    path: '/v1/public/:projectId/.well-known/oauth-authorization-server',
    group: 'jwks',
    run: (context, params) => serveMetadata(context, params.projectId!),
  },
]
