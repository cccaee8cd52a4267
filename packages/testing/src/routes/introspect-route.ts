import { compactVerify, decodeProtectedHeader } from 'jose'
import { readBasicAuth } from '../http/basic-auth.js'
import { readTokenParameters } from '../http/read-body.js'
import { jsonResponse, NO_STORE, oauthError } from '../http/responses.js'
import { nowSeconds } from '../project-settings.js'
import type { FakeRoute, RouteContext } from './route-context.js'
import { clientCredentials } from './token-route.js'

/** What an active token's answer repeats from its claims (RFC 7662 §2.2). */
const REPEATED_CLAIMS = ['sub', 'client_id', 'scope', 'exp', 'iat', 'iss', 'aud'] as const

/**
 * The claims of `token` when this fake signed it with a key it still publishes and it is valid now; else
 * `undefined`. (Stytch answers for tokens it issued; the fake knows its own by their signature.)
 */
async function activeClaims(context: RouteContext, token: string): Promise<Record<string, unknown> | undefined> {
  try {
    const { kid } = decodeProtectedHeader(token)
    if (typeof kid !== 'string' || !context.keys.publicKeys().some((key) => key.kid === kid)) return undefined
    const { payload } = await compactVerify(token, context.keys.find(kid)!.publicKey, { algorithms: ['RS256'] })
    const claims = JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>
    const now = nowSeconds(context.settings)
    if (typeof claims.exp !== 'number' || claims.exp <= now) return undefined
    if (typeof claims.nbf === 'number' && claims.nbf > now) return undefined
    return claims
  } catch {
    return undefined
  }
}

/**
 * `POST /v1/public/<project_id>/oauth2/introspect`: RFC 7662 token introspection, as Stytch serves it for Connected
 * Apps. Form (or JSON) body `token`, optional `token_type_hint`, and the app's `client_id`/`client_secret` in the
 * body or as HTTP Basic. Apps are registered with `issuer.connectedApps.create()`.
 *
 * Answers `{ active: true, sub, client_id, scope, exp, iat, iss, aud, token_type: "access_token" }` for a token this
 * fake signed that is valid now, `{ active: false }` for anything else, `401 invalid_client` for bad credentials.
 */
async function introspect(context: RouteContext, projectId: string): Promise<Response> {
  const { request, requestId, settings } = context
  const fail = (status: number, error: string, description: string, headers?: Record<string, string>): Response =>
    oauthError(status, requestId, error, description, headers)

  if (projectId !== settings.projectId) return fail(404, 'invalid_request', `No project ${projectId}`)
  const parameters = await readTokenParameters(request)
  if (typeof parameters === 'string') return fail(400, 'invalid_request', 'The body could not be read')
  const values: Record<string, string> = {}
  for (const [name, value] of parameters) {
    if (typeof value !== 'string') return fail(400, 'invalid_request', `\`${name}\` must be a string`)
    values[name] = value
  }
  const basic = readBasicAuth(request)
  const challenge = basic === undefined ? undefined : { 'www-authenticate': 'Basic realm="stytch"' }
  const credentials = clientCredentials(basic, values)
  if (credentials === 'ambiguous') {
    return fail(400, 'invalid_request', 'Send client credentials either in the body or in the Basic header')
  }
  if (
    credentials === undefined ||
    !(await context.connectedApps.authenticate(credentials.username, credentials.password))
  ) {
    return fail(401, 'invalid_client', 'Client authentication failed', challenge)
  }
  const token = values.token
  if (token === undefined || token === '') return fail(400, 'invalid_request', '`token` is required')

  const claims = await activeClaims(context, token)
  if (claims === undefined) return jsonResponse(200, requestId, { active: false }, NO_STORE)
  const repeated = Object.fromEntries(
    REPEATED_CLAIMS.filter((name) => name in claims).map((name) => [name, claims[name]]),
  )
  return jsonResponse(200, requestId, { active: true, ...repeated, token_type: 'access_token' }, NO_STORE)
}

/** The introspection endpoint. Counted and faulted with the token endpoint (both are OAuth endpoints). */
export const introspectRoute: FakeRoute = {
  method: 'POST',
  path: '/v1/public/:projectId/oauth2/introspect',
  group: 'token',
  run: (context, params) => introspect(context, params.projectId!),
}
