// What both NestJS users' projects check, whichever way they loaded the packages (the CommonJS project with
// require(), the ES-module one with import): they pass in what they loaded. One controller decorated by hand (plain
// JavaScript has no decorator syntax) with @Public(), @RequireScopes() and @M2M('clientId'), on the Express and the
// Fastify platform, verified against the test issuer's JWKS served on loopback. Checks the answers, their headers,
// and that Nest logs no refused request. CommonJS, so that both kinds of project can load it.
const assert = require('node:assert/strict')

/** `loaded`: the modules as the project loaded them (`@m2m-guard/nestjs` as `guard`, `@nestjs/core` as `core`, …). */
async function checkNestApp(loaded) {
  const { M2M, M2MGuard, M2MGuardModule, Public, RequireScopes } = loaded.guard
  const { createTestIssuer } = loaded.testing
  const { Controller, Get, Module, UseGuards } = loaded.common
  const { NestFactory } = loaded.core
  const { ExpressAdapter } = loaded.express
  const { FastifyAdapter } = loaded.fastify
  const issuer = await createTestIssuer({})
  const stytch = await issuer.listen()

  class UsersController {
    list(clientId) {
      return { clientId }
    }
    health() {
      return { status: 'ok' }
    }
  }
  const proto = UsersController.prototype
  const decorate = (method, decorators) =>
    Reflect.decorate(decorators, proto, method, Object.getOwnPropertyDescriptor(proto, method))
  M2M('clientId')(proto, 'list', 0)
  decorate('list', [Get('users'), RequireScopes('read:users')])
  decorate('health', [Get('health'), Public()])
  Reflect.decorate([Controller(), UseGuards(M2MGuard)], UsersController)
  class AppModule {}
  Module({
    imports: [M2MGuardModule.forRoot({ projectId: issuer.projectId, baseUrl: stytch.url })],
    controllers: [UsersController],
  })(AppModule)

  const reader = await issuer.mint({ clientId: 'm2m-client-reader', scopes: ['read:users'] })
  const writer = await issuer.mint({ clientId: 'm2m-client-writer', scopes: ['write:users'] })
  for (const [platform, adapter] of [
    ['express', () => new ExpressAdapter()],
    ['fastify', () => new FastifyAdapter()],
  ]) {
    const errors = []
    const logger = { log() {}, warn() {}, debug() {}, verbose() {}, error: (...args) => errors.push(args) }
    const app = await NestFactory.create(AppModule, adapter(), { logger })
    await app.listen(0, '127.0.0.1')
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1')
    const get = (path, token) => fetch(`${url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} })
    try {
      assert.equal((await get('/health')).status, 200, `${platform}: public`)
      const missing = await get('/users')
      assert.equal(missing.status, 401, `${platform}: no token`)
      assert.equal(missing.headers.get('www-authenticate'), 'Bearer realm="api"', `${platform}: challenge`)
      assert.equal(missing.headers.get('cache-control'), 'no-store', `${platform}: no-store`)
      assert.equal((await missing.json()).error, 'unauthorized', `${platform}: body`)
      const ok = await get('/users', reader)
      assert.equal(ok.status, 200, `${platform}: reader`)
      assert.deepEqual(await ok.json(), { clientId: 'm2m-client-reader' }, `${platform}: @M2M('clientId')`)
      const refused = await get('/users', writer)
      assert.equal(refused.status, 403, `${platform}: writer`)
      assert.match(refused.headers.get('www-authenticate'), /error="insufficient_scope"/, `${platform}: 403 challenge`)
      assert.deepEqual(errors, [], `${platform}: nothing logged at ERROR`)
    } finally {
      await app.close()
    }
    console.log(`${platform}: ok`)
  }
  await stytch.close()
}

module.exports = { checkNestApp }
