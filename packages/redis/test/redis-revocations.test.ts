import type { M2MAuth, RevocationEvent } from '@m2m-guard/core'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRevocationStore, redisRevocations } from '../src/index.js'
import { within } from './fixtures/fleet.js'
import { freePort, type RedisServer, startRedis } from './fixtures/redis-server.js'

const auth = (clientId: string, iat: number): M2MAuth =>
  ({ kind: 'm2m', clientId, claims: { sub: clientId, iat }, scopes: [] }) as unknown as M2MAuth

describe('redisRevocations', () => {
  let redis: RedisServer
  beforeAll(async () => {
    redis = await startRedis()
  }, 30_000)
  afterAll(async () => {
    await redis?.kill()
  })

  it('works on your own ioredis client and leaves it open on close()', async () => {
    const client = new Redis(redis.url)
    const events: RevocationEvent[] = []
    const source = redisRevocations({ client, onEvent: (event) => events.push(event) })
    await source.ready()
    expect(events.map((e) => e.type)).toContain('connect')
    const store = createRevocationStore({ client })
    const now = Math.floor(Date.now() / 1000)
    await store.revoke({ type: 'client', clientId: 'm2m-client-test-1', issuedBefore: now })
    await within('the rule arrives', 1000, () => source.check(auth('m2m-client-test-1', now), 'x.y.z'))
    expect(source.check(auth('m2m-client-test-1', now + 1), 'x.y.z')).toBe(false)
    expect(source.check(auth('m2m-client-test-2', now), 'x.y.z')).toBe(false)
    await source.close()
    await store.close()
    expect(await client.ping()).toBe('PONG')
    client.disconnect()
  })

  it('fails closed with 503 ERR_REVOCATIONS_UNAVAILABLE after failClosedAfter seconds without Redis', async () => {
    let now = 1_800_000_000_000
    const events: RevocationEvent[] = []
    const source = redisRevocations({
      url: `redis://127.0.0.1:${await freePort()}`,
      failClosedAfter: 30,
      clock: () => now,
      onEvent: (event) => events.push(event),
    })
    try {
      expect(source.check(auth('m2m-client-test-1', 1), 'x.y.z')).toBe(false) // never synced, not yet 30 s
      now += 30_000
      let error: unknown
      try {
        source.check(auth('m2m-client-test-1', 1), 'x.y.z')
      } catch (caught) {
        error = caught
      }
      expect(error).toMatchObject({ code: 'ERR_REVOCATIONS_UNAVAILABLE', status: 503, headers: { 'Retry-After': '1' } })
      expect(events).toContainEqual(expect.objectContaining({ type: 'stale', failClosed: true }))
    } finally {
      await source.close()
    }
  })
})
