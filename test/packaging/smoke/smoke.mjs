// Runs inside a folder where only the packed tarballs are installed: imports and require()s every package, then
// verifies a token end to end with the published builds (fake Stytch on loopback → core → each adapter).
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const names = [
  'core',
  'express',
  'koa',
  'fastify',
  'nestjs',
  'testing',
  'client',
  'emulator',
  'redis',
  'web',
  'hono',
  'mcp',
]
for (const name of names) {
  const esm = await import(`@m2m-guard/${name}`)
  const cjs = require(`@m2m-guard/${name}`)
  assert.ok(Object.keys(esm).length > 0, `${name}: ESM exports`)
  // The CommonJS build marks its exports with `__esModule` (for interop with transpiled ESM); ignore it.
  const cjsKeys = Object.keys(cjs).filter((key) => key !== '__esModule')
  assert.deepEqual(cjsKeys.sort(), Object.keys(esm).sort(), `${name}: require() sees the same exports`)
  // import gets the ESM build, require() the CommonJS one; the latter inlines jose (ESM-only, unloadable by Jest).
  assert.match(fileURLToPath(import.meta.resolve(`@m2m-guard/${name}`)), /[/\\]dist[/\\]index\.js$/, `${name}: import`)
  const cjsFile = require.resolve(`@m2m-guard/${name}`)
  assert.match(cjsFile, /[/\\]dist[/\\]cjs[/\\]index\.js$/, `${name}: require() resolves to the CommonJS build`)
  for (const file of readdirSync(dirname(cjsFile), { recursive: true }).filter((path) => path.endsWith('.js'))) {
    const code = readFileSync(join(dirname(cjsFile), file), 'utf8')
    assert.doesNotMatch(code, /require\(["']jose["']\)|\bimport\(/, `${name}: ${file} loads no ES module`)
  }
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
  // The MCP bridge: the SDK's AuthInfo from the published builds, and the RFC 9728 document from core.
  const { createTokenVerifier } = await import('@m2m-guard/mcp')
  const info = await createTokenVerifier({ verifier }).verifyAccessToken(token)
  assert.equal(info.clientId, 'm2m-client-smoke')
  const { createResourceMetadata } = await import('@m2m-guard/core')
  const metadata = createResourceMetadata({
    resource: 'https://mcp.example.com/mcp',
    authorizationServers: [server.url],
  })
  assert.equal(metadata.path, '/.well-known/oauth-protected-resource/mcp')
  // The Fetch adapters, from their published builds: a Request in, a Response out.
  const { withM2M } = await import('@m2m-guard/web')
  const handler = withM2M((_request, caller) => Response.json({ clientId: caller.clientId }), { verifier })
  const request = (authorization) =>
    new Request('http://localhost/', { headers: authorization ? { authorization } : {} })
  assert.deepEqual(await (await handler(request(`Bearer ${token}`))).json(), { clientId: 'm2m-client-smoke' })
  assert.equal((await handler(request())).status, 401)
  const { Hono } = await import('hono')
  const { m2mAuth } = require('@m2m-guard/hono')
  const app = new Hono().get('/', m2mAuth({ verifier }), (c) => c.json({ clientId: c.var.m2m.clientId }))
  assert.deepEqual(await (await app.request('/', { headers: { authorization: `Bearer ${token}` } })).json(), {
    clientId: 'm2m-client-smoke',
  })
  assert.equal((await app.request('/')).headers.get('www-authenticate'), 'Bearer realm="api"')
} finally {
  await server.close()
}
// The emulator's bin, as `npx @m2m-guard/emulator` runs it: starts, answers /health, stops on SIGTERM with status 0.
{
  const { spawn } = await import('node:child_process')
  const bin = spawn(process.execPath, [
    require.resolve('@m2m-guard/emulator/package.json').replace(/package\.json$/, 'dist/cli.js'),
    '--port',
    '0',
    '--json',
  ])
  const line = await new Promise((resolve, reject) => {
    bin.stdout.once('data', (chunk) => resolve(String(chunk).split('\n')[0]))
    bin.once('exit', (code) => reject(new Error(`stytch-emulator exited with ${code}`)))
  })
  const { url } = JSON.parse(line)
  assert.equal((await fetch(`${url}/health`)).status, 200)
  bin.kill('SIGTERM')
  assert.equal(await new Promise((resolve) => bin.once('exit', resolve)), 0)
}
console.log(`smoke ok on node ${process.version}`)
