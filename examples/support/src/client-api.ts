/** Where Stytch's M2M client API is and how to authenticate to it (HTTP Basic: project id and project secret). */
export interface ClientApiOptions {
  /** API origin, e.g. `https://test.stytch.com` or the fake's `http://127.0.0.1:<port>`. */
  baseUrl: string
  projectId: string
  projectSecret: string
}

/** A client as returned once, at creation, with its secret. */
export interface CreatedM2MClient {
  client_id: string
  client_secret: string
  client_name: string
  scopes: string[]
}

/** A client as any later call returns it: secrets only by their last four characters. */
export interface M2MClientInfo {
  client_id: string
  client_name: string
  scopes: string[]
  status: string
  client_secret_last_four: string
  next_client_secret_last_four: string | null
}

/** The M2M client API calls the examples and the demo make. */
export interface ClientApi {
  /** `POST /v1/m2m/clients`. @throws {@link ClientApiError} */
  create(input: { client_name: string; scopes: readonly string[] }): Promise<CreatedM2MClient>
  /** `GET /v1/m2m/clients/<id>`: the client, without its secret. @throws {@link ClientApiError} */
  get(clientId: string): Promise<M2MClientInfo>
  /** `POST /v1/m2m/clients/<id>/secrets/rotate/start`; resolves to the next secret. @throws {@link ClientApiError} */
  startRotation(clientId: string): Promise<string>
  /** `POST /v1/m2m/clients/<id>/secrets/rotate`: the next secret replaces the old one. @throws {@link ClientApiError} */
  completeRotation(clientId: string): Promise<void>
}

/** A non-200 answer of the client API, with Stytch's `error_type`. */
export class ClientApiError extends Error {
  override readonly name = 'ClientApiError'
  /** HTTP status, e.g. 401 for a wrong project secret. */
  readonly status: number
  /** Stytch's `error_type`, e.g. `unauthorized_credentials`. */
  readonly errorType: string | undefined

  /**
   * @param status - HTTP status.
   * @param errorType - Stytch's `error_type`.
   */
  constructor(status: number, errorType: string | undefined) {
    super(`Stytch's M2M client API answered ${status} ${errorType ?? ''}`.trim())
    this.status = status
    this.errorType = errorType
  }
}

/**
 * A minimal client for Stytch's M2M client API (what the Stytch dashboard or the `stytch` SDK's `m2m.clients` do).
 * It needs the project secret, so it belongs in provisioning scripts, never in the API that verifies tokens.
 *
 * @param options - Origin and project credentials.
 * @returns The API calls.
 * @example
 * const api = createClientApi({ baseUrl: 'https://test.stytch.com', projectId, projectSecret })
 * const { client_id, client_secret } = await api.create({ client_name: 'billing', scopes: ['read:users'] })
 */
export function createClientApi(options: ClientApiOptions): ClientApi {
  const authorization = `Basic ${Buffer.from(`${options.projectId}:${options.projectSecret}`).toString('base64')}`
  const call = async (path: string, body?: object): Promise<Record<string, unknown>> => {
    const response = await fetch(new URL(path, options.baseUrl), {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? { authorization } : { authorization, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const json = (await response.json()) as Record<string, unknown>
    if (response.status !== 200) {
      throw new ClientApiError(response.status, typeof json.error_type === 'string' ? json.error_type : undefined)
    }
    return json
  }
  const client = (json: Record<string, unknown>): Record<string, unknown> => json.m2m_client as Record<string, unknown>
  const path = (clientId: string, action = ''): string => `/v1/m2m/clients/${encodeURIComponent(clientId)}${action}`

  return {
    create: async (input) => client(await call('/v1/m2m/clients', input)) as unknown as CreatedM2MClient,
    get: async (clientId) => client(await call(path(clientId))) as unknown as M2MClientInfo,
    startRotation: async (clientId) =>
      client(await call(path(clientId, '/secrets/rotate/start'), {})).next_client_secret as string,
    completeRotation: async (clientId) => {
      await call(path(clientId, '/secrets/rotate'), {})
    },
  }
}
