import { tamperSignature } from '../fixtures/tokens.js'
import { caseKey, type HttpCase, ROUTE } from './http-case.js'

async function get(port: number, authorization?: string): Promise<Response> {
  const headers: Record<string, string> = authorization === undefined ? {} : { authorization }
  const response = await fetch(`http://127.0.0.1:${port}${ROUTE}`, { headers })
  await response.arrayBuffer()
  return response
}

function expectStatus(httpCase: HttpCase, what: string, response: Response, status: number): void {
  if (response.status !== status) {
    throw new Error(`check failed: ${caseKey(httpCase)} answered ${response.status} to ${what}, expected ${status}`)
  }
}

/**
 * Proves each server answers before it is loaded: plain servers 200; protected ones 200 to a valid token, 401 with
 * a Bearer challenge to a bad signature and to no token.
 *
 * @param cases - The cases with their ports.
 * @param validToken - A token every protected server must accept.
 * @throws {Error} naming the server and the answer.
 */
export async function checkServers(
  cases: readonly (HttpCase & { readonly port: number })[],
  validToken: string,
): Promise<void> {
  for (const httpCase of cases) {
    expectStatus(httpCase, 'a valid token', await get(httpCase.port, `Bearer ${validToken}`), 200)
    if (httpCase.variant === 'plain') continue
    const bad = await get(httpCase.port, `Bearer ${tamperSignature(validToken)}`)
    expectStatus(httpCase, 'a bad signature', bad, 401)
    if (!bad.headers.get('www-authenticate')?.startsWith('Bearer ')) {
      throw new Error(`check failed: ${caseKey(httpCase)} sent no Bearer challenge with its 401`)
    }
    expectStatus(httpCase, 'no token', await get(httpCase.port), 401)
  }
}
