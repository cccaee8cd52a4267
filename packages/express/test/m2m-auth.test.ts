import { InvalidTokenError, M2MAuthError, type Verifier } from '@m2m-guard/core'
import express, { type ErrorRequestHandler } from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { m2mAuth } from '../src/index.js'
import { type FakeStytch, fakeStytch, get, serve } from './helpers/fake-stytch.js'

let stytch: FakeStytch
beforeAll(async () => {
  stytch = await fakeStytch()
})
afterAll(() => stytch.close())

const seen: unknown[] = []
const capture: ErrorRequestHandler = (error, _req, res, _next) => {
  seen.push(error)
  res.status(599).end()
}

describe('m2mAuth (Express)', () => {
  it('stores the verified caller on req.m2m for the handler', async () => {
    const token = await stytch.issuer.mint({ clientId: 'm2m-client-test-a', scopes: ['read:users'] })
    const app = express()
    app.get('/', m2mAuth(stytch.stytch), (req, res) => {
      res.json({ clientId: req.m2m?.clientId, scopes: req.m2m?.scopes, frozen: Object.isFrozen(req.m2m) })
    })
    const res = await get(app, `Bearer ${token}`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ clientId: 'm2m-client-test-a', scopes: ['read:users'], frozen: true })
  })

  it('creates the Stytch verifier once, so its key cache serves every request', async () => {
    const before = stytch.issuer.counters.jwks
    const token = await stytch.issuer.mint({ scopes: [] })
    const app = express()
    app.get('/', m2mAuth(stytch.stytch), (_req, res) => {
      res.end()
    })
    const server = await serve(app)
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${server.url}/`, { headers: { authorization: `Bearer ${token}` } })
      expect(res.status).toBe(200)
    }
    await server.close()
    expect(stytch.issuer.counters.jwks - before).toBe(1)
  })

  it('answers a failure itself with status, challenge, no-store and a JSON body without internals', async () => {
    const app = express()
    app.get('/', m2mAuth(stytch.stytch), (_req, res) => {
      res.end()
    })
    const res = await get(app, `Bearer ${await stytch.issuer.hostile.expired()}`)
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="api", error="invalid_token"/)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(Object.keys(await res.json())).toEqual(['error', 'error_description'])
  })

  it('hands the M2MAuthError itself to next(err) in delegate mode', async () => {
    seen.length = 0
    const app = express()
    app.get('/', m2mAuth({ ...stytch.stytch, errorHandling: 'delegate' }), (_req, res) => {
      res.end()
    })
    app.use(capture)
    const res = await get(app, `Bearer ${await stytch.issuer.hostile.wrongAudience()}`)
    expect(res.status).toBe(599)
    expect(seen).toHaveLength(1)
    expect(seen[0]).toBeInstanceOf(InvalidTokenError)
    expect(seen[0]).toMatchObject({ code: 'ERR_TOKEN_AUDIENCE', status: 401, statusCode: 401, expose: true })
  })

  it('hands an error that is not an M2MAuthError to next(err) even in respond mode', async () => {
    seen.length = 0
    const bug = new Error('bug')
    const verifier = { authenticate: () => Promise.reject(bug) } as unknown as Verifier
    const app = express()
    app.get('/', m2mAuth({ verifier }), (_req, res) => {
      res.end()
    })
    app.use(capture)
    const res = await get(app, 'Bearer abc')
    expect(res.status).toBe(599)
    expect(seen).toEqual([bug])
    expect(seen[0]).not.toBeInstanceOf(M2MAuthError)
  })

  it('lets Express 5 render a delegated error with its status and headers', async () => {
    const app = express()
    app.get('/', m2mAuth({ ...stytch.stytch, errorHandling: 'delegate', realm: 'orders' }), (_req, res) => {
      res.end()
    })
    const res = await get(app)
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="orders"')
  })

  it('passes a custom scopeCheck to the verifier', async () => {
    const token = await stytch.issuer.mint({ scopes: ['read:users'] })
    const app = express()
    const guard = m2mAuth({
      ...stytch.stytch,
      requiredScopes: ['write:users'],
      scopeCheck: (granted) => granted.length > 0,
    })
    app.get('/', guard, (_req, res) => {
      res.end()
    })
    expect((await get(app, `Bearer ${token}`)).status).toBe(200)
  })

  it('leaves req.m2m unset for optional auth without a token', async () => {
    const app = express()
    app.get('/', m2mAuth({ ...stytch.stytch, required: false }), (req, res) => {
      res.json({ hasCaller: 'm2m' in req })
    })
    const res = await get(app)
    expect(await res.json()).toEqual({ hasCaller: false })
  })

  it('throws a TypeError at creation, not on the first request', () => {
    expect(() => m2mAuth({ ...stytch.stytch, requiredScopes: ['read users'] })).toThrow(TypeError)
  })
})
