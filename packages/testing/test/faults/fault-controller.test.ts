import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createTestIssuer, type TestIssuer } from '../../src/index.js'
import { api, json, requestToken, send } from '../support/requests.js'

let issuer: TestIssuer

beforeAll(async () => {
  issuer = await createTestIssuer()
})
afterEach(() => {
  issuer.faults.reset()
  vi.useRealTimers()
})

const jwks = (init: RequestInit = {}): Promise<Response> =>
  issuer.handle(new Request(`${issuer.baseUrl}/.well-known/jwks.json`, init))

describe('faults', () => {
  it('answers normally in mode ok', async () => {
    issuer.faults.jwks('ok')
    expect((await jwks()).status).toBe(200)
  })

  it('error: the given status (default 500) in Stytch’s error shape for the JWKS and the API', async () => {
    issuer.faults.jwks('error')
    const response = await jwks()
    expect(response.status).toBe(500)
    expect(await json(response)).toMatchObject({ status_code: 500, error_type: 'internal_server_error' })
    issuer.faults.api('error', { status: 503 })
    expect((await api(issuer, 'POST', '/v1/m2m/clients/search', {})).status).toBe(503)
  })

  it('error: the OAuth 2.0 shape at the token endpoint', async () => {
    issuer.faults.token('error', { status: 502 })
    const response = await requestToken(issuer, { grant_type: 'client_credentials' })
    expect(response.status).toBe(502)
    expect(await json(response)).toMatchObject({ status_code: 502, error: 'server_error' })
  })

  it('rate-limit: 429 with Retry-After', async () => {
    issuer.faults.token('rate-limit', { retryAfter: 7 })
    const response = await requestToken(issuer, { grant_type: 'client_credentials' })
    expect(response.status).toBe(429)
    expect(response.headers.get('retry-after')).toBe('7')
    expect((await json(response)).error).toBe('rate_limit_exceeded')
    issuer.faults.jwks('rate-limit')
    expect((await jwks()).headers.get('retry-after')).toBe('1')
  })

  it('network: a network-error response', async () => {
    issuer.faults.token('network')
    expect((await requestToken(issuer, { grant_type: 'client_credentials' })).type).toBe('error')
  })

  it('garbage: 200 JSON-typed, but not JSON', async () => {
    issuer.faults.jwks('garbage')
    const response = await jwks()
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/json')
    await expect(response.json()).rejects.toThrow(SyntaxError)
  })

  it('empty: a valid JWKS with no keys', async () => {
    issuer.faults.jwks('empty')
    expect((await json(await jwks())).keys).toEqual([])
  })

  it('slow: answers after the delay, driven by fake timers', async () => {
    vi.useFakeTimers()
    issuer.faults.jwks('slow', { delay: 5000 })
    let settled = false
    const pending = jwks().then((response) => {
      settled = true
      return response
    })
    await vi.advanceTimersByTimeAsync(4999)
    expect(settled).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect((await pending).status).toBe(200)
  })

  it('timeout: never answers until the request is aborted', async () => {
    issuer.faults.jwks('timeout')
    const controller = new AbortController()
    let settled = false
    const pending = jwks({ signal: controller.signal }).then((response) => {
      settled = true
      return response
    })
    await new Promise((resolve) => setImmediate(resolve))
    expect(settled).toBe(false)
    controller.abort()
    expect((await pending).type).toBe('error')
  })

  it('timeout: requests it holds fail when the faults are reset', async () => {
    issuer.faults.token('timeout')
    const pending = requestToken(issuer, { grant_type: 'client_credentials' })
    await new Promise((resolve) => setImmediate(resolve))
    issuer.faults.reset()
    expect((await pending).type).toBe('error')
  })

  it('slow: an abort during the delay ends the request with a network error', async () => {
    issuer.faults.jwks('slow', { delay: 60_000 })
    const controller = new AbortController()
    const pending = jwks({ signal: controller.signal })
    controller.abort()
    expect((await pending).type).toBe('error')
  })

  it('times: the fault applies to that many hits, then the endpoint recovers', async () => {
    issuer.faults.jwks('error', { times: 2 })
    expect((await jwks()).status).toBe(500)
    expect((await jwks()).status).toBe(500)
    expect((await jwks()).status).toBe(200)
  })

  it('affects only its own endpoint group', async () => {
    issuer.faults.jwks('error')
    expect((await requestToken(issuer, { grant_type: 'client_credentials' })).status).toBe(401)
    expect((await send(issuer, 'GET', `/v1/b2b/sessions/jwks/${issuer.projectId}`)).status).toBe(500)
  })

  it('reset: every endpoint answers normally again', async () => {
    issuer.faults.jwks('error')
    issuer.faults.token('network')
    issuer.faults.reset()
    expect((await jwks()).status).toBe(200)
    expect((await requestToken(issuer, { grant_type: 'client_credentials' })).status).toBe(401)
  })

  it.each([
    ['an unknown mode', () => issuer.faults.jwks('broken' as never)],
    ['empty outside the JWKS', () => issuer.faults.token('empty' as never)],
    ['a non-error status', () => issuer.faults.api('error', { status: 200 })],
    ['a negative delay', () => issuer.faults.jwks('slow', { delay: -1 })],
    ['a non-numeric times', () => issuer.faults.jwks('error', { times: Number.NaN })],
  ])('rejects %s with a TypeError', (_case, configure) => {
    expect(configure).toThrow(TypeError)
  })
})
