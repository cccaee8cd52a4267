/** A request to one of the example APIs. */
export interface ApiRequest {
  method: 'GET' | 'POST'
  url: string
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string | undefined
  /** Sent as JSON. */
  body?: unknown
}

/** What came back. */
export interface ApiResponse {
  status: number
  /** The `WWW-Authenticate` header, if any. */
  challenge: string | undefined
  body: unknown
}

/**
 * Sends a request with plain `fetch`, as any HTTP client of the API would.
 *
 * @param request - Method, URL, token and body.
 * @returns Status, challenge and parsed JSON body (`undefined` when the body is not JSON).
 */
export async function callApi(request: ApiRequest): Promise<ApiResponse> {
  const headers: Record<string, string> = {}
  if (request.token !== undefined) headers.authorization = `Bearer ${request.token}`
  if (request.body !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(request.url, {
    method: request.method,
    headers,
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
  })
  const text = await response.text()
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    body = undefined
  }
  return { status: response.status, challenge: response.headers.get('www-authenticate') ?? undefined, body }
}

/**
 * The `error` and `scope` auth-params of a `Bearer` challenge (RFC 6750 §3), enough for the demo's checks.
 *
 * @param challenge - A `WWW-Authenticate` value.
 * @returns The named parameters.
 */
export function challengeParams(challenge: string | undefined): { error?: string; scope?: string } {
  const params: Record<string, string> = {}
  for (const match of (challenge ?? '').matchAll(/(\w+)="([^"]*)"/g)) params[match[1]!] = match[2]!
  return { error: params.error, scope: params.scope }
}
