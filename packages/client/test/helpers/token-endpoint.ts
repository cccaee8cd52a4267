import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { UNHANDLED_IS_ERROR } from './msw-strict.js'

/** The test project; `project-test-…` resolves to https://test.stytch.com. */
export const PROJECT_ID = 'project-test-00000000-0000-4000-8000-000000000000'
export const TOKEN_URL = `https://test.stytch.com/v1/public/${PROJECT_ID}/oauth2/token`
export const CLIENT_ID = 'm2m-client-test-1'
/** A secret with characters that change under form encoding, so every encoding of it is searched for. */
export const SECRET = 'sEcReT+/=value-1'
export const API = 'https://api.example.com'

/** Starts an msw server for the file that refuses every unhandled request. */
export function useMsw(): ReturnType<typeof setupServer> {
  const server = setupServer()
  beforeAll(() => server.listen(UNHANDLED_IS_ERROR))
  afterEach(() => server.resetHandlers())
  afterAll(() => server.close())
  return server
}

/** A token request as the endpoint saw it. */
export interface SeenTokenRequest {
  form: URLSearchParams
  headers: Headers
}

/** One scripted answer of the token endpoint: a status and body, or a network error. */
export type Answer = Response | 'network-error'

/** A successful token response. */
export const tokenResponse = (accessToken: string, expiresIn = 3600): Response =>
  HttpResponse.json({
    status_code: 200,
    request_id: 'req-ok',
    access_token: accessToken,
    token_type: 'bearer',
    expires_in: expiresIn,
  })

/** An OAuth 2.0 error response (RFC 6749 §5.2) with Stytch's request id. */
export const oauthError = (status: number, error: string, headers: Record<string, string> = {}): Response =>
  HttpResponse.json(
    {
      status_code: status,
      request_id: `req-${error}`,
      error,
      error_description: `about ${error}`,
      error_uri: 'https://stytch.com/docs',
    },
    { status, headers },
  )

/**
 * A token endpoint that records each request and answers from `answers` in turn (the last one repeats), or with
 * a numbered token (`tok-1`, `tok-2`, …) when no answers are given.
 */
export function scriptedTokenEndpoint(
  server: ReturnType<typeof setupServer>,
  answers: readonly (Answer | (() => Answer | Promise<Answer>))[] = [],
): SeenTokenRequest[] {
  const seen: SeenTokenRequest[] = []
  server.use(
    http.post(TOKEN_URL, async ({ request }) => {
      seen.push({ form: new URLSearchParams(await request.text()), headers: request.headers })
      const next = answers[Math.min(seen.length, answers.length) - 1]
      const answer =
        next === undefined ? tokenResponse(`tok-${seen.length}`) : typeof next === 'function' ? await next() : next
      if (answer === 'network-error') return HttpResponse.error()
      return answer.clone()
    }),
  )
  return seen
}

/** A controllable clock in milliseconds. */
export function manualClock(start = 1_700_000_000_000): { now: () => number; advance: (seconds: number) => void } {
  let current = start
  return { now: () => current, advance: (seconds) => (current += seconds * 1000) }
}
