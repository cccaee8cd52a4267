import { createTokenSource } from '@m2m-guard/client'
import { describe, expect, it } from 'vitest'
import { eventLog } from './helpers/events.js'
import { fakeStytch } from './helpers/fake-stytch.js'
import {
  CLIENT_ID,
  manualClock,
  oauthError,
  PROJECT_ID,
  SECRET,
  scriptedTokenEndpoint,
  tokenResponse,
  useMsw,
} from './helpers/token-endpoint.js'

const server = useMsw()

async function withIssuer(scopes = ['read:users', 'write:users']) {
  // The issuer shares the clock: tokens minted in the same second are identical, as iat is in seconds.
  const clock = manualClock()
  return { ...(await fakeStytch(server, { scopes, clock: clock.now, source: { clock: clock.now } })), clock }
}

/** A source against the scripted endpoint, with retries off so failures surface at once. */
function scripted(answers: Parameters<typeof scriptedTokenEndpoint>[1] = [], extra = {}) {
  const seen = scriptedTokenEndpoint(server, answers)
  const clock = manualClock()
  const log = eventLog()
  const tokens = createTokenSource({
    projectId: PROJECT_ID,
    clientId: CLIENT_ID,
    clientSecret: SECRET,
    clock: clock.now,
    onEvent: log.onEvent,
    retry: { maxAttempts: 1 },
    ...extra,
  })
  return { seen, tokens, clock, log }
}

describe('caching', () => {
  it('requests a token once and serves it from the cache afterwards', async () => {
    const { issuer, tokens, clock } = await withIssuer()
    const first = await tokens.getToken()
    clock.advance(3000)
    expect(await tokens.getToken()).toBe(first)
    expect(await tokens.authorizationHeader()).toBe(`Bearer ${first}`)
    expect(issuer.counters.token).toBe(1)
  })

  it('shares one token request among 100 concurrent callers', async () => {
    const { issuer, tokens } = await withIssuer()
    const results = await Promise.all(Array.from({ length: 100 }, () => tokens.getToken()))
    expect(issuer.counters.token).toBe(1)
    expect(new Set(results).size).toBe(1)
  })

  it('rejects every concurrent caller with the one error of the shared request', async () => {
    const { seen, tokens } = scripted([oauthError(401, 'invalid_client')])
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => tokens.getToken()))
    expect(seen).toHaveLength(1)
    for (const result of results) {
      expect(result).toMatchObject({ status: 'rejected', reason: { code: 'ERR_TOKEN_REQUEST_REJECTED' } })
    }
  })

  it('keeps one cache entry per sorted scope set', async () => {
    const { issuer, tokens } = await withIssuer()
    const narrow = await tokens.getToken({ scopes: ['write:users', 'read:users'] })
    expect(await tokens.getToken({ scopes: ['read:users', 'write:users', 'read:users'] })).toBe(narrow)
    expect(issuer.counters.token).toBe(1)
    expect(await tokens.getToken({ scopes: ['read:users'] })).not.toBe(narrow)
    expect(issuer.counters.token).toBe(2)
    await tokens.getToken()
    expect(issuer.counters.token).toBe(3)
  })

  it('sends the sorted, space-joined scopes, and none when no scopes are configured', async () => {
    const { seen, tokens } = scripted([], { scopes: ['write:users', 'read:users'] })
    await tokens.getToken()
    await tokens.getToken({ scopes: [] })
    expect(seen.map((request) => request.form.get('scope'))).toEqual(['read:users write:users', null])
  })

  it('requests a new token after invalidate()', async () => {
    const { issuer, tokens, clock } = await withIssuer()
    const first = await tokens.getToken()
    clock.advance(1)
    tokens.invalidate()
    expect(await tokens.getToken()).not.toBe(first)
    expect(issuer.counters.token).toBe(2)
  })

  it('does not cache a failed request: the next call tries again', async () => {
    const { seen, tokens } = scripted([oauthError(400, 'invalid_scope'), tokenResponse('good')])
    await expect(tokens.getToken()).rejects.toMatchObject({ code: 'ERR_TOKEN_REQUEST_REJECTED' })
    expect(await tokens.getToken()).toBe('good')
    expect(seen).toHaveLength(2)
  })

  it('rejects a caller whose signal is already aborted, and still caches the token it started', async () => {
    const { seen, tokens } = scripted([tokenResponse('ok')])
    const reason = new Error('already aborted')
    await expect(tokens.getToken({ signal: AbortSignal.abort(reason) })).rejects.toBe(reason)
    expect(await tokens.getToken()).toBe('ok')
    expect(seen).toHaveLength(1)
  })

  it('lets an aborted caller stop waiting while the shared request completes for the others', async () => {
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    const { seen, tokens } = scripted([
      async () => {
        await gate
        return tokenResponse('shared')
      },
    ])
    const controller = new AbortController()
    const aborted = tokens.getToken({ signal: controller.signal })
    const patient = tokens.getToken()
    controller.abort(new Error('caller gave up'))
    await expect(aborted).rejects.toThrow('caller gave up')
    release()
    expect(await patient).toBe('shared')
    expect(seen).toHaveLength(1)
  })
})

describe('refresh ahead of expiry', () => {
  it('refreshes a 1 h token in the background 5 minutes before expiry and serves the cached one meanwhile', async () => {
    const { issuer, tokens, clock, log } = await withIssuer()
    const first = await tokens.getToken()
    clock.advance(3299)
    expect(await tokens.getToken()).toBe(first)
    expect(issuer.counters.token).toBe(1)

    clock.advance(2)
    const issued = log.next('token-issued')
    expect(await tokens.getToken()).toBe(first)
    expect(await issued).toMatchObject({ background: true, expiresIn: 3600 })
    expect(issuer.counters.token).toBe(2)
    const second = await tokens.getToken()
    expect(second).not.toBe(first)
    expect(issuer.counters.token).toBe(2)
  })

  it('starts one background refresh however many callers arrive inside the margin', async () => {
    const { issuer, tokens, clock, log } = await withIssuer()
    await tokens.getToken()
    clock.advance(3400)
    const issued = log.next('token-issued')
    await Promise.all(Array.from({ length: 50 }, () => tokens.getToken()))
    await issued
    expect(issuer.counters.token).toBe(2)
  })

  it('uses half the lifetime as margin for tokens shorter than 10 minutes', async () => {
    const { seen, tokens, clock, log } = scripted([tokenResponse('short', 120), tokenResponse('next', 120)])
    await tokens.getToken()
    clock.advance(59)
    await tokens.getToken()
    expect(seen).toHaveLength(1)
    clock.advance(2)
    const issued = log.next('token-issued')
    expect(await tokens.getToken()).toBe('short')
    await issued
    expect(await tokens.getToken()).toBe('next')
  })

  it('honours a configured refreshMargin', async () => {
    const { seen, tokens, clock, log } = scripted([], { refreshMargin: 60 })
    await tokens.getToken()
    clock.advance(3539)
    await tokens.getToken()
    expect(seen).toHaveLength(1)
    clock.advance(2)
    const issued = log.next('token-issued')
    expect(await tokens.getToken()).toBe('tok-1')
    await issued
    expect(seen).toHaveLength(2)
  })

  it('never hands out a token inside the expiry leeway: callers wait for a new one', async () => {
    const { seen, tokens, clock } = scripted([tokenResponse('old'), tokenResponse('new')], { refreshMargin: 0 })
    await tokens.getToken()
    clock.advance(3600 - 31)
    expect(await tokens.getToken()).toBe('old')
    clock.advance(2)
    expect(await tokens.getToken()).toBe('new')
    expect(seen).toHaveLength(2)
  })

  it('never hands out an expired token when the refresh fails: the error reaches the caller', async () => {
    const { tokens, clock } = scripted([tokenResponse('old'), oauthError(503, 'temporarily_unavailable')])
    await tokens.getToken()
    clock.advance(3600)
    await expect(tokens.getToken()).rejects.toMatchObject({ code: 'ERR_TOKEN_REQUEST_FAILED', responseStatus: 503 })
  })

  it('keeps serving the cached token when a background refresh fails, and retries it 30 s later', async () => {
    const { seen, tokens, clock, log } = scripted([
      tokenResponse('old'),
      oauthError(500, 'server_error'),
      tokenResponse('new'),
    ])
    await tokens.getToken()
    clock.advance(3400)
    const failed = log.next('token-request-failed')
    expect(await tokens.getToken()).toBe('old')
    expect(await failed).toMatchObject({ background: true, error: { code: 'ERR_TOKEN_REQUEST_FAILED' } })

    clock.advance(29)
    expect(await tokens.getToken()).toBe('old')
    expect(seen).toHaveLength(2)

    clock.advance(2)
    const issued = log.next('token-issued')
    expect(await tokens.getToken()).toBe('old')
    await issued
    expect(await tokens.getToken()).toBe('new')
    expect(seen).toHaveLength(3)
  })

  it('keeps serving the cached token when a background refresh is rejected (revoked secret)', async () => {
    const { tokens, clock, log } = scripted([tokenResponse('old'), oauthError(401, 'invalid_client')])
    await tokens.getToken()
    clock.advance(3400)
    const failed = log.next('token-request-failed')
    expect(await tokens.getToken()).toBe('old')
    expect((await failed).error).toMatchObject({ code: 'ERR_TOKEN_REQUEST_REJECTED', error: 'invalid_client' })
    expect(await tokens.getToken()).toBe('old')
    clock.advance(200)
    await expect(tokens.getToken()).rejects.toMatchObject({ code: 'ERR_TOKEN_REQUEST_REJECTED' })
  })

  it('counts the lifetime from when the request was sent, not when the answer arrived', async () => {
    const clock = manualClock()
    const seen = scriptedTokenEndpoint(server, [
      () => {
        clock.advance(20) // a slow answer
        return tokenResponse('slow')
      },
      tokenResponse('next'),
    ])
    const tokens = createTokenSource({
      projectId: PROJECT_ID,
      clientId: CLIENT_ID,
      clientSecret: SECRET,
      clock: clock.now,
      refreshMargin: 0,
    })
    await tokens.getToken()
    clock.advance(3600 - 20 - 31)
    expect(await tokens.getToken()).toBe('slow')
    clock.advance(2)
    expect(await tokens.getToken()).toBe('next')
    expect(seen).toHaveLength(2)
  })
})
