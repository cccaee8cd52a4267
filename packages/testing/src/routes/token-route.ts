import { type BasicCredentials, formDecode, readBasicAuth } from '../http/basic-auth.js'
import { readTokenParameters } from '../http/read-body.js'
import { jsonResponse, NO_STORE, oauthError } from '../http/responses.js'
import { REGISTERED_CLAIMS } from '../tokens/build-token-parts.js'
import type { FakeRoute, RouteContext } from './route-context.js'

const STANDARD_PARAMETERS: readonly string[] = ['grant_type', 'client_id', 'client_secret', 'scope']

const BODY_ERRORS: Record<string, string> = {
  invalid_json: 'The body is not valid JSON',
  not_an_object: 'The JSON body must be an object',
  unsupported_media_type: 'Send application/x-www-form-urlencoded or application/json',
  repeated_parameter: 'A parameter appears more than once',
}

/**
 * `POST /v1/public/<project_id>/oauth2/token`: the OAuth 2.0 client credentials grant (RFC 6749 §4.4).
 *
 * Checks, in order: project id; body (form or JSON, string values, no repeated parameter); `grant_type` present
 * (`invalid_request`) and `client_credentials` (`unsupported_grant_type`); exactly one way of sending the client
 * credentials (`invalid_request`); id and secret (current or pending) of an active client (`invalid_client`, 401);
 * requested scopes within the client's (`invalid_scope`). An omitted or empty `scope` grants all the client's scopes.
 */
async function issueToken(context: RouteContext, projectId: string): Promise<Response> {
  const { request, requestId, settings } = context
  const fail = (status: number, error: string, description: string, headers?: Record<string, string>): Response =>
    oauthError(status, requestId, error, description, headers)

  if (projectId !== settings.projectId) return fail(404, 'invalid_request', `No project ${projectId}`)
  const parameters = await readTokenParameters(request)
  if (typeof parameters === 'string') return fail(400, 'invalid_request', BODY_ERRORS[parameters]!)
  const values: Record<string, string> = {}
  for (const [name, value] of parameters) {
    if (typeof value !== 'string') return fail(400, 'invalid_request', `\`${name}\` must be a string`)
    values[name] = value
  }

  const grantType = values.grant_type
  if (grantType === undefined || grantType === '') return fail(400, 'invalid_request', '`grant_type` is required')
  if (grantType !== 'client_credentials') {
    return fail(400, 'unsupported_grant_type', 'Only `client_credentials` is supported')
  }

  const basic = readBasicAuth(request)
  // RFC 7235 §4.1 / RFC 6749 §5.2: a failed Basic authentication is answered with a Basic challenge.
  const challenge = basic === undefined ? undefined : { 'www-authenticate': 'Basic realm="stytch"' }
  const credentials = clientCredentials(basic, values)
  if (credentials === 'ambiguous') {
    return fail(400, 'invalid_request', 'Send client credentials either in the body or in the Basic header')
  }
  if (credentials === undefined) return fail(401, 'invalid_client', 'Client authentication failed', challenge)
  const client = await context.clients.authenticate(credentials.username, credentials.password)
  // One answer for unknown id, wrong secret and inactive client, so callers cannot probe which it was.
  if (client === undefined || client.status !== 'active') {
    return fail(401, 'invalid_client', 'Client authentication failed', challenge)
  }

  const requested = (values.scope ?? '').split(' ').filter((scope) => scope !== '')
  const notAllowed = requested.filter((scope) => !client.scopes.includes(scope))
  if (notAllowed.length > 0) return fail(400, 'invalid_scope', `Not granted to this client: ${notAllowed.join(' ')}`)
  const scopes = requested.length === 0 ? client.scopes : [...new Set(requested)]

  const extra = Object.fromEntries(Object.entries(values).filter(([name]) => !STANDARD_PARAMETERS.includes(name)))
  const template = context.customClaims === false ? {} : context.customClaims({ client, parameters: extra })
  const customClaims = Object.fromEntries(
    Object.entries(template).filter(([name]) => !REGISTERED_CLAIMS.includes(name)),
  )

  const accessToken = await context.signer.mint({
    clientId: client.client_id,
    scopes,
    customClaims,
    issuer: context.tokenIssuer,
  })
  return jsonResponse(
    200,
    requestId,
    { access_token: accessToken, token_type: 'bearer', expires_in: settings.tokenLifetime },
    NO_STORE,
  )
}

/**
 * The client credentials of a request, from the body or the Basic header (RFC 6749 §2.3: a client MUST NOT use
 * more than one method per request). Also used by the introspection endpoint.
 */
export function clientCredentials(
  basic: BasicCredentials | null | undefined,
  values: Record<string, string>,
): BasicCredentials | 'ambiguous' | undefined {
  if (basic === null) return undefined
  if (basic === undefined) {
    const { client_id: username, client_secret: password } = values
    return username && password !== undefined ? { username, password } : undefined
  }
  if (values.client_secret !== undefined) return 'ambiguous'
  // RFC 6749 §2.3.1: id and secret are form-encoded before they go into the Basic header.
  const username = formDecode(basic.username)
  const password = formDecode(basic.password)
  if (username === null || password === null || username === '') return undefined
  if (values.client_id !== undefined && values.client_id !== username) return 'ambiguous'
  return { username, password }
}

/** The token endpoint. */
export const tokenRoute: FakeRoute = {
  method: 'POST',
  path: '/v1/public/:projectId/oauth2/token',
  group: 'token',
  run: (context, params) => issueToken(context, params.projectId!),
}
