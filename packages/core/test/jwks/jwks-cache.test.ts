import { HttpResponse } from 'msw'
import { describe, expect, it, vi } from 'vitest'
import { createJwksCache } from '../../src/jwks/jwks-cache.js'
import type { JwksEvent } from '../../src/jwks/jwks-source.js'
import { cacheUnderTest, JWKS_URL, mockJwksEndpoint } from './cache-harness.js'
import { jwksDocument, keyA, keyB, keyC } from './jwks-fixtures.js'

const endpoint = mockJwksEndpoint()

describe('createJwksCache: first fetch', () => {
  it('fetches nothing before the first lookup, and peekKey never fetches a cold cache', async () => {
    endpoint.serve(jwksDocument(keyA.jwk))
    const { cache } = cacheUnderTest()
    expect(cache.peekKey(keyA.kid)).toBeUndefined()
    await Promise.resolve()
    expect(endpoint.hits).toBe(0)
    expect(cache.stats().fetches).toBe(0)
  })

  it('shares one fetch between 50 concurrent cold lookups, which all get the same key object', async () => {
    endpoint.serve(jwksDocument(keyA.jwk, keyB.jwk))
    const release = endpoint.hold()
    const { cache } = cacheUnderTest()
    const lookups = Array.from({ length: 50 }, (_, i) => cache.getKey(i % 2 === 0 ? keyA.kid : keyB.kid))
    await vi.waitFor(() => expect(endpoint.hits).toBe(1))
    release()
    const keys = await Promise.all(lookups)
    expect(endpoint.hits).toBe(1)
    expect(new Set(keys).size).toBe(2)
    expect(keys[0]).toMatchObject({ kid: keyA.kid, jwk: { n: keyA.jwk.n, e: keyA.jwk.e } })
    expect(cache.stats()).toEqual({ fetches: 1, failures: 0, staleServed: 0, cooldownHits: 0 })
  })

  it('warm() fetches ahead, after which lookups are answered without a fetch', async () => {
    endpoint.serve(jwksDocument(keyA.jwk))
    const { cache, advance } = cacheUnderTest()
    await cache.warm()
    expect(endpoint.hits).toBe(1)
    advance(599)
    expect(cache.peekKey(keyA.kid)?.kid).toBe(keyA.kid)
    await expect(cache.getKey(keyA.kid)).resolves.toBe(cache.peekKey(keyA.kid))
    await cache.warm()
    expect(endpoint.hits).toBe(1)
  })

  it('warm() joins a fetch that is already running', async () => {
    endpoint.serve(jwksDocument(keyA.jwk))
    const release = endpoint.hold()
    const { cache } = cacheUnderTest()
    const lookup = cache.getKey(keyA.kid)
    const warming = cache.warm()
    release()
    await Promise.all([lookup, warming])
    expect(endpoint.hits).toBe(1)
  })

  it('answers an unknown kid after the first fetch with undefined', async () => {
    endpoint.serve(jwksDocument(keyA.jwk))
    const { cache } = cacheUnderTest()
    await expect(cache.getKey('jwk-test-unknown')).resolves.toBeUndefined()
    expect(endpoint.hits).toBe(1)
  })

  it('looks up the global fetch at request time, so a fetch patched after creation is used', async () => {
    const { cache } = cacheUnderTest()
    const patched = vi.fn(async () => HttpResponse.json(jwksDocument(keyC.jwk)))
    vi.stubGlobal('fetch', patched)
    await expect(cache.getKey(keyC.kid)).resolves.toMatchObject({ kid: keyC.kid })
    expect(patched).toHaveBeenCalledTimes(1)
    expect(endpoint.hits).toBe(0)
  })

  it('uses an injected fetch', async () => {
    const injected = vi.fn(async () => HttpResponse.json(jwksDocument(keyB.jwk)))
    const cache = createJwksCache({ url: JWKS_URL, fetch: injected as unknown as typeof fetch })
    await expect(cache.getKey(keyB.kid)).resolves.toMatchObject({ kid: keyB.kid })
    expect(injected).toHaveBeenCalledTimes(1)
    expect(String((injected.mock.calls[0] as unknown[])[0])).toBe(JWKS_URL)
  })
})

describe('createJwksCache: background refresh', () => {
  it('answers a known kid at once when the set is old and starts exactly one background refresh', async () => {
    endpoint.serve(jwksDocument(keyA.jwk))
    const { cache, advance, settled } = cacheUnderTest()
    await cache.warm()
    const first = cache.peekKey(keyA.kid)
    advance(600)
    const release = endpoint.hold()
    expect(cache.peekKey(keyA.kid)).toBe(first)
    await expect(cache.getKey(keyA.kid)).resolves.toBe(first)
    for (let i = 0; i < 100; i++) cache.peekKey(keyA.kid)
    await vi.waitFor(() => expect(endpoint.hits).toBe(2))
    release()
    await settled()
    expect(endpoint.hits).toBe(2)
    expect(cache.stats()).toMatchObject({ fetches: 2, staleServed: 0 })
  })

  it('does not refresh a set younger than cacheMaxAge', async () => {
    endpoint.serve(jwksDocument(keyA.jwk))
    const { cache, advance } = cacheUnderTest({ cacheMaxAge: 60 })
    await cache.warm()
    advance(59.999)
    cache.peekKey(keyA.kid)
    await cache.getKey(keyA.kid)
    expect(endpoint.hits).toBe(1)
  })

  it('keeps the same key object for a key whose n, e and alg did not change', async () => {
    endpoint.serve(jwksDocument(keyA.jwk, keyB.jwk))
    const { cache, advance, settled } = cacheUnderTest()
    await cache.warm()
    const a = cache.peekKey(keyA.kid)
    const b = cache.peekKey(keyB.kid)
    endpoint.serve(jwksDocument(keyC.jwk, { ...keyB.jwk, use: undefined }, keyA.jwk))
    advance(600)
    cache.peekKey(keyA.kid)
    await settled()
    advance(1)
    expect(cache.peekKey(keyA.kid)).toBe(a)
    expect(cache.peekKey(keyB.kid)).toBe(b)
    expect(cache.peekKey(keyC.kid)?.kid).toBe(keyC.kid)
  })

  it.each([
    ['n', { n: keyB.jwk.n }],
    ['e', { e: 'Aw' }],
    ['alg', { alg: undefined }],
  ])('hands out a new key object when %s changes under the same kid', async (_member, change) => {
    endpoint.serve(jwksDocument(keyA.jwk))
    const { cache, advance, settled } = cacheUnderTest()
    await cache.warm()
    const before = cache.peekKey(keyA.kid)
    endpoint.serve(jwksDocument({ ...keyA.jwk, ...change }))
    advance(600)
    cache.peekKey(keyA.kid)
    await settled()
    const after = cache.peekKey(keyA.kid)
    expect(after).toBeDefined()
    expect(after).not.toBe(before)
    const expected = { ...keyA.jwk, ...change }
    expect([after?.jwk.n, after?.jwk.e, after?.jwk.alg]).toEqual([expected.n, expected.e, expected.alg])
  })

  it('retires a kid the refreshed set no longer lists at once, and reports it', async () => {
    endpoint.serve(jwksDocument(keyA.jwk, keyB.jwk))
    const { cache, advance, settled, eventsOf } = cacheUnderTest()
    await cache.warm()
    endpoint.serve(jwksDocument(keyA.jwk))
    advance(600)
    expect(cache.peekKey(keyB.kid)?.kid).toBe(keyB.kid)
    await settled()
    expect(cache.peekKey(keyB.kid)).toBeUndefined()
    await expect(cache.getKey(keyB.kid)).resolves.toBeUndefined()
    expect(eventsOf('key-removed')).toEqual([{ type: 'key-removed', url: JWKS_URL, kid: keyB.kid }])
    expect(endpoint.hits).toBe(2)
  })

  it('hands out frozen keys', async () => {
    endpoint.serve(jwksDocument(keyA.jwk))
    const { cache } = cacheUnderTest()
    const key = await cache.getKey(keyA.kid)
    expect(Object.isFrozen(key)).toBe(true)
    expect(Object.isFrozen(key?.jwk)).toBe(true)
  })
})

describe('createJwksCache: unknown kid', () => {
  it('refetches for an unknown kid once the cooldown is over and finds a rotated-in key', async () => {
    endpoint.serve(jwksDocument(keyA.jwk))
    const { cache, advance } = cacheUnderTest({ cooldown: 30 })
    await cache.warm()
    endpoint.serve(jwksDocument(keyA.jwk, keyB.jwk))
    advance(30)
    await expect(cache.getKey(keyB.kid)).resolves.toMatchObject({ kid: keyB.kid })
    expect(endpoint.hits).toBe(2)
  })

  it('answers unknown kids within the cooldown with undefined, without a fetch, counting each', async () => {
    endpoint.serve(jwksDocument(keyA.jwk))
    const { cache, advance, eventsOf } = cacheUnderTest({ cooldown: 30 })
    await cache.warm()
    advance(29.999)
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => cache.getKey(`attacker-${i}`)))
    expect(results.every((key) => key === undefined)).toBe(true)
    expect(endpoint.hits).toBe(1)
    expect(cache.stats().cooldownHits).toBe(20)
    expect(eventsOf('cooldown-hit')[0]).toEqual({ type: 'cooldown-hit', url: JWKS_URL, kid: 'attacker-0' })
  })

  it('shares one refetch between all unknown-kid callers that arrive while it runs', async () => {
    endpoint.serve(jwksDocument(keyA.jwk))
    const { cache, advance } = cacheUnderTest()
    await cache.warm()
    endpoint.serve(jwksDocument(keyA.jwk, keyB.jwk))
    advance(31)
    const release = endpoint.hold()
    const lookups = Array.from({ length: 100 }, (_, i) => cache.getKey(i === 99 ? keyB.kid : `unknown-${i}`))
    await vi.waitFor(() => expect(endpoint.hits).toBe(2))
    release()
    const results = await Promise.all(lookups)
    expect(endpoint.hits).toBe(2)
    expect(results.at(-1)?.kid).toBe(keyB.kid)
    expect(cache.stats().cooldownHits).toBe(0)
  })

  it('measures the cooldown from the last fetch of any kind', async () => {
    endpoint.serve(jwksDocument(keyA.jwk))
    const { cache, advance, settled } = cacheUnderTest({ cacheMaxAge: 60, cooldown: 30 })
    await cache.warm()
    advance(60)
    cache.peekKey(keyA.kid)
    await settled()
    advance(29)
    await expect(cache.getKey('unknown')).resolves.toBeUndefined()
    expect(endpoint.hits).toBe(2)
  })

  it('truncates a huge kid in the cooldown event', async () => {
    endpoint.serve(jwksDocument(keyA.jwk))
    const { cache, eventsOf } = cacheUnderTest()
    await cache.warm()
    await cache.getKey('k'.repeat(10_000))
    expect(eventsOf('cooldown-hit')[0]?.kid).toHaveLength(256)
  })
})

describe('createJwksCache: events and stats', () => {
  it('reports fetch and fetch-success with the kids', async () => {
    endpoint.serve(jwksDocument(keyA.jwk, keyB.jwk))
    const { cache, events } = cacheUnderTest()
    await cache.warm()
    expect(events).toEqual([
      { type: 'fetch', url: JWKS_URL },
      { type: 'fetch-success', url: JWKS_URL, keys: 2, kids: [keyA.kid, keyB.kid] },
    ])
  })

  it('keeps working when the onEvent listener throws', async () => {
    endpoint.serve(jwksDocument(keyA.jwk))
    const onEvent = vi.fn(() => {
      throw new Error('logger down')
    })
    const cache = createJwksCache({ url: JWKS_URL, onEvent })
    await expect(cache.getKey(keyA.kid)).resolves.toMatchObject({ kid: keyA.kid })
    await expect(cache.getKey('unknown')).resolves.toBeUndefined()
    expect(onEvent).toHaveBeenCalledTimes(3)
  })

  it('keeps working, without an unhandled rejection, when an async listener rejects', async () => {
    endpoint.serve(jwksDocument(keyA.jwk))
    const unhandled = vi.fn()
    process.on('unhandledRejection', unhandled)
    try {
      const onEvent = vi.fn(async (_event: JwksEvent) => Promise.reject(new Error('logger down')))
      const cache = createJwksCache({ url: JWKS_URL, onEvent })
      await expect(cache.getKey(keyA.kid)).resolves.toMatchObject({ kid: keyA.kid })
      await new Promise((resolve) => setImmediate(resolve))
      expect(onEvent).toHaveBeenCalled()
      expect(unhandled).not.toHaveBeenCalled()
    } finally {
      process.off('unhandledRejection', unhandled)
    }
  })

  it('leaves no timer pending after fetches, refreshes and failures', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] })
    try {
      endpoint.serve(jwksDocument(keyA.jwk))
      // The endpoint answers in-process: Node's HTTP client keeps its own timer wheel running for pooled sockets
      // (msw 3 lets requests reach it, msw 2 did not), and only the cache's timers are under test here.
      const inProcess: typeof fetch = async () => endpoint.reply()
      const { cache, advance, settled } = cacheUnderTest({ fetch: inProcess })
      await cache.warm()
      advance(600)
      cache.peekKey(keyA.kid)
      await settled()
      endpoint.reply = () => HttpResponse.text('down', { status: 500 })
      advance(600)
      cache.peekKey(keyA.kid)
      await settled()
      expect(cache.stats()).toMatchObject({ fetches: 3, failures: 1 })
      expect(vi.getTimerCount()).toBe(0)
    } finally {
      vi.useRealTimers()
    }
  })

  it('returns a snapshot of the counters that callers cannot change', async () => {
    endpoint.serve(jwksDocument(keyA.jwk))
    const { cache } = cacheUnderTest()
    await cache.warm()
    const stats = cache.stats()
    stats.fetches = 99
    expect(cache.stats().fetches).toBe(1)
  })
})
