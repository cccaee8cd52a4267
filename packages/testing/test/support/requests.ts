import type { TestIssuer } from '../../src/index.js'

/** An HTTP Basic `Authorization` value. */
export const basic = (username: string, password: string): string =>
  `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`

/** The project's credentials for the client API. */
export const projectAuth = (issuer: TestIssuer): Record<string, string> => ({
  authorization: basic(issuer.projectId, issuer.projectSecret),
})

/** Sends a request through the transport-free engine. */
export function send(
  issuer: TestIssuer,
  method: string,
  path: string,
  init: { body?: string | undefined; headers?: Record<string, string> | undefined; origin?: string } = {},
): Promise<Response> {
  return issuer.handle(
    new Request(`${init.origin ?? issuer.baseUrl}${path}`, { method, body: init.body, headers: init.headers }),
  )
}

/** Calls the client API with the project's credentials and a JSON body. */
export function api(issuer: TestIssuer, method: string, path: string, body?: unknown): Promise<Response> {
  return send(issuer, method, path, {
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { ...projectAuth(issuer), 'content-type': 'application/json' },
  })
}

/** Posts form parameters to the token endpoint. */
export function requestToken(
  issuer: TestIssuer,
  parameters: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return send(issuer, 'POST', `/v1/public/${issuer.projectId}/oauth2/token`, {
    body: new URLSearchParams(parameters).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  })
}

/** The JSON body of a response. */
export const json = async (response: Response): Promise<Record<string, unknown>> =>
  (await response.json()) as Record<string, unknown>
