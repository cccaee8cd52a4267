import { describe, expect, it } from 'vitest'
import { type LoopbackHandler, sendJson } from '../support/loopback-server.js'
import { useKeys, useScenarios } from './jwks-scenario.js'

const MAX_AGE_S = 600
const STALE_IF_ERROR_S = 3600
const COOLDOWN_S = 30

const keys = useKeys(['a'])
const start = useScenarios()

const DOWN: Record<string, LoopbackHandler> = {
  'answers 500': (_req, res) => sendJson(res, { error: 'internal' }, 500),
  'answers 503 with Retry-After: 0': (_req, res) => sendJson(res, { error: 'down' }, 503, { 'retry-after': '0' }),
  'answers 429 with Retry-After: 0': (_req, res) => sendJson(res, { error: 'slow down' }, 429, { 'retry-after': '0' }),
  'drops the connection': (req) => req.socket.destroy(),
}

describe.each(Object.entries(DOWN))('the JWKS endpoint %s', (_name, down) => {
  it('is retried with back-off, never per request, while the last good keys are served within staleIfError', async () => {
    const s = await start()
    s.publish([keys.a])
    const token = s.token(keys.a)
    expect((await s.verify(token)).status).toBe(200)
    s.serve(down)
    // Past cacheMaxAge, one request every 5 s until the stale window closes: ~700 requests.
    s.advance(MAX_AGE_S)
    const served: number[] = []
    while (s.now < s.hitTimes[0]! + (MAX_AGE_S + STALE_IF_ERROR_S) * 1000 - 5000) {
      served.push((await s.verify(token)).status)
      await s.settle()
      s.advance(5)
    }
    expect(new Set(served)).toEqual(new Set([200]))
    const failures = s.hitTimes.slice(1)
    expect(failures.length).toBeLessThan(served.length / 4)
    // Back-off between attempts: 1, 2, 4, 8, 16 s, then the cooldown (30 s), never shorter.
    for (let i = 1; i < failures.length; i++) {
      const backoff = Math.min(2 ** (i - 1), COOLDOWN_S) * 1000
      expect(failures[i]! - failures[i - 1]!).toBeGreaterThanOrEqual(backoff)
    }
    expect(s.verifier.jwks.stats().staleServed).toBeGreaterThan(0)
  })

  it('answers 503 with Retry-After once staleIfError is over, for known and unknown kids alike, then recovers', async () => {
    const s = await start()
    s.publish([keys.a])
    const token = s.token(keys.a)
    await s.verify(token)
    s.serve(down)
    s.advance(MAX_AGE_S)
    await s.verify(token)
    await s.settle()
    s.advance(STALE_IF_ERROR_S)
    for (const candidate of [token, s.tokenForKid('rotated-in-during-the-outage')]) {
      const outcome = await s.verify(candidate)
      await s.settle()
      expect(outcome).toMatchObject({ status: 503, code: 'ERR_JWKS_UNAVAILABLE', wwwError: null })
      expect(outcome.error?.headers['Retry-After']).toMatch(/^[1-9]\d*$/)
    }
    // Back up: the next attempt after the back-off succeeds and the key verifies again.
    s.publish([keys.a])
    s.advance(COOLDOWN_S)
    expect((await s.verify(token)).status).toBe(200)
  })

  it('reports an unknown kid as 503, not 401, while the set may be outdated', async () => {
    const s = await start()
    s.publish([keys.a])
    await s.verify(s.token(keys.a))
    s.serve(down)
    s.advance(COOLDOWN_S)
    const first = await s.verify(s.tokenForKid('new-key'))
    const second = await s.verify(s.tokenForKid('another-new-key'))
    expect([first.code, second.code]).toEqual(['ERR_JWKS_UNAVAILABLE', 'ERR_JWKS_UNAVAILABLE'])
    expect(s.server.hits).toBe(2)
    expect((await s.verify(s.token(keys.a))).status).toBe(200)
  })
})
