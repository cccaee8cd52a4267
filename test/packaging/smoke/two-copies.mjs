// Two copies of core in one tree (normal with npm): the adapters are built on `@m2m-guard/core`, the verifier comes
// from `core-copy` (the same package packed under another version). Errors of the other copy must still be
// recognised (by brand, not `instanceof`) and answered 401/403/503 with the adapter's realm, never a 500.
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import * as coreA from '@m2m-guard/core'
import { createTestIssuer } from '@m2m-guard/testing'
import * as coreB from 'core-copy'

const pkgA = (await import('@m2m-guard/core/package.json', { with: { type: 'json' } })).default
const pkgB = (await import('core-copy/package.json', { with: { type: 'json' } })).default
assert.notEqual(pkgA.version, pkgB.version, 'two different versions are installed')
assert.notEqual(coreA.M2MAuthError, coreB.M2MAuthError, 'two different copies are loaded')

const issuer = await createTestIssuer({})
const server = await issuer.listen({ port: 0 })
const verifier = coreB.createStytchVerifier({ projectId: issuer.projectId, baseUrl: server.url })
// A port nothing listens on: the key fetch fails at once, so the verifier answers 503.
const down = coreB.createStytchVerifier({ projectId: issuer.projectId, baseUrl: 'http://127.0.0.1:9' })
const readToken = await issuer.mint({ clientId: 'm2m-client-two-copies', scopes: ['read:users'] })
const probe = await verifier.authenticate(undefined).catch((error) => error)
assert.equal(probe instanceof coreA.M2MAuthError, false, 'the error is not an instance of the adapters’ copy')
assert.equal(coreA.isM2MAuthError(probe), true, 'but it carries the brand')

/** What every adapter must answer, for a route with realm "orders" that requires write:users. */
async function expectAnswers(name, baseUrl) {
  const none = await fetch(`${baseUrl}/orders`)
  assert.equal(none.status, 401, `${name}: no token`)
  assert.equal(none.headers.get('www-authenticate'), 'Bearer realm="orders"', `${name}: 401 challenge`)
  assert.deepEqual(await none.json(), { error: 'unauthorized', error_description: 'A bearer token is required' })

  const scope = await fetch(`${baseUrl}/orders`, { headers: { authorization: `Bearer ${readToken}` } })
  assert.equal(scope.status, 403, `${name}: missing scope`)
  assert.match(
    scope.headers.get('www-authenticate') ?? '',
    /^Bearer realm="orders", error="insufficient_scope", .*scope="write:users"$/,
    `${name}: 403 challenge`,
  )
  assert.equal((await scope.json()).error, 'insufficient_scope')

  const unavailable = await fetch(`${baseUrl}/down`, { headers: { authorization: `Bearer ${readToken}` } })
  assert.equal(unavailable.status, 503, `${name}: keys unavailable`)
  assert.ok(Number(unavailable.headers.get('retry-after')) >= 1, `${name}: Retry-After`)
  assert.equal(unavailable.headers.get('www-authenticate'), null, `${name}: no challenge on 503`)
  assert.equal((await unavailable.json()).error, 'temporarily_unavailable')
}

async function listen(handler) {
  const http = createServer(handler)
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${http.address().port}`, close: () => new Promise((r) => http.close(r)) }
}

try {
  {
    const express = (await import('express')).default
    const { m2mAuth } = await import('@m2m-guard/express')
    const app = express()
    const orders = m2mAuth({ verifier, realm: 'orders' })
    app.get('/orders', orders, orders.requireScopes('write:users'), (_req, res) => res.json({ ok: true }))
    app.get('/down', m2mAuth({ verifier: down }), (_req, res) => res.json({ ok: true }))
    const running = await listen(app)
    await expectAnswers('express', running.url).finally(running.close)
  }
  {
    const Koa = (await import('koa')).default
    const { m2mAuth } = await import('@m2m-guard/koa')
    const orders = m2mAuth({ verifier, realm: 'orders', requiredScopes: ['write:users'] })
    const downAuth = m2mAuth({ verifier: down })
    const app = new Koa()
    app.silent = true
    app.use((ctx, next) => (ctx.path === '/down' ? downAuth(ctx, next) : orders(ctx, next)))
    app.use((ctx) => {
      ctx.body = { ok: true }
    })
    const running = await listen(app.callback())
    await expectAnswers('koa', running.url).finally(running.close)
  }
  {
    const Fastify = (await import('fastify')).default
    const m2mGuard = (await import('@m2m-guard/fastify')).default
    const app = Fastify()
    await app.register(async (scope) => {
      await scope.register(m2mGuard, { verifier, realm: 'orders' })
      scope.get('/orders', { config: { m2m: { requiredScopes: ['write:users'] } } }, async () => ({ ok: true }))
    })
    await app.register(async (scope) => {
      await scope.register(m2mGuard, { verifier: down })
      scope.get('/down', async () => ({ ok: true }))
    })
    const url = await app.listen({ port: 0, host: '127.0.0.1' })
    await expectAnswers('fastify', url).finally(() => app.close())
  }
} finally {
  await server.close()
}
console.log(`two copies ok on node ${process.version}`)
