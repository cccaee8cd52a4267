import { createTokenSource, M2MClientError, TokenRequestRejectedError } from '@m2m-guard/client'
import type { FakeStytch } from '@m2m-guard/example-support'

/** The outcome of one token request: a token, or the OAuth error it was refused with. */
export type TokenAttempt =
  | { ok: true; token: string }
  | { ok: false; code: string; status: number | undefined; error: string | undefined }

/**
 * Requests one token with the given credentials, through `@m2m-guard/client`, without retries.
 *
 * @param fake - The fake Stytch.
 * @param clientId - The client id.
 * @param clientSecret - The secret to try.
 * @param scopes - Scopes to ask for; default all of the client's.
 * @returns The token or the refusal.
 */
export async function attemptToken(
  fake: FakeStytch,
  clientId: string,
  clientSecret: string,
  scopes?: readonly string[],
): Promise<TokenAttempt> {
  const tokens = createTokenSource({
    projectId: fake.projectId,
    clientId,
    clientSecret,
    scopes,
    baseUrl: fake.url,
    retry: { maxAttempts: 1 },
  })
  try {
    return { ok: true, token: await tokens.getToken() }
  } catch (error) {
    if (!(error instanceof M2MClientError)) throw error
    const rejected = error instanceof TokenRequestRejectedError ? error : undefined
    return { ok: false, code: error.code, status: rejected?.responseStatus, error: rejected?.error }
  } finally {
    tokens.close()
  }
}

/**
 * How an attempt reads in the table.
 *
 * @param attempt - The outcome.
 * @returns e.g. `issued` or `rejected: 401 invalid_client`.
 */
export function describeAttempt(attempt: TokenAttempt): string {
  return attempt.ok ? 'issued' : `rejected: ${attempt.status ?? attempt.code} ${attempt.error ?? ''}`.trim()
}
