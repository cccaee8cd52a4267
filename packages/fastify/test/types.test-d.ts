import type { M2MAuth, Verifier } from '@m2m-guard/core'
import m2mGuard, { type M2MAuthOptions, type M2MRouteConfig, type ScopeHandler } from '@m2m-guard/fastify'
import Fastify, { type FastifyContextConfig, type FastifyPluginAsync, type FastifyRequest } from 'fastify'
import { expectTypeOf } from 'vitest'

declare const verifier: Verifier

// request.m2m is the verified caller, or null (the decorateRequest placeholder; optional auth without a token).
expectTypeOf<FastifyRequest['m2m']>().toEqualTypeOf<M2MAuth | null>()

// The default export is a plugin taking the options; the instance gains requireScopes / requireAnyScope.
expectTypeOf(m2mGuard).toEqualTypeOf<FastifyPluginAsync<M2MAuthOptions>>()
const app = Fastify()
expectTypeOf(app.requireScopes).parameters.toEqualTypeOf<string[]>()
expectTypeOf(app.requireScopes).returns.toEqualTypeOf<ScopeHandler>()
expectTypeOf(app.requireAnyScope).returns.toEqualTypeOf<ScopeHandler>()

// Route-level requirements live in the route config.
expectTypeOf<FastifyContextConfig['m2m']>().toEqualTypeOf<M2MRouteConfig | undefined>()
async function routes(): Promise<void> {
  await app.register(m2mGuard, { verifier, required: false })
  app.get('/users', { preHandler: app.requireScopes('read:users') }, async (request) => request.m2m?.clientId)
  app.get('/admin', { config: { m2m: { requiredScopes: ['admin:*'], maxTokenAge: 300 } } }, async () => 'ok')
  // @ts-expect-error requiredScopes is a list
  app.get('/bad', { config: { m2m: { requiredScopes: 'admin:*' } } }, async () => 'ok')
  // @ts-expect-error the 0.1 name `scopes` is gone: one spelling per concept
  app.get('/old', { config: { m2m: { scopes: ['admin:*'] } } }, async () => 'ok')
  // @ts-expect-error verifier and projectId exclude each other
  await app.register(m2mGuard, { verifier, projectId: 'project-test-1' })
}
expectTypeOf(routes).toBeFunction()

// Either a verifier or Stytch verifier options, with the route options on top.
expectTypeOf({ verifier, errorHandling: 'delegate' as const }).toMatchTypeOf<M2MAuthOptions>()
expectTypeOf({ projectId: 'project-test-1', realm: 'orders' }).toMatchTypeOf<M2MAuthOptions>()
expectTypeOf({ verifier, baseUrl: 'http://127.0.0.1:1' }).not.toMatchTypeOf<M2MAuthOptions>()
expectTypeOf({ maxTokenAge: 60 }).not.toMatchTypeOf<M2MAuthOptions>()
