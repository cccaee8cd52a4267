import { createStytchVerifier, InsufficientScopeError, type Verifier } from '@m2m-guard/core'
import Fastify, { type FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import m2mGuard, { type M2MAuthOptions } from '../src/index.js'
import { type FakeStytch, fakeStytch } from './helpers/fake-stytch.js'

let stytch: FakeStytch
let tokens: { read: string; readWrite: string; write: string }
beforeAll(async () => {
  stytch = await fakeStytch()
  const mint = (scopes: string[]) => stytch.issuer.mint({ clientId: 'm2m-client-test-f', scopes })
  tokens = {
    read: await mint(['read:users']),
    readWrite: await mint(['read:users', 'write:users']),
    write: await mint(['write:users']),
  }
})
afterAll(() => stytch.close())

const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

/** An app with the plugin registered at the root and a route that echoes the caller. */
async function appWith(options: Partial<M2MAuthOptions> = {}): Promise<FastifyInstance> {
  const app = Fastify()
  await app.register(m2mGuard, { ...stytch.stytch, ...options } as M2MAuthOptions)
  app.get('/', async (request) => ({ clientId: request.m2m?.clientId ?? null }))
  return app
}

describe('@m2m-guard/fastify registration', () => {
  it('is a fastify-plugin named @m2m-guard/fastify that guards the context it is registered in', async () => {
    const app = await appWith()
    expect(app.hasPlugin('@m2m-guard/fastify')).toBe(true)
    expect((await app.inject({ url: '/' })).statusCode).toBe(401)
    expect((await app.inject({ url: '/', headers: bearer(tokens.read) })).json()).toEqual({
      clientId: 'm2m-client-test-f',
    })
  })

  it.each<[string, unknown]>([
    ['neither verifier nor projectId', {}],
    [
      'both verifier and projectId',
      { verifier: createStytchVerifier({ projectId: 'project-test-1' }), projectId: 'project-test-1' },
    ],
    ['an invalid scope', { projectId: 'project-test-1', requiredScopes: ['read users'] }],
    ['an unknown errorHandling', { projectId: 'project-test-1', errorHandling: 'reply' }],
    ['an unknown option', { projectId: 'project-test-1', scopes: ['read:users'] }],
  ])('makes ready() reject with a TypeError for %s', async (_, options) => {
    const app = Fastify()
    app.register(m2mGuard, options as M2MAuthOptions)
    await expect(app.ready()).rejects.toThrow(TypeError)
  })

  it('leaves routes outside its encapsulation context alone, with request.m2m unset', async () => {
    const app = Fastify()
    await app.register(
      async (api) => {
        await api.register(m2mGuard, stytch.stytch)
        api.get('/users', async (request) => ({ clientId: request.m2m?.clientId }))
      },
      { prefix: '/api' },
    )
    app.get('/health', async (request) => ({ m2m: request.m2m ?? 'unset' }))
    expect((await app.inject({ url: '/health' })).json()).toEqual({ m2m: 'unset' })
    expect((await app.inject({ url: '/api/users' })).statusCode).toBe(401)
  })

  it('sets request.m2m to null for optional auth without a token', async () => {
    const app = await appWith({ required: false })
    const res = await app.inject({ url: '/' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ clientId: null })
  })
})

describe('@m2m-guard/fastify failures', () => {
  it('answers itself with status, challenge, no-store and a JSON body without internals', async () => {
    const app = await appWith()
    const res = await app.inject({ url: '/', headers: bearer(await stytch.issuer.hostile.jwkHeader()) })
    expect(res.statusCode).toBe(401)
    expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="api", error="invalid_token"/)
    expect(res.headers['cache-control']).toBe('no-store')
    expect(Object.keys(res.json())).toEqual(['error', 'error_description'])
  })

  it('answers two Authorization headers with 400 invalid_request', async () => {
    const app = await appWith()
    // light-my-request writes an array value as repeated header lines; its types only allow a string here.
    const twice = [`Bearer ${tokens.read}`, `Bearer ${tokens.read}`] as unknown as string
    const res = await app.inject({ url: '/', headers: { authorization: twice } })
    expect(res.statusCode).toBe(400)
    expect(res.headers['www-authenticate']).toMatch(/error="invalid_request"/)
  })

  it("hands the error to Fastify's error handler in delegate mode, with statusCode and headers", async () => {
    const app = Fastify()
    const seen: unknown[] = []
    app.setErrorHandler((error, _request, reply) => {
      seen.push(error)
      return reply.code(599).send()
    })
    await app.register(m2mGuard, { ...stytch.stytch, errorHandling: 'delegate' })
    app.get('/', { preHandler: app.requireScopes('admin:*') }, async () => 'ok')
    expect((await app.inject({ url: '/', headers: bearer(tokens.read) })).statusCode).toBe(599)
    expect(seen[0]).toBeInstanceOf(InsufficientScopeError)
    expect(seen[0]).toMatchObject({
      statusCode: 403,
      headers: { 'WWW-Authenticate': expect.stringContaining('scope="admin:*"') },
    })
  })

  it("lets Fastify's default error handler render a delegated error with its status and headers", async () => {
    const app = await appWith({ errorHandling: 'delegate', realm: 'orders' })
    const res = await app.inject({ url: '/' })
    expect(res.statusCode).toBe(401)
    expect(res.headers['www-authenticate']).toBe('Bearer realm="orders"')
    expect(res.json()).toMatchObject({ statusCode: 401, code: 'ERR_MISSING_TOKEN' })
  })

  it("hands an error that is not an M2MAuthError to Fastify's error handler even in respond mode", async () => {
    const verifier = { authenticate: () => Promise.reject(new Error('bug')) } as unknown as Verifier
    const app = Fastify()
    await app.register(m2mGuard, { verifier })
    app.get('/', async () => 'ok')
    const res = await app.inject({ url: '/', headers: bearer(tokens.read) })
    expect(res.statusCode).toBe(500)
    expect(res.headers['www-authenticate']).toBeUndefined()
  })
})

describe('@m2m-guard/fastify scopes', () => {
  it('app.requireScopes and app.requireAnyScope check request.m2m without verifying again', async () => {
    const verifier = createStytchVerifier(stytch.stytch)
    const verify = vi.spyOn(verifier, 'verify')
    const check = vi.spyOn(verifier, Symbol.for('m2m-guard.verifier.check') as never)
    const authenticate = vi.spyOn(verifier, 'authenticate')
    const app = Fastify()
    await app.register(m2mGuard, { verifier })
    const preHandler = [
      app.requireScopes('read:users', 'write:users'),
      app.requireAnyScope('admin:*', 'write:*', 'write:users'),
    ]
    app.get('/', { preHandler }, async () => 'ok')
    expect((await app.inject({ url: '/', headers: bearer(tokens.readWrite) })).statusCode).toBe(200)
    // One call per request to core, by the onRequest hook; the preHandlers read request.m2m.
    expect(check).toHaveBeenCalledTimes(1)
    expect(authenticate).not.toHaveBeenCalled()
    expect(verify).not.toHaveBeenCalled()
    const denied = await app.inject({ url: '/', headers: bearer(tokens.read) })
    expect(denied.statusCode).toBe(403)
    expect(denied.headers['www-authenticate']).toContain('scope="read:users write:users"')
  })

  it('app.requireScopes answers 401 when optional auth found no token', async () => {
    const app = Fastify()
    await app.register(m2mGuard, { ...stytch.stytch, required: false })
    app.get('/', { preHandler: app.requireScopes('read:users') }, async () => 'ok')
    const res = await app.inject({ url: '/' })
    expect(res.statusCode).toBe(401)
    expect(res.headers['www-authenticate']).toBe('Bearer realm="api"')
  })

  it('app.requireScopes refuses to be created without a valid scope', async () => {
    const app = await appWith()
    expect(() => app.requireScopes()).toThrow(TypeError)
    expect(() => app.requireAnyScope('a b')).toThrow(TypeError)
  })

  it('adds route config scopes to the plugin scopes', async () => {
    const app = Fastify()
    await app.register(m2mGuard, { ...stytch.stytch, requiredScopes: ['read:users'] })
    app.get('/', { config: { m2m: { requiredScopes: ['write:users'] } } }, async () => 'ok')
    expect((await app.inject({ url: '/', headers: bearer(tokens.readWrite) })).statusCode).toBe(200)
    const onlyRead = await app.inject({ url: '/', headers: bearer(tokens.read) })
    expect(onlyRead.statusCode).toBe(403)
    expect(onlyRead.headers['www-authenticate']).toContain('scope="write:users"')
    const onlyWrite = await app.inject({ url: '/', headers: bearer(tokens.write) })
    expect(onlyWrite.statusCode).toBe(403)
    expect(onlyWrite.headers['www-authenticate']).toContain('scope="read:users"')
  })

  it('checks route config anyScopes', async () => {
    const app = await appWith()
    app.get('/any', { config: { m2m: { anyScopes: ['admin:*', 'write:users'] } } }, async () => 'ok')
    expect((await app.inject({ url: '/any', headers: bearer(tokens.write) })).statusCode).toBe(200)
    expect((await app.inject({ url: '/any', headers: bearer(tokens.read) })).statusCode).toBe(403)
  })

  it('lets a route make auth optional or shorten maxTokenAge', async () => {
    const app = await appWith()
    app.get('/public', { config: { m2m: { required: false } } }, async (request) => ({ m2m: request.m2m }))
    app.get('/fresh', { config: { m2m: { maxTokenAge: 60 } } }, async () => 'ok')
    expect((await app.inject({ url: '/public' })).json()).toEqual({ m2m: null })
    const old = await stytch.issuer.mint({ scopes: [], iat: Math.floor(Date.now() / 1000) - 120 })
    expect((await app.inject({ url: '/', headers: bearer(old) })).statusCode).toBe(200)
    expect((await app.inject({ url: '/fresh', headers: bearer(old) })).statusCode).toBe(401)
  })

  it.each<[string, unknown]>([
    ['requiredScopes as a string', { requiredScopes: 'admin:*' }],
    ['an empty scope list', { requiredScopes: [] }],
    ['maxTokenAge above one day', { maxTokenAge: 90_000 }],
    ['an unknown key', { scope: ['admin:*'] }],
    ['a negative maxTokenAge', { maxTokenAge: -5 }],
    ['required as a string', { required: 'no' }],
  ])('refuses a route config with %s when the route is added', async (_, m2m) => {
    const app = await appWith()
    const add = async () => {
      app.get('/bad', { config: { m2m: m2m as never } }, async () => 'ok')
      await app.ready()
    }
    await expect(add()).rejects.toThrow(TypeError)
  })

  it('refuses the 0.1 name config.m2m.scopes, suggesting requiredScopes', async () => {
    const app = await appWith()
    const add = async () => {
      app.get('/old', { config: { m2m: { scopes: ['admin:*'] } as never } }, async () => 'ok')
      await app.ready()
    }
    await expect(add()).rejects.toThrow(
      'm2m-guard: m2mGuard does not know the option "config.m2m.scopes" (did you mean "config.m2m.requiredScopes"?)',
    )
  })

  it('names m2mGuard in option errors at registration (issue 20 point 6)', async () => {
    const app = Fastify()
    app.register(m2mGuard, { ...stytch.stytch, requireScopes: ['read:users'] } as never)
    await expect(app.ready()).rejects.toThrow(
      'm2m-guard: m2mGuard does not know the option "requireScopes" (did you mean "requiredScopes"?)',
    )
  })
})

describe('@m2m-guard/fastify CORS preflights (issue 11)', () => {
  const preflight = { origin: 'https://inspector.example', 'access-control-request-method': 'GET' }

  it('lets a preflight reach a route with config.m2m requirements, unauthenticated and without a caller', async () => {
    const app = await appWith({ requiredScopes: ['read:users'] })
    app.options('/admin', { config: { m2m: { requiredScopes: ['admin:*'] } } }, async (request) => ({
      m2m: request.m2m,
    }))
    const res = await app.inject({ method: 'OPTIONS', url: '/admin', headers: preflight })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ m2m: null })
  })

  it('authenticates a plain OPTIONS and checks its route config', async () => {
    const app = await appWith()
    app.options('/admin', { config: { m2m: { requiredScopes: ['admin:*'] } } }, async () => 'ok')
    const anonymous = await app.inject({ method: 'OPTIONS', url: '/admin', headers: { origin: preflight.origin } })
    expect(anonymous.statusCode).toBe(401)
    expect(anonymous.headers['www-authenticate']).toBe('Bearer realm="api"')
    const reader = await app.inject({ method: 'OPTIONS', url: '/admin', headers: bearer(tokens.read) })
    expect(reader.statusCode).toBe(403)
  })
})
