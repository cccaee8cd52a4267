import { describe, expect, it } from 'vitest'
import { useKeys, useScenarios } from './jwks-scenario.js'

const MAX_AGE_S = 600
const COOLDOWN_S = 30

const keys = useKeys(['a', 'b', 'c'])
const start = useScenarios()

describe('a key removed from the JWKS', () => {
  it('is refused after the next successful max-age refresh, although its token was in the verified-token cache', async () => {
    const s = await start()
    s.publish([keys.a, keys.b])
    const tokenB = s.token(keys.b)
    expect((await s.verify(tokenB)).status).toBe(200)
    expect((await s.verify(tokenB)).status).toBe(200) // now served from the token cache
    s.publish([keys.a])
    s.advance(MAX_AGE_S)
    // This request starts the refresh and is answered from the set it had: it does not wait.
    expect((await s.verify(tokenB)).status).toBe(200)
    await s.settle()
    expect(s.events.some((e) => e.type === 'key-removed' && e.kid === keys.b.kid)).toBe(true)
    expect(await s.verify(tokenB)).toMatchObject({ status: 401, code: 'ERR_TOKEN_KEY_NOT_FOUND' })
    expect((await s.verify(s.token(keys.a))).status).toBe(200)
  })

  it('is refused at once when an unknown-kid refetch brings a set without it', async () => {
    const s = await start()
    s.publish([keys.a, keys.b])
    const tokenB = s.token(keys.b)
    expect((await s.verify(tokenB)).status).toBe(200)
    s.publish([keys.a, keys.c])
    s.advance(COOLDOWN_S)
    expect((await s.verify(s.token(keys.c))).status).toBe(200)
    expect(await s.verify(tokenB)).toMatchObject({ status: 401, code: 'ERR_TOKEN_KEY_NOT_FOUND' })
    expect(s.server.hits).toBe(2)
  })

  it('is refused when its kid now names other key material, cached token or not', async () => {
    const s = await start()
    s.publish([keys.a, keys.b])
    const tokenB = s.token(keys.b)
    expect((await s.verify(tokenB)).status).toBe(200)
    // Same kid, another modulus: the cached verification must not survive the swap.
    s.publish([keys.a, { ...keys.c, kid: keys.b.kid, jwk: { ...keys.c.jwk, kid: keys.b.kid } }])
    s.advance(MAX_AGE_S)
    await s.verify(s.token(keys.a))
    await s.settle()
    expect(await s.verify(tokenB)).toMatchObject({ status: 401, code: 'ERR_TOKEN_SIGNATURE' })
    expect((await s.verify(s.token({ ...keys.c, kid: keys.b.kid }))).status).toBe(200)
  })
})
