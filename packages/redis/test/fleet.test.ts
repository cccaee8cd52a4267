import { createTestIssuer, type RunningServer, type TestIssuer } from '@m2m-guard/testing'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRevocationStore, DEFAULT_CHANNEL, DEFAULT_KEY, type RevocationStore } from '../src/index.js'
import { type Instance, startInstance, within } from './fixtures/fleet.js'
import { type RedisServer, startRedis } from './fixtures/redis-server.js'
import { startProxy, type TcpProxy } from './fixtures/tcp-proxy.js'

const LEAKED = 'm2m-client-test-leaked'
const SECOND = 'm2m-client-test-second'
const THIRD = 'm2m-client-test-third'
const GOOD = 'm2m-client-test-good'
const nowSeconds = (): number => Math.floor(Date.now() / 1000)
const iso = (seconds: number): string => new Date(seconds * 1000).toISOString()

describe('a fleet of three API instances sharing one Redis', () => {
  let redis: RedisServer
  let issuer: TestIssuer
  let stytch: RunningServer
  let proxy: TcpProxy
  let store: RevocationStore
  let a: Instance
  let b: Instance
  /** Reaches Redis through a proxy the tests can cut; refuses every token after 2 s out of sync. */
  let c: Instance
  let fleet: Instance[]
  const tokens: Record<string, string> = {}

  const codes = async (token: string, instances = fleet) =>
    Promise.all(instances.map(async (instance) => (await instance.call(token)).code))
  const allRefuse =
    (token: string, instances = fleet) =>
    async () =>
      (await codes(token, instances)).every((code) => code === 'ERR_TOKEN_REVOKED')
  const eventsSince = (instance: Instance, from: number, type: string) =>
    instance.events.slice(from).filter((e) => e.type === type)

  beforeAll(async () => {
    redis = await startRedis()
    issuer = await createTestIssuer()
    stytch = await issuer.listen()
    proxy = await startProxy(redis.port)
    store = createRevocationStore({ url: redis.url })
    const env = { PROJECT_ID: issuer.projectId, BASE_URL: stytch.url }
    ;[a, b, c] = await Promise.all([
      startInstance('a', { ...env, REDIS_URL: redis.url }),
      startInstance('b', { ...env, REDIS_URL: redis.url }),
      startInstance('c', { ...env, REDIS_URL: proxy.url, FAIL_CLOSED_AFTER: '2' }),
    ])
    fleet = [a, b, c]
    for (const client of [LEAKED, SECOND, THIRD, GOOD]) tokens[client] = await issuer.mint({ clientId: client })
  }, 60_000)

  afterAll(async () => {
    for (const instance of fleet ?? []) instance.stop()
    await store?.close()
    await proxy?.close()
    await stytch?.close()
    await redis?.kill()
  })

  it('enforces a revocation on every instance within one second, cached tokens included; new tokens work', async () => {
    for (const token of Object.values(tokens))
      expect(await codes(token)).toEqual([expect.stringMatching(/^m2m-client/), expect.any(String), expect.any(String)])
    const cutoff = nowSeconds()
    const entry = await store.revoke({ type: 'client', clientId: LEAKED, issuedBefore: iso(cutoff), reason: 'leak' })
    expect(entry.id).toBe(`client:${LEAKED}@${cutoff}`)
    const took = await within('all three refuse the leaked token', 1000, allRefuse(tokens[LEAKED]!))
    expect(took).toBeLessThan(1000)
    const fresh = await issuer.mint({ clientId: LEAKED, iat: cutoff + 1 })
    expect(await codes(fresh)).toEqual([LEAKED, LEAKED, LEAKED])
    expect(await codes(tokens[GOOD]!)).toEqual([GOOD, GOOD, GOOD])
  })

  it('refuses malformed rules in Redis with an event naming them, and keeps serving', async () => {
    const raw = new Redis(redis.url)
    const from = fleet.map((instance) => instance.events.length)
    await raw.hset(
      DEFAULT_KEY,
      'client:typo',
      JSON.stringify({ type: 'client', clientID: GOOD, issuedBefore: iso(nowSeconds()) }),
    )
    await raw.publish(
      DEFAULT_CHANNEL,
      JSON.stringify({ op: 'set', id: 'client:typo', rule: { type: 'client', clientID: GOOD } }),
    )
    await raw.publish(DEFAULT_CHANNEL, '{"op":')
    await raw.hdel(DEFAULT_KEY, 'client:typo')
    raw.disconnect()
    await within('every instance reports the refused rule', 2000, () =>
      fleet.every((instance, i) =>
        eventsSince(instance, from[i]!, 'rule-refused').some((e) => 'id' in e && e.id === 'client:typo'),
      ),
    )
    await within('every instance reports the garbage message', 2000, () =>
      fleet.every((instance, i) => eventsSince(instance, from[i]!, 'error').length > 0),
    )
    expect(await codes(tokens[GOOD]!)).toEqual([GOOD, GOOD, GOOD])
    expect(await codes(tokens[LEAKED]!)).toEqual(['ERR_TOKEN_REVOKED', 'ERR_TOKEN_REVOKED', 'ERR_TOKEN_REVOKED'])
  })

  it('enforces a revocation published while one instance was cut off once it reconnects', async () => {
    const from = c.events.length
    proxy.cut()
    await within('c reports the disconnect', 2000, () => eventsSince(c, from, 'disconnect').length > 0)
    await store.revoke({ type: 'client', clientId: SECOND })
    await within('a and b refuse', 1000, allRefuse(tokens[SECOND]!, [a, b]))
    // c missed the update: it still serves its last snapshot (and is still inside its 2 s fail-closed window).
    expect((await c.call(tokens[SECOND]!)).code).toBe(SECOND)
    proxy.restore()
    await within('c refuses after reconnecting', 3000, allRefuse(tokens[SECOND]!, [c]))
    expect(eventsSince(c, from, 'connect').length).toBeGreaterThan(0)
  })

  it('refuses every token with 503 ERR_REVOCATIONS_UNAVAILABLE once out of sync for failClosedAfter, then recovers', async () => {
    const from = c.events.length
    proxy.cut()
    await within('c fails closed', 5000, async () => (await c.call(tokens[GOOD]!)).status === 503)
    expect(await c.call(tokens[GOOD]!)).toEqual({ status: 503, code: 'ERR_REVOCATIONS_UNAVAILABLE', retryAfter: '1' })
    expect(eventsSince(c, from, 'stale')).toContainEqual(expect.objectContaining({ failClosed: true }))
    expect(await codes(tokens[GOOD]!, [a, b])).toEqual([GOOD, GOOD])
    proxy.restore()
    await within('c serves again', 3000, async () => (await c.call(tokens[GOOD]!)).code === GOOD)
  })

  it('keeps serving from the last snapshot when Redis dies, and keeps its rules when Redis comes back empty', async () => {
    const from = fleet.map((instance) => instance.events.length)
    await redis.kill()
    await within('every instance reports the loss', 2000, () =>
      fleet.every((instance, i) => eventsSince(instance, from[i]!, 'disconnect').length > 0),
    )
    expect(await codes(tokens[GOOD]!, [a, b])).toEqual([GOOD, GOOD])
    expect(await codes(tokens[LEAKED]!, [a, b])).toEqual(['ERR_TOKEN_REVOKED', 'ERR_TOKEN_REVOKED'])
    await redis.restart()
    await within('every instance says the store came back empty', 5000, () =>
      fleet.every((instance, i) =>
        eventsSince(instance, from[i]!, 'store-empty').some((e) => 'kept' in e && e.kept >= 2),
      ),
    )
    await within('c is back in sync', 3000, async () => (await c.call(tokens[GOOD]!)).code === GOOD)
    expect(await codes(tokens[LEAKED]!)).toEqual(['ERR_TOKEN_REVOKED', 'ERR_TOKEN_REVOKED', 'ERR_TOKEN_REVOKED'])
    expect(await codes(tokens[SECOND]!)).toEqual(['ERR_TOKEN_REVOKED', 'ERR_TOKEN_REVOKED', 'ERR_TOKEN_REVOKED'])
    // Repopulated: the store is the truth again. The runbook re-adds what is still needed (here, only LEAKED).
    await store.close() // a writer gives up with its connection (as the one-shot CLI does); open a new one
    store = createRevocationStore({ url: redis.url })
    const { rules } = await store.list()
    expect(rules).toEqual([])
    await store.revoke({ type: 'client', clientId: LEAKED, issuedBefore: iso(nowSeconds() - 1) })
    await store.revoke({ type: 'client', clientId: THIRD })
    await within('the fleet follows the repopulated store', 2000, async () => {
      const [leaked, second, third] = await Promise.all([
        codes(tokens[LEAKED]!),
        codes(tokens[SECOND]!),
        codes(tokens[THIRD]!),
      ])
      return (
        leaked.every((code) => code === 'ERR_TOKEN_REVOKED') &&
        second.every((code) => code === SECOND) &&
        third.every((code) => code === 'ERR_TOKEN_REVOKED')
      )
    })
  })
})
