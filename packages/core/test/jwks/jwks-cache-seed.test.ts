import { describe, expect, it } from 'vitest'
import { createStytchVerifier } from '../../src/index.js'
import { cacheUnderTest, mockJwksEndpoint } from './cache-harness.js'
import { ecJwk, jwksDocument, keyA, keyB, privateJwk } from './jwks-fixtures.js'

const endpoint = mockJwksEndpoint()

// Cold starts (issue 14): a serverless isolate starts with an empty cache; `jwks.initial` seeds it from a store
// (Workers KV, the Cache API) and `snapshot()` gives what to store.
describe('createJwksCache: initial and snapshot', () => {
  it('serves a seeded key without any fetch while the seed is fresh', async () => {
    endpoint.serve(jwksDocument(keyA.jwk, keyB.jwk))
    const { cache, advance } = cacheUnderTest({ initial: jwksDocument(keyA.jwk) as never })
    expect(cache.peekKey(keyA.kid)?.jwk.n).toBe(keyA.jwk.n)
    advance(599)
    await expect(cache.getKey(keyA.kid)).resolves.toMatchObject({ kid: keyA.kid })
    expect(endpoint.hits).toBe(0)
    expect(cache.stats().fetches).toBe(0)
  })

  it('counts a snapshot from its fetchedAt: a stale seed is served once and refreshed in the background', async () => {
    endpoint.serve(jwksDocument(keyA.jwk, keyB.jwk))
    const probe = cacheUnderTest()
    const fetchedAt = probe.now() - 601_000
    const { cache, settled } = cacheUnderTest({ initial: { keys: [keyA.jwk], fetchedAt } })
    expect(cache.peekKey(keyA.kid)?.kid).toBe(keyA.kid)
    await settled()
    expect(endpoint.hits).toBe(1)
    // The refresh replaced the seed: the snapshot now holds both keys and the new fetch time.
    expect(cache.snapshot?.()).toEqual({ keys: [keyA.jwk, keyB.jwk], fetchedAt: probe.now() })
  })

  it('snapshot() is undefined before the first fetch, then the validated keys and their fetch time', async () => {
    endpoint.serve(jwksDocument(keyA.jwk))
    const { cache, advance, now } = cacheUnderTest()
    expect(cache.snapshot?.()).toBeUndefined()
    await cache.warm()
    const at = now()
    advance(10)
    const snapshot = cache.snapshot?.()
    expect(snapshot).toEqual({ keys: [keyA.jwk], fetchedAt: at })
    expect(Object.isFrozen(snapshot)).toBe(true)
    // What a snapshot holds seeds another cache (JSON round trip, as a KV store would keep it).
    const next = cacheUnderTest({ initial: JSON.parse(JSON.stringify(snapshot)) })
    expect(next.cache.peekKey(keyA.kid)?.kid).toBe(keyA.kid)
    expect(endpoint.hits).toBe(1)
  })

  it('checks the seed like a fetched document, naming the option', () => {
    const seed = (initial: unknown) => () => cacheUnderTest({ initial: initial as never })
    expect(seed({ keys: [] })).toThrow('m2m-guard: option "initial" must be a JWKS document')
    expect(seed({ keys: [ecJwk('jwk-test-ec')] })).toThrow('option "initial" must be')
    // A private key is never accepted, as in a fetched document.
    expect(seed({ keys: [privateJwk(keyA)] })).toThrow('option "initial" must be')
    expect(seed([keyA.jwk])).toThrow('option "initial" must be')
    expect(seed({ keys: [keyA.jwk], fetchedAt: '1' })).toThrow('option "initial.fetchedAt" must be')
    expect(seed({ keys: [keyA.jwk], fetchedAt: Date.now() + 86_400_000_000 })).toThrow('"initial.fetchedAt"')
    // Stytch's own document carries more members; they are allowed.
    expect(seed({ keys: [keyA.jwk], request_id: 'request-id-test-1', status_code: 200 })).not.toThrow()
  })

  it('reaches a Stytch verifier as jwks.initial, and verifier.jwks.snapshot() reads it back', () => {
    const verifier = createStytchVerifier({
      projectId: 'project-test-11111111-1111-4111-8111-111111111111',
      jwks: { initial: jwksDocument(keyA.jwk) as never },
    })
    expect(verifier.jwks.snapshot?.()?.keys).toEqual([keyA.jwk])
    expect(() =>
      createStytchVerifier({ projectId: 'project-test-1', jwks: { initial: { keys: 1 } as never } }),
    ).toThrow('option "jwks.initial" must be')
  })
})
