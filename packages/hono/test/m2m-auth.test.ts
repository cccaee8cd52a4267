import { createTestIssuer, type TestIssuer } from '@m2m-guard/testing'
import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isM2MAuthError, type M2MEnv, m2mAuth, requireScopes, type Verifier } from '../src/index.js'

let issuer: TestIssuer
let stytch: { projectId: string; baseUrl: string }
let close: () => Promise<void>
beforeAll(async () => {
  issuer = await createTestIssuer()
  const server = await issuer.listen()
  stytch = { projectId: issuer.projectId, baseUrl: server.url }
  close = () => server.close()
})
afterAll(() => close())

const get = (app: { request: Hono['request'] }, authorization?: string, init: RequestInit = {}) =>
  app.request('/x', {
    ...init,
    headers: { ...(authorization === undefined ? {} : { authorization }), ...(init.headers as object) },
  })

describe('m2mAuth (Hono)', () => {
  it('sets the verified caller as c.var.m2m', async () => {
    const token = await issuer.mint({ clientId: 'm2m-client-test-h', scopes: ['read:users'] })
    const app = new Hono<M2MEnv>()
    app.get('/x', m2mAuth(stytch), (c) => c.json({ clientId: c.var.m2m.clientId, same: c.get('m2m') === c.var.m2m }))
    const res = await get(app, `Bearer ${token}`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ clientId: 'm2m-client-test-h', same: true })
  })

  it('answers failures with the RFC 6750 response, the bound gate with the realm', async () => {
    const auth = m2mAuth({ ...stytch, realm: 'billing' })
    const app = new Hono()
    app.get('/x', auth, auth.requireScopes('admin:*'), (c) => c.text('ok'))
    const missing = await get(app)
    expect(missing.status).toBe(401)
    expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="billing"')
    expect(missing.headers.get('cache-control')).toBe('no-store')
    expect(missing.headers.get('content-type')).toBe('application/json; charset=utf-8')
    const scoped = await get(app, `Bearer ${await issuer.mint({ scopes: ['read:users'] })}`)
    expect(scoped.status).toBe(403)
    expect(scoped.headers.get('www-authenticate')).toMatch(/^Bearer realm="billing", error="insufficient_scope"/)
  })

  it('the standalone gate answers with the default realm', async () => {
    const app = new Hono()
    app.get('/x', m2mAuth({ ...stytch, realm: 'billing' }), requireScopes('admin:*'), (c) => c.text('ok'))
    const res = await get(app, `Bearer ${await issuer.mint({ scopes: ['read:users'] })}`)
    expect(res.status).toBe(403)
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="api", error="insufficient_scope"/)
  })

  it('delegate mode throws an HTTPException carrying the response and the coded error for app.onError', async () => {
    const seen: unknown[] = []
    const app = new Hono()
    app.get('/x', m2mAuth({ ...stytch, errorHandling: 'delegate', realm: 'orders' }), (c) => c.text('ok'))
    app.onError((error, c) => {
      seen.push(error)
      return error instanceof HTTPException ? error.getResponse() : c.text('500', 500)
    })
    const res = await get(app, 'Bearer abc$')
    expect(res.status).toBe(400)
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="orders", error="invalid_request"/)
    const [error] = seen as [HTTPException]
    expect(error).toBeInstanceOf(HTTPException)
    expect(error.status).toBe(400)
    expect(isM2MAuthError(error.cause)).toBe(true)
    expect(error.cause).toMatchObject({ code: 'ERR_INVALID_REQUEST' })
  })

  it('delegate mode without onError still answers the RFC 6750 response (Hono answers the HTTPException)', async () => {
    const app = new Hono()
    app.get('/x', m2mAuth({ ...stytch, errorHandling: 'delegate' }), (c) => c.text('ok'))
    const res = await get(app)
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="api"')
  })

  it('hands a bug to app.onError as it is, never as a 401', async () => {
    const verifier = { authenticate: () => Promise.reject(new Error('bug')) } as unknown as Verifier
    const seen: unknown[] = []
    const app = new Hono()
    app.get('/x', m2mAuth({ verifier }), (c) => c.text('ok'))
    app.onError((error, c) => {
      seen.push(error)
      return c.text('boom', 500)
    })
    const res = await get(app, 'Bearer abc')
    expect(res.status).toBe(500)
    expect(seen).toEqual([new Error('bug')])
  })

  it('lets a CORS preflight through unauthenticated, without c.var.m2m', async () => {
    const app = new Hono<M2MEnv>()
    app.use('/x', m2mAuth(stytch), requireScopes('admin:*'))
    app.options('/x', (c) => c.json({ m2m: c.get('m2m') ?? null }))
    const res = await get(app, undefined, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'GET' },
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ m2m: null })
  })

  it('refuses misuse at creation, naming the option', () => {
    expect(() => m2mAuth({ ...stytch, requireScopes: ['a'] } as never)).toThrow(/requireScopes/)
    expect(() => m2mAuth({ ...stytch, errorHandling: 'throw' } as never)).toThrow(/option "errorHandling"/)
    expect(() => m2mAuth(stytch).requireScopes()).toThrow(/requireScopes\(\) needs at least one scope/)
  })
})
