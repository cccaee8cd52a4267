import { HttpResponse } from 'msw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { JwksUnavailableError } from '../../src/errors/error-classes.js'
import { FetchJsonError } from '../../src/http/fetch-json-error.js'
import { createJwksCache } from '../../src/jwks/jwks-cache.js'
import { JwksFetchError } from '../../src/jwks/jwks-fetch-error.js'
import { cacheUnderTest, JWKS_URL, mockJwksEndpoint, rejectionOf } from './cache-harness.js'
import { jwksDocument, keyA, keyB, keyC } from './jwks-fixtures.js'

const endpoint = mockJwksEndpoint()
const down = (): void => {
  endpoint.reply = () => HttpResponse.json({ error: 'unavailable' }, { status: 503 })
}

async function expectUnavailable(promise: Promise<unknown>, retryAfter: number): Promise<void> {
  const error = await rejectionOf(promise)
  expect(error).toBeInstanceOf(JwksUnavailableError)
  expect(error).toMatchObject({ code: 'ERR_JWKS_UNAVAILABLE', status: 503, retryAfter })
  expect((error as unknown as JwksUnavailableError).headers['Retry-After']).toBe(String(retryAfter))
}

describe('createJwksCache: endpoint down before the first fetch', () => {
  it('fails every waiting lookup with JwksUnavailableError and keeps the cause out of the message', async () => {
    down()
    const { cache } = cacheUnderTest()
    const lookups = Array.from({ length: 10 }, () => cache.getKey(keyA.kid))
    for (const lookup of lookups) await expectUnavailable(lookup, 1)
    expect(endpoint.hits).toBe(1)
    const error = await rejectionOf(cache.getKey(keyA.kid))
    expect(error.cause).toBeInstanceOf(JwksFetchError)
    expect(error.cause).toMatchObject({ reason: 'status', status: 503 })
    expect((error.cause as JwksFetchError).cause).toBeInstanceOf(FetchJsonError)
    expect(String(error.message)).not.toContain('keys.example.test')
  })

  it('backs off 1, 2, 4, 8, 16 s, then every cooldown, never fetching per request', async () => {
    down()
    const { cache, advance, eventsOf } = cacheUnderTest({ cooldown: 30 })
    const waits: number[] = []
    for (let attempt = 0; attempt < 8; attempt++) {
      const error = await rejectionOf(cache.getKey(keyA.kid))
      const wait = eventsOf('fetch-failure').at(-1)?.retryInSeconds ?? 0
      expect(error).toMatchObject({ code: 'ERR_JWKS_UNAVAILABLE', retryAfter: wait })
      waits.push(wait)
      // Lookups inside the back-off fail fast, with the time left.
      for (let i = 0; i < 50; i++) await expect(cache.getKey(keyA.kid)).rejects.toBeInstanceOf(JwksUnavailableError)
      if (wait > 1) {
        advance(wait - 1)
        await expectUnavailable(cache.getKey(keyA.kid), 1)
        advance(1)
      } else advance(wait)
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 30, 30, 30])
    expect(endpoint.hits).toBe(8)
    expect(cache.stats()).toMatchObject({ fetches: 8, failures: 8 })
  })

  it('reports the remaining back-off in Retry-After', async () => {
    down()
    const { cache, advance } = cacheUnderTest({ cooldown: 30 })
    for (const wait of [1, 2, 4, 8]) {
      await rejectionOf(cache.getKey(keyA.kid))
      advance(wait)
    }
    await expectUnavailable(cache.getKey(keyA.kid), 16)
    advance(10.5)
    await expectUnavailable(cache.getKey(keyA.kid), 6)
  })

  it.each([
    [300, 60],
    [10, 10],
    [0.5, 1],
  ])('caps the back-off for a cooldown of %s s at %s s', async (cooldown, cap) => {
    down()
    const { cache, advance, eventsOf } = cacheUnderTest({ cooldown })
    for (let attempt = 0; attempt < 10; attempt++) {
      await rejectionOf(cache.getKey(keyA.kid))
      advance(eventsOf('fetch-failure').at(-1)?.retryInSeconds ?? 0)
    }
    expect(eventsOf('fetch-failure').at(-1)?.retryInSeconds).toBe(cap)
  })

  it('warm() rejects with JwksUnavailableError, and again without a fetch during the back-off', async () => {
    down()
    const { cache } = cacheUnderTest()
    await expectUnavailable(cache.warm(), 1)
    await expectUnavailable(cache.warm(), 1)
    expect(endpoint.hits).toBe(1)
  })

  it('recovers once the endpoint is back, and resets the back-off', async () => {
    down()
    const { cache, advance, eventsOf } = cacheUnderTest()
    await rejectionOf(cache.getKey(keyA.kid))
    advance(1)
    await rejectionOf(cache.getKey(keyA.kid))
    advance(2)
    endpoint.serve(jwksDocument(keyA.jwk))
    await expect(cache.getKey(keyA.kid)).resolves.toMatchObject({ kid: keyA.kid })
    down()
    advance(31)
    await rejectionOf(cache.getKey('unknown'))
    expect(eventsOf('fetch-failure').at(-1)?.retryInSeconds).toBe(1)
  })
})

describe('createJwksCache: endpoint down after a good fetch', () => {
  it('serves known keys from the last good set within staleIfError, counted, then refuses them', async () => {
    endpoint.serve(jwksDocument(keyA.jwk))
    const { cache, advance, settled, eventsOf } = cacheUnderTest({ cacheMaxAge: 600, staleIfError: 3600 })
    await cache.warm()
    const good = cache.peekKey(keyA.kid)
    down()
    // One lookup per second for the whole stale window: the endpoint sees one request per back-off, never one per
    // lookup, and every lookup is answered from the last good set.
    advance(600)
    let lookups = 0
    for (let second = 0; second < 3600; second++) {
      expect(cache.peekKey(keyA.kid)).toBe(good)
      await expect(cache.getKey(keyA.kid)).resolves.toBe(good)
      lookups += 2
      await settled()
      advance(1)
    }
    expect(endpoint.hits).toBeLessThanOrEqual(1 + 5 + Math.ceil(3600 / 30))
    expect(endpoint.hits).toBeGreaterThan(100)
    const stats = cache.stats()
    expect(stats.failures).toBe(endpoint.hits - 1)
    // Only the lookups made before the first refresh failed were not counted as stale.
    expect(stats.staleServed).toBeGreaterThanOrEqual(lookups - 2)
    expect(eventsOf('stale-served').at(-1)).toEqual({ type: 'stale-served', url: JWKS_URL, ageSeconds: 4199 })
    // Past cacheMaxAge + staleIfError the set is no longer used.
    expect(cache.peekKey(keyA.kid)).toBeUndefined()
    await expect(cache.getKey(keyA.kid)).rejects.toMatchObject({ code: 'ERR_JWKS_UNAVAILABLE', status: 503 })
  })

  it('answers a known key from the old set while a refresh is failing, without waiting on it', async () => {
    endpoint.serve(jwksDocument(keyA.jwk))
    const { cache, advance, settled } = cacheUnderTest()
    await cache.warm()
    down()
    const release = endpoint.hold()
    advance(700)
    await expect(cache.getKey(keyA.kid)).resolves.toMatchObject({ kid: keyA.kid })
    release()
    await settled()
    await expect(cache.getKey(keyA.kid)).resolves.toMatchObject({ kid: keyA.kid })
    expect(cache.stats()).toMatchObject({ failures: 1, staleServed: 1 })
  })

  it('with staleIfError false, refuses known keys as soon as a refresh past cacheMaxAge has failed', async () => {
    endpoint.serve(jwksDocument(keyA.jwk))
    const { cache, advance, settled } = cacheUnderTest({ staleIfError: false })
    await cache.warm()
    down()
    advance(600)
    // The refresh has only started: the set bridges it.
    expect(cache.peekKey(keyA.kid)?.kid).toBe(keyA.kid)
    await settled()
    expect(cache.peekKey(keyA.kid)).toBeUndefined()
    await expectUnavailable(cache.getKey(keyA.kid), 1)
    expect(cache.stats().staleServed).toBe(0)
  })

  it('with staleIfError 0, behaves like staleIfError false', async () => {
    endpoint.serve(jwksDocument(keyA.jwk))
    const { cache, advance, settled } = cacheUnderTest({ staleIfError: 0 })
    await cache.warm()
    down()
    advance(600)
    cache.peekKey(keyA.kid)
    await settled()
    expect(cache.peekKey(keyA.kid)).toBeUndefined()
  })

  it('keeps serving a fresh set whose refresh failed early, without counting it stale', async () => {
    endpoint.serve(jwksDocument(keyA.jwk))
    const { cache, advance } = cacheUnderTest({ staleIfError: false })
    await cache.warm()
    down()
    advance(31)
    await expectUnavailable(cache.getKey('rotated-in'), 1)
    expect(cache.peekKey(keyA.kid)?.kid).toBe(keyA.kid)
    expect(cache.stats().staleServed).toBe(0)
  })

  it('reports an unknown kid as unavailable (not as unknown) after a failed refetch', async () => {
    endpoint.serve(jwksDocument(keyA.jwk))
    const { cache, advance } = cacheUnderTest({ cooldown: 30 })
    await cache.warm()
    down()
    advance(30)
    await expectUnavailable(cache.getKey('rotated-in'), 1)
    // Within the cooldown: no fetch, still unavailable, with the cooldown's remaining time.
    advance(5)
    await expectUnavailable(cache.getKey('rotated-in'), 25)
    expect(endpoint.hits).toBe(2)
    expect(cache.stats().cooldownHits).toBe(1)
  })

  it('does not let a set older than the stale window bridge a refresh', async () => {
    endpoint.serve(jwksDocument(keyA.jwk))
    const { cache, advance } = cacheUnderTest({ cacheMaxAge: 600, staleIfError: 3600 })
    await cache.warm()
    advance(600 + 3600)
    const release = endpoint.hold()
    expect(cache.peekKey(keyA.kid)).toBeUndefined()
    const lookup = cache.getKey(keyA.kid)
    release()
    await expect(lookup).resolves.toMatchObject({ kid: keyA.kid })
    expect(endpoint.hits).toBe(2)
  })
})

describe('createJwksCache: response ordering', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('never lets a response that lands late replace a newer set', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    let now = 0
    const late: { resolve?: (response: Response) => void } = {}
    const responses = [
      () => Promise.resolve(HttpResponse.json(jwksDocument(keyA.jwk))),
      // Ignores the abort signal and answers long after the timeout, with an older set.
      () =>
        new Promise<Response>((resolve) => {
          late.resolve = resolve
        }),
      () => Promise.resolve(HttpResponse.json(jwksDocument(keyC.jwk))),
    ]
    const fetchStub = vi.fn(() => (responses.shift() ?? (() => Promise.reject(new Error('extra fetch'))))())
    const cache = createJwksCache({
      url: JWKS_URL,
      fetch: fetchStub as unknown as typeof fetch,
      clock: () => now,
      timeout: 5,
    })
    await cache.warm()
    now += 600_000
    cache.peekKey(keyA.kid)
    await vi.advanceTimersByTimeAsync(5000)
    expect(cache.stats().failures).toBe(1)
    now += 1000
    cache.peekKey(keyA.kid)
    await vi.waitFor(() => expect(cache.peekKey(keyC.kid)?.kid).toBe(keyC.kid))
    late.resolve?.(HttpResponse.json(jwksDocument(keyB.jwk)))
    await vi.advanceTimersByTimeAsync(0)
    expect(cache.peekKey(keyB.kid)).toBeUndefined()
    expect(cache.peekKey(keyA.kid)).toBeUndefined()
    expect(cache.peekKey(keyC.kid)?.kid).toBe(keyC.kid)
    expect(fetchStub).toHaveBeenCalledTimes(3)
  })
})
