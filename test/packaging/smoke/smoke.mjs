// Runs inside a folder where only the packed tarballs are installed: imports and require()s every package, then
// verifies a token end to end with the published builds (fake Stytch on loopback → core → each adapter).
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const names = ['core', 'express', 'koa', 'fastify', 'testing', 'client', 'redis']
for (const name of names) {
  const esm = await import(`@m2m-guard/${name}`)
  const cjs = require(`@m2m-guard/${name}`)
  assert.ok(Object.keys(esm).length > 0, `${name}: ESM exports`)
  // require() of an ES module with a default export adds `__esModule` for CommonJS interop; ignore it.
  const cjsKeys = Object.keys(cjs).filter((key) => key !== '__esModule')
  assert.deepEqual(cjsKeys.sort(), Object.keys(esm).sort(), `${name}: require() sees the same exports`)
}

const { createStytchVerifier } = await import('@m2m-guard/core')
const { createTestIssuer } = await import('@m2m-guard/testing')
const issuer = await createTestIssuer({})
const server = await issuer.listen({ port: 0 })
try {
  const verifier = createStytchVerifier({ projectId: issuer.projectId, baseUrl: server.url })
  const token = await issuer.mint({ clientId: 'm2m-client-smoke', scopes: ['read:users'] })
  const auth = await verifier.authenticate(`Bearer ${token}`, { requiredScopes: ['read:users'] })
  assert.equal(auth.clientId, 'm2m-client-smoke')
  await assert.rejects(verifier.verify(token, { requiredScopes: ['write:users'] }), { code: 'ERR_INSUFFICIENT_SCOPE' })
} finally {
  await server.close()
}
console.log(`smoke ok on node ${process.version}`)
