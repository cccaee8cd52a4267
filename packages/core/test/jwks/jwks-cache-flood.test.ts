import { describe, expect, it } from 'vitest'
import type { JwksCacheOptions } from '../../src/jwks/jwks-cache.js'
import type { JwksSource } from '../../src/jwks/jwks-source.js'
import { serveJson, useLoopbackServer } from '../http/loopback-server.js'
import { type CacheUnderTest, cacheUnderTest } from './cache-harness.js'
import { jwksDocument, keyA, keyB } from './jwks-fixtures.js'

// Unknown-kid floods against a real loopback server that counts requests.

const server = useLoopbackServer()

/** A cache on the loopback server, with an injected clock. */
function harness(options: Partial<JwksCacheOptions>): CacheUnderTest {
  return cacheUnderTest({ url: `${server().origin}/jwks`, ...options })
}

/** `count` lookups of distinct attacker kids, all at once. */
function flood(cache: JwksSource, count: number, offset: number): Promise<unknown[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => cache.getKey(`attacker-${offset + i}`)))
}

/**
 * Number of entries reachable from the cache's own state: properties, Map and Set entries, array items. Promises,
 * URLs and functions are opaque. Anything kept per attacker kid would show up here.
 */
function footprint(root: unknown): number {
  const seen = new Set<object>()
  let count = 0
  const visit = (value: unknown): void => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return
    seen.add(value)
    if (value instanceof Promise || value instanceof URL) return
    const children =
      value instanceof Map
        ? [...value.keys(), ...value.values()]
        : value instanceof Set
          ? [...value]
          : Object.values(value)
    count += children.length
    for (const child of children) visit(child)
  }
  visit(root)
  return count
}

describe('unknown-kid flood', () => {
  it('makes at most one request per cooldown for 10,000 unknown kids while the known key keeps resolving', async () => {
    server().handle = serveJson(jwksDocument(keyA.jwk))
    const { cache, advance, settled } = harness({ cooldown: 30, cacheMaxAge: 600 })
    await cache.warm()
    const known = cache.peekKey(keyA.kid)
    // 100 bursts of 100 distinct kids, one burst every 3 s: 300 s, 10 cooldowns.
    for (let burst = 0; burst < 100; burst++) {
      const [results, key] = await Promise.all([flood(cache, 100, burst * 100), cache.getKey(keyA.kid)])
      expect(results.every((result) => result === undefined)).toBe(true)
      expect(key).toBe(known)
      expect(cache.peekKey(keyA.kid)).toBe(known)
      await settled()
      advance(3)
    }
    expect(server().hits).toBeLessThanOrEqual(1 + 10)
    const stats = cache.stats()
    expect(stats.fetches).toBe(server().hits)
    expect(stats.cooldownHits).toBeGreaterThanOrEqual(10_000 - 100 * (server().hits - 1))
  })

  it('never starves the background refresh of known keys: a removed key is refused within cacheMaxAge', async () => {
    server().handle = serveJson(jwksDocument(keyA.jwk, keyB.jwk))
    const { cache, advance, settled } = harness({ cooldown: 300, cacheMaxAge: 60 })
    await cache.warm()
    let retiredAt: number | undefined
    // 10,000 unknown kids over 600 s (100 every 6 s); keyA disappears from the set at 198 s.
    for (let step = 0; step < 100; step++) {
      const elapsed = step * 6
      if (elapsed === 198) server().handle = serveJson(jwksDocument(keyB.jwk))
      await Promise.all([flood(cache, 100, step * 100), cache.getKey(keyB.kid)])
      await settled()
      expect(cache.peekKey(keyB.kid)?.kid).toBe(keyB.kid)
      if (retiredAt === undefined && cache.peekKey(keyA.kid) === undefined) retiredAt = elapsed
      advance(6)
    }
    expect(retiredAt).toBeDefined()
    expect(retiredAt).toBeLessThanOrEqual(198 + 60 + 6)
    // One refresh per cacheMaxAge (600 s / 66 s per refresh cycle at 6 s steps), never one per lookup.
    expect(server().hits).toBeGreaterThanOrEqual(8)
    expect(server().hits).toBeLessThanOrEqual(1 + 11)
  })

  it('keeps nothing per attacker kid: the cache state does not grow with 10,000 distinct kids', async () => {
    server().handle = serveJson(jwksDocument(keyA.jwk, keyB.jwk))
    const { cache, advance, settled } = harness({ cooldown: 30 })
    await cache.warm()
    const before = footprint(cache)
    expect(before).toBeGreaterThan(10)
    for (let round = 0; round < 5; round++) {
      await flood(cache, 2_000, round * 2_000)
      for (let i = 0; i < 2_000; i++) cache.peekKey(`peeked-${round}-${i}`)
      await settled()
      advance(10)
    }
    expect(footprint(cache)).toBe(before)
    // Rounds at 0, 10, 20 and 40 s fell in a cooldown; the one at 30 s shared a single refetch.
    expect(cache.stats().cooldownHits).toBe(8_000)
    expect(server().hits).toBe(2)
  })
})
