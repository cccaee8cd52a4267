import type { CreateClientInput, UpdateClientInput } from '../clients/m2m-client.js'
import { searchClients } from '../clients/search-clients.js'
import { digestsEqual, hashSecret } from '../clients/secret-hash.js'
import { TestIssuerError, type TestIssuerErrorCode } from '../errors.js'
import { readBasicAuth } from '../http/basic-auth.js'
import { type BodyError, readJsonObject } from '../http/read-body.js'
import { jsonResponse, stytchError } from '../http/responses.js'
import type { JsonObject } from '../lib/json.js'
import type { FakeRoute, RouteContext } from './route-context.js'

type Handler = (context: RouteContext, clientId: string, body: JsonObject) => Promise<Record<string, unknown>>

// Stytch documents `m2m_client_not_found` and `unauthorized_credentials`; the other types are descriptive.
const ERRORS: Partial<Record<TestIssuerErrorCode, [status: number, type: string]>> = {
  ERR_CLIENT_NOT_FOUND: [404, 'm2m_client_not_found'],
  ERR_CLIENT_EXISTS: [400, 'duplicate_m2m_client_id'],
  ERR_CLIENT_INVALID: [400, 'invalid_request'],
  ERR_NO_ROTATION: [400, 'no_secret_rotation_in_progress'],
}

const BODY_ERRORS: Record<BodyError, string> = {
  invalid_json: 'The body is not valid JSON',
  not_an_object: 'The JSON body must be an object',
  unsupported_media_type: 'Send application/json',
  repeated_parameter: 'A parameter appears more than once',
}

// The project id and secret as HTTP Basic credentials; both compared as SHA-256 digests in constant time.
async function authorized(context: RouteContext): Promise<boolean> {
  const credentials = readBasicAuth(context.request)
  if (credentials === undefined || credentials === null) return false
  const secretMatches = digestsEqual(await hashSecret(credentials.password), context.projectSecretDigest)
  return secretMatches && credentials.username === context.settings.projectId
}

/** Wraps a handler with project authentication, JSON body parsing and Stytch's error shape. */
function endpoint(method: FakeRoute['method'], path: string, handler: Handler): FakeRoute {
  return {
    method,
    path,
    group: 'api',
    run: async (context, params) => {
      const { requestId } = context
      if (!(await authorized(context))) {
        return stytchError(401, requestId, 'unauthorized_credentials', 'Send the project id and secret as HTTP Basic', {
          'www-authenticate': 'Basic realm="stytch"',
        })
      }
      const body = method === 'GET' ? {} : await readJsonObject(context.request)
      if (typeof body === 'string') return stytchError(400, requestId, 'invalid_request', BODY_ERRORS[body])
      try {
        return jsonResponse(200, requestId, await handler(context, params.clientId ?? '', body))
      } catch (error) {
        const mapped = error instanceof TestIssuerError ? ERRORS[error.code] : undefined
        if (mapped === undefined) throw error
        return stytchError(mapped[0], requestId, mapped[1], (error as Error).message)
      }
    },
  }
}

/** The M2M client API, authenticated with the project id and secret. */
export const clientRoutes: readonly FakeRoute[] = [
  endpoint('POST', '/v1/m2m/clients', async ({ clients }, _id, body) => {
    // The store validates every field, so the unchecked body can be handed over as is.
    const { client, clientSecret } = await clients.create(body as unknown as CreateClientInput)
    const { client_id, ...rest } = client
    return { m2m_client: { client_id, client_secret: clientSecret, ...rest } }
  }),
  endpoint('POST', '/v1/m2m/clients/search', async ({ clients }, _id, body) => ({
    ...searchClients(clients.list(), body),
  })),
  endpoint('GET', '/v1/m2m/clients/:clientId', async ({ clients }, id) => {
    const client = clients.get(id)
    if (client === undefined) throw new TestIssuerError('ERR_CLIENT_NOT_FOUND', `No client ${id}`)
    return { m2m_client: client }
  }),
  endpoint('PUT', '/v1/m2m/clients/:clientId', async ({ clients }, id, body) => ({
    m2m_client: clients.update(id, body as UpdateClientInput),
  })),
  endpoint('DELETE', '/v1/m2m/clients/:clientId', async ({ clients }, id) => {
    clients.delete(id)
    return { client_id: id }
  }),
  endpoint('POST', '/v1/m2m/clients/:clientId/secrets/rotate/start', async ({ clients }, id) => {
    const { client, nextClientSecret } = await clients.startRotation(id)
    return { m2m_client: { ...client, next_client_secret: nextClientSecret } }
  }),
  endpoint('POST', '/v1/m2m/clients/:clientId/secrets/rotate', async ({ clients }, id) => ({
    m2m_client: clients.completeRotation(id),
  })),
  endpoint('POST', '/v1/m2m/clients/:clientId/secrets/rotate/cancel', async ({ clients }, id) => ({
    m2m_client: clients.cancelRotation(id),
  })),
]
