// Regression tests for issue 11: a route's `config.m2m` was compiled once per config object, with the options of
// the first `m2mGuard` that saw it, so a second guard sharing the object ran with the first guard's options.
import type { M2MAuthOptions } from '@m2m-guard/fastify'
import m2mGuard from '@m2m-guard/fastify'
import fastify4 from 'fastify4'
import type { FastifyInstance, RouteOptions } from 'fastify5'
import fastify5 from 'fastify5'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type FakeStytch, fakeStytch } from '../support/fake-stytch.js'

// Fastify 4's instance type differs from Fastify 5's; these tests only use what both have.
const FASTIFY: readonly [string, () => FastifyInstance][] = [
  ['Fastify 4', fastify4 as unknown as () => FastifyInstance],
  ['Fastify 5', fastify5 as unknown as () => FastifyInstance],
]

let stytch: FakeStytch
let tokens: { read: string; admin: string; old: string }
beforeAll(async () => {
  stytch = await fakeStytch()
  const mint = (scopes: string[], extra = {}) =>
    stytch.issuer.mint({ clientId: 'm2m-client-isolation', scopes, ...extra })
  tokens = {
    read: await mint(['read:users']),
    admin: await mint(['admin:*']),
    old: await mint(['admin:*'], { iat: Math.floor(Date.now() / 1000) - 120 }),
  }
})
afterAll(() => stytch.close())

/** The lenient guard: optional auth, no scopes, no age limit. */
const publicOptions = (): M2MAuthOptions => ({ ...stytch.stytch, required: false })
/** The strict guard: `admin:*`, tokens at most a minute old, its own realm. */
const adminOptions = (): M2MAuthOptions => ({
  ...stytch.stytch,
  requiredScopes: ['admin:*'],
  maxTokenAge: 60,
  realm: 'admin',
})

/** One route table shared by every app and context, as an app that builds several servers from it would. */
function sharedRoutes(): RouteOptions[] {
  return [
    {
      method: 'GET',
      url: '/report',
      // One object, seen by every guard that registers these routes.
      config: { m2m: { anyScopes: ['read:users', 'admin:*'], required: true } },
      handler: async (request) => ({ clientId: request.m2m?.clientId ?? null }),
    },
    {
      method: 'GET',
      url: '/page',
      config: { m2m: {} },
      handler: async (request) => ({ clientId: request.m2m?.clientId ?? null }),
    },
  ]
}

async function status(app: FastifyInstance, url: string, token?: string) {
  const headers = token === undefined ? {} : { authorization: `Bearer ${token}` }
  const res = await app.inject({ url, headers })
  return { status: res.statusCode, challenge: res.headers['www-authenticate'], code: res.json().error }
}

/** What the strict guard must answer on `prefix`, whatever another guard saw first. */
async function expectAdminEnforced(app: FastifyInstance, prefix: string): Promise<void> {
  expect(await status(app, `${prefix}/page`)).toEqual({
    status: 401,
    challenge: 'Bearer realm="admin"',
    code: 'unauthorized',
  })
  expect(await status(app, `${prefix}/page`, tokens.read)).toMatchObject({ status: 403, code: 'insufficient_scope' })
  expect((await status(app, `${prefix}/page`, tokens.read)).challenge).toMatch(/^Bearer realm="admin", /)
  expect(await status(app, `${prefix}/report`, tokens.read)).toMatchObject({ status: 403 })
  expect(await status(app, `${prefix}/page`, tokens.old)).toMatchObject({ status: 401, code: 'invalid_token' })
  expect(await status(app, `${prefix}/page`, tokens.admin)).toMatchObject({ status: 200 })
  expect(await status(app, `${prefix}/report`, tokens.admin)).toMatchObject({ status: 200 })
}

describe.each(FASTIFY)('%s: route config isolation between guards (issue 11)', (_, fastify) => {
  it('two apps built from one route table each enforce their own guard options', async () => {
    const routes = sharedRoutes()
    const publicApp = fastify()
    await publicApp.register(m2mGuard, publicOptions())
    for (const route of routes) publicApp.route(route)
    await publicApp.ready()
    // The lenient app compiled the shared configs first; it still answers with its own options.
    expect(await status(publicApp, '/page')).toMatchObject({ status: 200 })
    expect(await status(publicApp, '/page', tokens.old)).toMatchObject({ status: 200 })

    const adminApp = fastify()
    await adminApp.register(m2mGuard, adminOptions())
    for (const route of routes) adminApp.route(route)
    await adminApp.ready()
    await expectAdminEnforced(adminApp, '')
    // And the strict app's compilation does not tighten the lenient one.
    expect(await status(publicApp, '/page')).toMatchObject({ status: 200 })
    await Promise.all([publicApp.close(), adminApp.close()])
  })

  it('two sibling contexts registering one route table each enforce their own guard options', async () => {
    const routes = sharedRoutes()
    const app = fastify()
    await app.register(
      async (scope) => {
        await scope.register(m2mGuard, publicOptions())
        for (const route of routes) scope.route(route)
      },
      { prefix: '/public' },
    )
    await app.register(
      async (scope) => {
        await scope.register(m2mGuard, adminOptions())
        for (const route of routes) scope.route(route)
      },
      { prefix: '/admin' },
    )
    await app.ready()
    expect(await status(app, '/public/page')).toMatchObject({ status: 200 })
    expect(await status(app, '/public/page', tokens.old)).toMatchObject({ status: 200 })
    await expectAdminEnforced(app, '/admin')
    await app.close()
  })
})
