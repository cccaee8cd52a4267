import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { useKeys, useScenarios } from './jwks-scenario.js'

const COOLDOWN_S = 30
const MAX_AGE_S = 600

const keys = useKeys(['a', 'b'])
const start = useScenarios()

describe('a flood of 10,000 requests with unknown kids', () => {
  it('causes at most one fetch per cooldown while known keys keep verifying and a new key is found', async () => {
    const s = await start()
    s.publish([keys.a])
    expect((await s.verify(s.token(keys.a))).status).toBe(200)
    const tokenA = s.token(keys.a)
    const statuses = { a: new Set<number>(), bLate: new Set<number>(), flood: new Set<string>() }
    const STEP_MS = 120 // 10,000 requests over 1,200 s: two max ages, forty cooldowns.
    let bPublishedAt = Number.POSITIVE_INFINITY
    for (let i = 0; i < 10_000; i++) {
      s.advance(STEP_MS / 1000)
      if (i === 2500) {
        s.publish([keys.a, keys.b])
        bPublishedAt = s.now
      }
      const flood = await s.verify(s.tokenForKid(`attacker-${i}`))
      statuses.flood.add(`${flood.status} ${flood.code}`)
      if (i % 50 === 0) statuses.a.add((await s.verify(tokenA)).status)
      // Once a cooldown has passed since B was published, the flood's own refetch has brought B in.
      if (i % 50 === 25 && s.now >= bPublishedAt + COOLDOWN_S * 1000)
        statuses.bLate.add((await s.verify(s.token(keys.b))).status)
      await s.settle()
    }
    expect(statuses.flood).toEqual(new Set(['401 ERR_TOKEN_KEY_NOT_FOUND']))
    expect(statuses.a).toEqual(new Set([200]))
    expect(statuses.bLate).toEqual(new Set([200]))
    const elapsed = s.hitTimes.at(-1)! - s.hitTimes[0]!
    expect(s.server.hits).toBeLessThanOrEqual(1 + Math.ceil(elapsed / (COOLDOWN_S * 1000)))
    // No two fetches closer than the cooldown.
    for (let i = 1; i < s.hitTimes.length; i++) {
      expect(s.hitTimes[i]! - s.hitTimes[i - 1]!).toBeGreaterThanOrEqual(COOLDOWN_S * 1000)
    }
    expect(s.verifier.jwks.stats().cooldownHits).toBeGreaterThan(9_000)
  })

  it('never starves the refresh of known keys: a key removed from the JWKS is refused within cacheMaxAge', async () => {
    // A long cooldown, so that only the max-age refresh can pick up the change.
    const s = await start({ jwks: { cooldown: 3600 } })
    s.publish([keys.a, keys.b])
    const tokenB = s.token(keys.b)
    expect((await s.verify(tokenB)).status).toBe(200)
    s.publish([keys.a])
    let refusedAt: number | undefined
    for (let i = 0; i < 10_000 && refusedAt === undefined; i++) {
      s.advance(0.12)
      await s.verify(s.tokenForKid(`attacker-${i}`))
      if (i % 10 === 0) {
        const outcome = await s.verify(tokenB)
        if (outcome.status !== 200) {
          expect(outcome.code).toBe('ERR_TOKEN_KEY_NOT_FOUND')
          refusedAt = s.now
        }
      }
      await s.settle()
    }
    expect(refusedAt).toBeDefined()
    // The refresh starts on the first lookup past cacheMaxAge; B is refused on the next check after it lands.
    expect(refusedAt! - s.hitTimes[0]!).toBeLessThanOrEqual((MAX_AGE_S + 2) * 1000)
    expect(s.server.hits).toBe(2)
  })
})

describe('memory under a flood of distinct unknown kids', () => {
  it('stays flat: 20,000 distinct 200-character kids leave nothing behind', async () => {
    setFlagsFromString('--expose-gc')
    const gc = runInNewContext('gc') as () => void
    const s = await start({ recordEvents: false })
    s.publish([keys.a])
    await s.verify(s.token(keys.a))
    const flood = async (from: number, count: number): Promise<void> => {
      for (let i = from; i < from + count; i++) await s.verify(s.tokenForKid(`${'k'.repeat(190)}-${i}`.slice(-200)))
    }
    await flood(0, 2_000) // warm-up: JIT, lazily built structures
    gc()
    const before = process.memoryUsage().heapUsed
    await flood(2_000, 20_000)
    gc()
    const grown = process.memoryUsage().heapUsed - before
    // Kept tokens or kids would take more than 20,000 × 200 bytes = 4 MB.
    expect(grown).toBeLessThan(2 * 1024 * 1024)
    expect(s.server.hits).toBe(1)
  })
})
