// Plain CommonJS JavaScript: require() every package, protect an Express app and call it over loopback.
const assert = require('node:assert/strict')
const { once } = require('node:events')
const express = require('express')
const { m2mAuth, requireScopes } = require('@m2m-guard/express')
const { createTestIssuer } = require('@m2m-guard/testing')

for (const name of ['core', 'express', 'koa', 'fastify', 'testing', 'client']) {
  const resolved = require.resolve(`@m2m-guard/${name}`)
  assert.match(resolved, /[/\\]dist[/\\]cjs[/\\]index\.js$/, `${name} resolves to its CommonJS build`)
  assert.ok(Object.keys(require(`@m2m-guard/${name}`)).length > 0, `${name} has exports`)
}

async function main() {
  const issuer = await createTestIssuer()
  const stytch = await issuer.listen()
  const app = express()
  app.use(m2mAuth({ projectId: issuer.projectId, baseUrl: stytch.url }))
  app.get('/users', requireScopes('read:users'), (req, res) => res.json({ caller: req.m2m.clientId }))
  const server = app.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const url = `http://127.0.0.1:${server.address().port}/users`
  const call = async (token) => fetch(url, { headers: { authorization: `Bearer ${token}` } })
  try {
    const ok = await call(await issuer.mint({ clientId: 'm2m-client-js', scopes: ['read:users'] }))
    assert.equal(ok.status, 200)
    assert.deepEqual(await ok.json(), { caller: 'm2m-client-js' })
    const forbidden = await call(await issuer.mint({ scopes: ['write:users'] }))
    assert.equal(forbidden.status, 403)
    const oversized = await call(await issuer.hostile.oversized())
    assert.equal(oversized.status, 401)
    assert.match(oversized.headers.get('www-authenticate'), /error="invalid_token"/)
  } finally {
    server.close()
    await stytch.close()
  }
  console.log('cjs-javascript ok')
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
