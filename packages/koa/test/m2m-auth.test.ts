import { InvalidTokenError, type Verifier } from '@m2m-guard/core'
import type { Middleware } from 'koa'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { m2mAuth } from '../src/index.js'
import { capture, type FakeStytch, fakeStytch, get } from './helpers/fake-stytch.js'

let stytch: FakeStytch
beforeAll(async () => {
  stytch = await fakeStytch()
})
afterAll(() => stytch.close())

describe('m2mAuth (Koa)', () => {
  it('stores the verified caller on ctx.state.m2m for the next middleware', async () => {
    const token = await stytch.issuer.mint({ clientId: 'm2m-client-test-k', scopes: ['read:users'] })
    const { res, handled } = await get([m2mAuth(stytch.stytch)], `Bearer ${token}`)
    expect(handled).toBe(true)
    expect(await res.json()).toEqual({ clientId: 'm2m-client-test-k', frozen: true })
  })

  it('answers a failure itself and stops the chain', async () => {
    const { res, handled } = await get([m2mAuth(stytch.stytch)], `Bearer ${await stytch.issuer.hostile.foreignKey()}`)
    expect(handled).toBe(false)
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="api", error="invalid_token"/)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(Object.keys(await res.json())).toEqual(['error', 'error_description'])
  })

  it('throws the M2MAuthError itself in delegate mode', async () => {
    const seen: unknown[] = []
    const auth = m2mAuth({ ...stytch.stytch, errorHandling: 'delegate' })
    const { res } = await get([capture(seen), auth], `Bearer ${await stytch.issuer.hostile.notYetValid()}`)
    expect(res.status).toBe(599)
    expect(seen[0]).toBeInstanceOf(InvalidTokenError)
    expect(seen[0]).toMatchObject({ code: 'ERR_TOKEN_NOT_YET_VALID', status: 401, expose: true })
  })

  it("lets Koa's default error handler render a delegated error with its status and headers", async () => {
    const { res, handled } = await get([m2mAuth({ ...stytch.stytch, errorHandling: 'delegate', realm: 'orders' })])
    expect(handled).toBe(false)
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="orders"')
    expect(res.headers.get('cache-control')).toBe('no-store')
  })

  it('throws an error that is not an M2MAuthError even in respond mode', async () => {
    const verifier = { authenticate: () => Promise.reject(new Error('bug')) } as unknown as Verifier
    const { res, handled } = await get([m2mAuth({ verifier })], 'Bearer abc')
    expect(handled).toBe(false)
    expect(res.status).toBe(500)
    expect(res.headers.get('www-authenticate')).toBeNull()
  })

  it('does not catch errors thrown after it in the chain', async () => {
    const token = await stytch.issuer.mint({ scopes: [] })
    const boom: Middleware = () => {
      throw Object.assign(new Error('teapot'), { status: 418, expose: true })
    }
    const { res } = await get([m2mAuth(stytch.stytch), boom], `Bearer ${token}`)
    expect(res.status).toBe(418)
  })

  it('leaves ctx.state.m2m unset for optional auth without a token', async () => {
    const { res, handled } = await get([m2mAuth({ ...stytch.stytch, required: false })])
    expect(handled).toBe(true)
    expect(await res.json()).toEqual({ clientId: null, frozen: null })
  })

  it('throws a TypeError at creation, not on the first request', () => {
    expect(() => m2mAuth({ ...stytch.stytch, errorHandling: 'throw' as never })).toThrow(TypeError)
  })
})
