// Regression tests for issue 20 point 5: a route with `config: { m2m: … }` in a context that no registration of
// the plugin covers (the root while the plugin sits in a child, a sibling context) was silently public.
import { Writable } from 'node:stream'
import type { M2MAuthOptions } from '@m2m-guard/fastify'
import m2mGuard from '@m2m-guard/fastify'
import fastify4 from 'fastify4'
import type { FastifyInstance, FastifyPluginAsync, FastifyServerOptions } from 'fastify5'
import fastify5 from 'fastify5'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { type FakeStytch, fakeStytch } from '../support/fake-stytch.js'

// Fastify 4's instance type differs from Fastify 5's; these tests only use what both have.
type Factory = (options?: FastifyServerOptions) => FastifyInstance
const FASTIFY: readonly [string, Factory][] = [
  ['Fastify 4', fastify4 as unknown as Factory],
  ['Fastify 5', fastify5 as unknown as Factory],
]

let stytch: FakeStytch
let tokens: { read: string; admin: string }
beforeAll(async () => {
  stytch = await fakeStytch()
  const mint = (scopes: string[]) => stytch.issuer.mint({ clientId: 'm2m-client-coverage', scopes })
  tokens = { read: await mint(['read:users']), admin: await mint(['admin:*']) }
})
afterAll(() => stytch.close())

const options = (): M2MAuthOptions => ({ ...stytch.stytch })
const admin = { config: { m2m: { requiredScopes: ['admin:*'] } } }
const handler = async () => ({ ok: true })

/** A context with the plugin and a guarded route of its own. */
const guardedApi: FastifyPluginAsync = async (api) => {
  await api.register(m2mGuard, options())
  api.get('/users', { config: { m2m: { requiredScopes: ['read:users'] } } }, handler)
}

async function call(app: FastifyInstance, url: string, token?: string, method: 'GET' | 'HEAD' = 'GET') {
  const headers = token === undefined ? {} : { authorization: `Bearer ${token}` }
  const res = await app.inject({ method, url, headers })
  return {
    status: res.statusCode,
    challenge: res.headers['www-authenticate'],
    cacheControl: res.headers['cache-control'],
    error: method === 'HEAD' ? undefined : (res.json() as { error?: string }).error,
  }
}

/** Start-up must fail with a TypeError naming `config.m2m` and every route that no guard covers. */
async function expectStartUpFailure(app: FastifyInstance, ...routes: string[]): Promise<void> {
  const failure = await app.ready().then(
    () => undefined,
    (error: unknown) => error,
  )
  expect(failure).toBeInstanceOf(TypeError)
  const message = (failure as TypeError).message
  expect(message).toMatch(/^m2m-guard: option "config\.m2m" of routes? /)
  for (const route of routes) expect(message).toContain(route)
}

/** What a request to a route with `config.m2m` that no guard runs for gets: 401, whatever the token. */
async function expectFailsClosed(app: FastifyInstance, url: string): Promise<void> {
  const refused = { status: 401, challenge: 'Bearer realm="api"', cacheControl: 'no-store' }
  expect(await call(app, url)).toEqual({ ...refused, error: 'unauthorized' })
  expect(await call(app, url, tokens.admin)).toEqual({ ...refused, error: 'unauthorized' })
  expect(await call(app, url, tokens.admin, 'HEAD')).toEqual({ ...refused, error: undefined })
}

describe.each(FASTIFY)('%s: config.m2m outside the plugin context (issue 20 point 5)', (_, fastify) => {
  it('fails start-up for a config.m2m route in a sibling context registered after the plugin', async () => {
    const app = fastify()
    app.register(guardedApi, { prefix: '/api' })
    app.register(
      async (other) => {
        other.get('/admin', admin, handler)
      },
      { prefix: '/other' },
    )
    await expectStartUpFailure(app, 'GET /other/admin', 'HEAD /other/admin')
  })

  it('fails start-up for a config.m2m route declared at the root after the plugin loaded in a child', async () => {
    const app = fastify()
    await app.register(guardedApi, { prefix: '/api' })
    app.get('/admin', admin, handler)
    await expectStartUpFailure(app, 'GET /admin')
  })

  it("fails start-up for a config.m2m route declared in an ancestor of the plugin's context after it loaded", async () => {
    const app = fastify()
    app.register(
      async (outer) => {
        await outer.register(guardedApi, { prefix: '/api' })
        outer.route({ method: ['GET', 'POST'], url: '/admin', exposeHeadRoute: false, ...admin, handler })
      },
      { prefix: '/outer' },
    )
    await expectStartUpFailure(app, 'GET,POST /outer/admin')
  })

  it('answers 401 on a config.m2m route declared at the root before the plugin loaded in a child', async () => {
    const app = fastify()
    app.get('/admin', admin, handler)
    app.get('/health', handler)
    app.register(guardedApi, { prefix: '/api' })
    await app.ready()
    await expectFailsClosed(app, '/admin')
    // Routes without config.m2m outside the context are not the plugin's business; its own routes are guarded.
    expect(await call(app, '/health')).toMatchObject({ status: 200 })
    expect(await call(app, '/api/users')).toMatchObject({ status: 401, error: 'unauthorized' })
    expect(await call(app, '/api/users', tokens.read)).toMatchObject({ status: 200 })
  })

  it('answers 401 on a config.m2m route in a sibling context registered before the plugin', async () => {
    const app = fastify()
    app.register(
      async (other) => {
        other.get('/admin', admin, handler)
        other.get('/page', { config: { m2m: {} } }, handler)
      },
      { prefix: '/other' },
    )
    app.register(guardedApi, { prefix: '/api' })
    await app.ready()
    await expectFailsClosed(app, '/other/admin')
    await expectFailsClosed(app, '/other/page')
    expect(await call(app, '/api/users', tokens.read)).toMatchObject({ status: 200 })
  })

  it('logs an uncovered route once, at error level, when it answers 401', async () => {
    const lines: string[] = []
    const stream = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        lines.push(chunk.toString())
        callback()
      },
    })
    const app = fastify({ logger: { level: 'error', stream } })
    app.get('/admin', admin, handler)
    app.register(guardedApi, { prefix: '/api' })
    await call(app, '/admin')
    await call(app, '/admin', tokens.admin)
    const logged = lines.map((line) => JSON.parse(line) as { level: number; msg: string })
    expect(logged).toHaveLength(1)
    expect(logged[0]?.level).toBe(50)
    expect(logged[0]?.msg).toMatch(/"config\.m2m" of route GET \/admin /)
  })

  it('guards every route of the app as before when the plugin is registered at the root', async () => {
    const app = fastify()
    app.get('/early', admin, handler)
    await app.register(m2mGuard, options())
    app.register(async (child) => {
      child.get('/child', admin, handler)
    })
    app.get('/late', admin, handler)
    app.get('/plain', handler)
    await app.ready()
    for (const url of ['/early', '/child', '/late']) {
      expect(await call(app, url)).toMatchObject({ status: 401, error: 'unauthorized' })
      expect(await call(app, url, tokens.read)).toMatchObject({ status: 403, error: 'insufficient_scope' })
      expect(await call(app, url, tokens.admin)).toMatchObject({ status: 200 })
    }
    expect(await call(app, '/plain')).toMatchObject({ status: 401 })
    expect(await call(app, '/plain', tokens.read)).toMatchObject({ status: 200 })
  })

  it('accepts a root route declared between a registration in a child and one at the root', async () => {
    const app = fastify()
    await app.register(guardedApi, { prefix: '/api' })
    app.get('/admin', admin, handler)
    await app.register(m2mGuard, { ...options(), realm: 'root' })
    await app.ready()
    expect(await call(app, '/admin')).toMatchObject({ status: 401, challenge: 'Bearer realm="root"' })
    expect(await call(app, '/admin', tokens.read)).toMatchObject({ status: 403, error: 'insufficient_scope' })
    expect(await call(app, '/admin', tokens.admin)).toMatchObject({ status: 200 })
  })

  it('leaves a route without config.m2m outside the context public, as its author made it', async () => {
    const app = fastify()
    await app.register(guardedApi, { prefix: '/api' })
    app.get('/health', handler)
    app.register(async (other) => {
      other.get('/status', handler)
    })
    await app.ready()
    expect(await call(app, '/health')).toMatchObject({ status: 200 })
    expect(await call(app, '/status')).toMatchObject({ status: 200 })
  })

  it('starts two sibling registrations, each guarding its own config.m2m routes declared before or after it', async () => {
    const app = fastify()
    app.register(guardedApi, { prefix: '/api' })
    app.register(
      async (billing) => {
        // Declared before this context's plugin loads, after the sibling's did: covered once the app is ready.
        billing.get('/invoices', admin, handler)
        await billing.register(m2mGuard, { ...options(), realm: 'billing' })
        billing.get('/refunds', admin, handler)
        billing.register(async (nested) => {
          nested.get('/nested', admin, handler)
        })
      },
      { prefix: '/billing' },
    )
    await app.ready()
    expect(await call(app, '/api/users', tokens.read)).toMatchObject({ status: 200 })
    for (const url of ['/billing/invoices', '/billing/refunds', '/billing/nested']) {
      expect(await call(app, url)).toMatchObject({ status: 401, challenge: 'Bearer realm="billing"' })
      expect(await call(app, url, tokens.read)).toMatchObject({ status: 403, error: 'insufficient_scope' })
      expect(await call(app, url, tokens.admin)).toMatchObject({ status: 200 })
    }
  })

  it('guards the routes of a child context loaded before the plugin was registered in its parent', async () => {
    const app = fastify()
    app.register(guardedApi, { prefix: '/api' })
    app.register(
      async (orders) => {
        orders.register(async (child) => {
          child.get('/child', admin, handler)
        })
        orders.register(m2mGuard, { ...options(), realm: 'orders' })
      },
      { prefix: '/orders' },
    )
    await app.ready()
    expect(await call(app, '/orders/child')).toMatchObject({ status: 401, challenge: 'Bearer realm="orders"' })
    expect(await call(app, '/orders/child', tokens.read)).toMatchObject({ status: 403, error: 'insufficient_scope' })
    expect(await call(app, '/orders/child', tokens.admin)).toMatchObject({ status: 200 })
  })

  it('shares coverage between two copies of the package in one app', async () => {
    vi.resetModules()
    const copy = (await import('@m2m-guard/fastify')).default
    expect(copy).not.toBe(m2mGuard)
    const app = fastify()
    app.register(guardedApi, { prefix: '/api' })
    app.register(
      async (other) => {
        await other.register(copy, options())
        other.get('/admin', admin, handler)
      },
      { prefix: '/other' },
    )
    await app.ready()
    expect(await call(app, '/other/admin', tokens.read)).toMatchObject({ status: 403 })
    expect(await call(app, '/other/admin', tokens.admin)).toMatchObject({ status: 200 })
  })

  it('makes app.requireScopes unavailable where the plugin is not registered, so start-up fails', async () => {
    const app = fastify()
    app.register(guardedApi, { prefix: '/api' })
    app.register(async (other) => {
      other.get('/admin', { preHandler: other.requireScopes('admin:*') }, handler)
    })
    await expect(app.ready()).rejects.toThrow(TypeError)
  })
})
