import { createTokenSource, type RetryOptions, TokenRequestFailedError } from '@m2m-guard/client'
import { getResponse, HttpResponse, RequestHandler } from 'msw'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { eventLog } from './helpers/events.js'
import { fakeStytch } from './helpers/fake-stytch.js'
import {
  type Answer,
  CLIENT_ID,
  oauthError,
  PROJECT_ID,
  SECRET,
  scriptedTokenEndpoint,
  tokenResponse,
  useMsw,
} from './helpers/token-endpoint.js'

const server = useMsw()

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

/**
 * A `fetch` that answers from the msw handlers in-process, honouring the abort signal for the answer and its body
 * as fetch does. These tests drive the retry schedule with a fake clock, one step at a time, so an answer must
 * arrive within the microtasks of that step: msw 2 patched `fetch` and did so, msw 3 intercepts at the socket,
 * where an answer takes real I/O turns. The network path itself is covered by the "against the fake Stytch" tests
 * and the other files, which keep real timers or advance past it.
 */
const inProcessFetch: typeof fetch = async (input, init) => {
  const request = new Request(input, init)
  const { signal } = request
  signal.throwIfAborted()
  const handlers = server.listHandlers().filter((handler) => handler instanceof RequestHandler)
  const aborted = new Promise<never>((_, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason), { once: true })
  })
  const response = await Promise.race([getResponse(handlers, request), aborted])
  if (response === undefined) throw new TypeError(`no msw handler for ${request.method} ${request.url}`)
  if (response.type === 'error') throw new TypeError('fetch failed')
  if (response.body === null) return response
  // Like fetch, an abort after the headers errors the body being read.
  const body = response.body.pipeThrough(new TransformStream<Uint8Array, Uint8Array>(), { signal })
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers })
}

/** Jitter fixed at one half, so every delay is exactly half its cap. */
const HALF: RetryOptions = { random: () => 0.5, baseDelay: 1, maxDelay: 10 }

function source(answers: (Answer | (() => Answer | Promise<Answer>))[], retry: RetryOptions = HALF, timeout = 10) {
  const seen = scriptedTokenEndpoint(server, answers)
  const log = eventLog()
  const tokens = createTokenSource({
    projectId: PROJECT_ID,
    clientId: CLIENT_ID,
    clientSecret: SECRET,
    retry,
    timeout,
    fetch: inProcessFetch,
    onEvent: log.onEvent,
  })
  return { seen, log, tokens }
}

/** Lets pending promise callbacks and msw's handler run without moving the clock. */
const settle = async (): Promise<void> => {
  await vi.advanceTimersByTimeAsync(0)
}

describe('retries', () => {
  it('retries a network error after the jittered backoff delay, to the millisecond', async () => {
    const { seen, log, tokens } = source(['network-error', tokenResponse('ok')])
    const token = tokens.getToken()
    await settle()
    expect(seen).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(499)
    expect(seen).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(seen).toHaveLength(2)
    expect(await token).toBe('ok')
    expect(log.ofType('token-retry')).toEqual([
      { type: 'token-retry', attempt: 1, delay: 0.5, reason: 'network', status: undefined },
    ])
  })

  it('doubles the backoff cap per failure and clamps it at maxDelay', async () => {
    const { log, tokens } = source(
      [oauthError(500, 'a'), oauthError(500, 'b'), oauthError(500, 'c'), oauthError(500, 'd'), tokenResponse('ok')],
      { maxAttempts: 5, baseDelay: 2, maxDelay: 5, random: () => 0.5 },
    )
    const token = tokens.getToken()
    await vi.advanceTimersByTimeAsync(20_000)
    expect(await token).toBe('ok')
    expect(log.ofType('token-retry').map((event) => event.delay)).toEqual([1, 2, 2.5, 2.5])
  })

  it('draws each delay uniformly below the cap ("full jitter")', async () => {
    const draws = [0, 0.999]
    const { log, tokens } = source([oauthError(502, 'a'), oauthError(502, 'b'), tokenResponse('ok')], {
      ...HALF,
      random: () => draws.shift()!,
    })
    const token = tokens.getToken()
    await vi.advanceTimersByTimeAsync(5000)
    expect(await token).toBe('ok')
    expect(log.ofType('token-retry').map((event) => event.delay)).toEqual([0, 1.998])
  })

  it.each([500, 502, 503, 504, 408])('retries a %i answer', async (status) => {
    const { seen, tokens } = source([oauthError(status, 'server_error'), tokenResponse('ok')])
    const token = tokens.getToken()
    await vi.advanceTimersByTimeAsync(500)
    expect(await token).toBe('ok')
    expect(seen).toHaveLength(2)
  })

  it('waits exactly the Retry-After seconds of a 429 when they exceed the backoff', async () => {
    const { seen, log, tokens } = source([oauthError(429, 'rate_limited', { 'retry-after': '3' }), tokenResponse('ok')])
    const token = tokens.getToken()
    await settle()
    await vi.advanceTimersByTimeAsync(2999)
    expect(seen).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(seen).toHaveLength(2)
    expect(await token).toBe('ok')
    expect(log.ofType('token-retry')).toEqual([
      { type: 'token-retry', attempt: 1, delay: 3, reason: 'status', status: 429 },
    ])
  })

  it('honours a Retry-After HTTP-date on a 503', async () => {
    const inTwoSeconds = new Date(Date.now() + 2000).toUTCString()
    const { log, tokens } = source([
      oauthError(503, 'unavailable', { 'retry-after': inTwoSeconds }),
      tokenResponse('ok'),
    ])
    const token = tokens.getToken()
    await vi.advanceTimersByTimeAsync(3000)
    expect(await token).toBe('ok')
    expect(log.ofType('token-retry')[0]?.delay).toBeGreaterThan(1)
    expect(log.ofType('token-retry')[0]?.delay).toBeLessThanOrEqual(2)
  })

  it('gives up at once when Retry-After is longer than maxDelay, reporting it', async () => {
    const { seen, tokens } = source([oauthError(429, 'rate_limited', { 'retry-after': '60' })])
    await expect(tokens.getToken()).rejects.toMatchObject({
      code: 'ERR_TOKEN_REQUEST_FAILED',
      responseStatus: 429,
      retryAfter: 60,
      attempts: 1,
    })
    expect(seen).toHaveLength(1)
  })

  it('fails with ERR_TOKEN_REQUEST_FAILED after maxAttempts 5xx answers, with the last status and request id', async () => {
    const { seen, tokens } = source([oauthError(500, 'server_error')])
    const token = tokens.getToken()
    const outcome = expect(token).rejects.toMatchObject({
      code: 'ERR_TOKEN_REQUEST_FAILED',
      attempts: 3,
      responseStatus: 500,
      request_id: 'req-server_error',
      error: 'server_error',
      retryAfter: undefined,
    })
    await vi.advanceTimersByTimeAsync(5000)
    await outcome
    expect(seen).toHaveLength(3)
  })

  it('fails with ERR_TOKEN_REQUEST_FAILED after repeated network errors, keeping the cause', async () => {
    const { tokens } = source(['network-error'], { ...HALF, maxAttempts: 2 })
    const token = tokens.getToken().catch((error: unknown) => error)
    await vi.advanceTimersByTimeAsync(5000)
    const error = await token
    expect(error).toBeInstanceOf(TokenRequestFailedError)
    expect(error).toMatchObject({ attempts: 2, responseStatus: undefined })
    expect((error as Error).cause).toBeInstanceOf(Error)
  })

  it('makes a single attempt when maxAttempts is 1', async () => {
    const { seen, tokens } = source([oauthError(503, 'unavailable')], { maxAttempts: 1 })
    await expect(tokens.getToken()).rejects.toMatchObject({ code: 'ERR_TOKEN_REQUEST_FAILED', attempts: 1 })
    expect(seen).toHaveLength(1)
  })
})

describe('no retries', () => {
  it.each([
    [401, 'invalid_client'],
    [400, 'invalid_scope'],
    [400, 'unauthorized_client'],
    [400, 'invalid_grant'],
    [400, 'invalid_request'],
    [400, 'unsupported_grant_type'],
  ])('surfaces %i %s at once with the OAuth fields and request id', async (status, error) => {
    const { seen, tokens } = source([oauthError(status, error), tokenResponse('never')])
    await expect(tokens.getToken()).rejects.toMatchObject({
      name: 'TokenRequestRejectedError',
      code: 'ERR_TOKEN_REQUEST_REJECTED',
      responseStatus: status,
      error,
      error_description: `about ${error}`,
      error_uri: 'https://stytch.com/docs',
      request_id: `req-${error}`,
    })
    expect(seen).toHaveLength(1)
  })

  it.each([403, 404, 405, 413])(
    'does not retry other 4xx answers such as %i, even without an OAuth body',
    async (status) => {
      const { seen, tokens } = source([new HttpResponse('nope', { status })])
      await expect(tokens.getToken()).rejects.toMatchObject({
        code: 'ERR_TOKEN_REQUEST_REJECTED',
        responseStatus: status,
        error: undefined,
      })
      expect(seen).toHaveLength(1)
    },
  )

  it('has no status property a framework error handler would render', async () => {
    const { tokens } = source([oauthError(401, 'invalid_client')])
    const error = await tokens.getToken().catch((caught: unknown) => caught)
    expect(error).not.toHaveProperty('status')
    expect(error).not.toHaveProperty('statusCode')
  })
})

describe('timeouts', () => {
  const hang = (): Promise<Answer> => new Promise<Answer>(() => undefined)

  it('aborts an attempt after timeout seconds and retries it', async () => {
    const { seen, log, tokens } = source([hang, tokenResponse('ok')], HALF, 2)
    const token = tokens.getToken()
    await settle()
    await vi.advanceTimersByTimeAsync(1999)
    expect(seen).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1 + 500)
    expect(await token).toBe('ok')
    expect(log.ofType('token-retry')).toEqual([
      { type: 'token-retry', attempt: 1, delay: 0.5, reason: 'timeout', status: undefined },
    ])
  })

  it('fails with ERR_TIMEOUT when the last attempt times out', async () => {
    const { seen, tokens } = source([hang], { ...HALF, maxAttempts: 2 }, 1)
    const outcome = expect(tokens.getToken()).rejects.toMatchObject({ code: 'ERR_TIMEOUT', timeout: 1, attempts: 2 })
    await vi.advanceTimersByTimeAsync(3000)
    await outcome
    expect(seen).toHaveLength(2)
  })

  it('covers a response body that never ends', async () => {
    const stalled = () =>
      new HttpResponse(
        new ReadableStream({ start: (controller) => controller.enqueue(new TextEncoder().encode('{')) }),
        {
          headers: { 'content-type': 'application/json' },
        },
      )
    const { tokens } = source([stalled], { maxAttempts: 1 }, 1)
    const outcome = expect(tokens.getToken()).rejects.toMatchObject({ code: 'ERR_TIMEOUT' })
    await vi.advanceTimersByTimeAsync(1000)
    await outcome
  })
})

describe('close()', () => {
  it('rejects callers waiting on a backoff with ERR_SOURCE_CLOSED and refuses later calls', async () => {
    const { seen, tokens } = source([oauthError(500, 'server_error'), tokenResponse('never')])
    const token = tokens.getToken()
    await settle()
    tokens.close()
    await expect(token).rejects.toMatchObject({ code: 'ERR_SOURCE_CLOSED' })
    await vi.advanceTimersByTimeAsync(5000)
    expect(seen).toHaveLength(1)
    await expect(tokens.getToken()).rejects.toMatchObject({ code: 'ERR_SOURCE_CLOSED' })
  })

  it('aborts a request in flight', async () => {
    const { tokens } = source([() => new Promise<Answer>(() => undefined)])
    const token = tokens.getToken()
    await settle()
    tokens.close()
    await expect(token).rejects.toMatchObject({ code: 'ERR_SOURCE_CLOSED' })
  })
})

describe('against the fake Stytch', () => {
  const setup = (retry: RetryOptions = HALF, timeout = 10) => fakeStytch(server, { source: { retry, timeout } })

  it.each([
    ['a 500', 'error', { status: 500 }],
    ['a 503', 'error', { status: 503 }],
    ['a network error', 'network', {}],
    ['a 429 with Retry-After', 'rate-limit', { retryAfter: 2 }],
  ] as const)('retries %s and then gets a token', async (_, mode, faultOptions) => {
    const { issuer, tokens } = await setup()
    issuer.faults.token(mode, { ...faultOptions, times: 1 })
    const token = tokens.getToken()
    await vi.advanceTimersByTimeAsync(2000)
    expect(await token).toMatch(/^eyJ/)
    expect(issuer.counters.token).toBe(2)
  })

  it('waits out the Retry-After of a rate limit before the next attempt', async () => {
    const { issuer, tokens } = await setup()
    issuer.faults.token('rate-limit', { retryAfter: 2, times: 1 })
    const token = tokens.getToken()
    await vi.advanceTimersByTimeAsync(1999)
    expect(issuer.counters.token).toBe(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(await token).toMatch(/^eyJ/)
    expect(issuer.counters.token).toBe(2)
  })

  it('retries an endpoint that never answers after the timeout', async () => {
    const { issuer, tokens } = await setup(HALF, 1)
    issuer.faults.token('timeout', { times: 1 })
    const token = tokens.getToken()
    await vi.advanceTimersByTimeAsync(1500)
    expect(await token).toMatch(/^eyJ/)
    expect(issuer.counters.token).toBe(2)
  })

  it('gives up after maxAttempts server errors', async () => {
    const { issuer, tokens } = await setup()
    issuer.faults.token('error', { status: 502 })
    const outcome = expect(tokens.getToken()).rejects.toMatchObject({
      code: 'ERR_TOKEN_REQUEST_FAILED',
      responseStatus: 502,
      attempts: 3,
    })
    await vi.advanceTimersByTimeAsync(5000)
    await outcome
    expect(issuer.counters.token).toBe(3)
  })

  it('rejects a 200 with a body that is not JSON as ERR_TOKEN_RESPONSE_INVALID, once', async () => {
    const { issuer, tokens } = await setup()
    issuer.faults.token('garbage')
    await expect(tokens.getToken()).rejects.toMatchObject({ code: 'ERR_TOKEN_RESPONSE_INVALID' })
    expect(issuer.counters.token).toBe(1)
  })

  it.each([
    ['a wrong secret', { clientSecret: 'wrong-secret' }, 'invalid_client'],
    ['an unknown client', { clientId: 'm2m-client-test-unknown' }, 'invalid_client'],
    ['a scope the client lacks', { scopes: ['write:users'] }, 'invalid_scope'],
  ])('surfaces %s at once as %s with the request id', async (_, override, error) => {
    const { issuer, options } = await setup()
    const tokens = createTokenSource({ ...options, ...override })
    const rejection = await tokens.getToken().catch((caught: unknown) => caught)
    expect(rejection).toMatchObject({ code: 'ERR_TOKEN_REQUEST_REJECTED', error })
    expect((rejection as { request_id?: string }).request_id).toMatch(/\S/)
    expect(issuer.counters.token).toBe(1)
  })

  it('surfaces an inactive client at once', async () => {
    const { issuer, options, tokens } = await setup()
    issuer.clients.update(options.clientId, { status: 'inactive' })
    await expect(tokens.getToken()).rejects.toMatchObject({
      code: 'ERR_TOKEN_REQUEST_REJECTED',
      error: 'invalid_client',
    })
    expect(issuer.counters.token).toBe(1)
  })

  it('is accepted with client_secret_basic', async () => {
    const { options } = await setup()
    await expect(createTokenSource({ ...options, authMethod: 'client_secret_basic' }).getToken()).resolves.toMatch(
      /^eyJ/,
    )
  })
})
