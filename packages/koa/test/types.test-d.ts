import type { M2MAuth, Verifier } from '@m2m-guard/core'
import { type M2MAuthMiddleware, type M2MAuthOptions, m2mAuth, requireAnyScope, requireScopes } from '@m2m-guard/koa'
import type { DefaultState, Middleware, ParameterizedContext } from 'koa'
import { expectTypeOf } from 'vitest'

declare const verifier: Verifier

// ctx.state.m2m is the verified caller, optional: routes without m2mAuth, and optional auth, have none.
expectTypeOf<DefaultState['m2m']>().toEqualTypeOf<M2MAuth | undefined>()
expectTypeOf<ParameterizedContext['state']['m2m']>().toEqualTypeOf<M2MAuth | undefined>()

// The middleware factories return plain Koa middleware.
expectTypeOf(m2mAuth).returns.toMatchTypeOf<Middleware>()
// …with scope gates bound to it.
expectTypeOf(m2mAuth).returns.toEqualTypeOf<M2MAuthMiddleware>()
expectTypeOf<M2MAuthMiddleware['requireScopes']>().returns.toEqualTypeOf<Middleware>()
expectTypeOf(requireScopes).parameters.toEqualTypeOf<string[]>()
expectTypeOf(requireScopes).returns.toEqualTypeOf<Middleware>()
expectTypeOf(requireAnyScope).returns.toEqualTypeOf<Middleware>()

// Either a verifier or Stytch verifier options, with the route options on top.
expectTypeOf({ verifier }).toMatchTypeOf<M2MAuthOptions>()
expectTypeOf({ projectId: 'project-test-1', baseUrl: 'http://127.0.0.1:1' }).toMatchTypeOf<M2MAuthOptions>()
expectTypeOf({
  projectId: 'project-test-1',
  requiredScopes: ['read:users'],
  anyScopes: ['admin:*'],
  maxTokenAge: 300,
  required: false,
  realm: 'orders',
  errorHandling: 'delegate' as const,
}).toMatchTypeOf<M2MAuthOptions>()

// `verifier` and `projectId` exclude each other, one of them is required, and verifier options need projectId.
expectTypeOf({ verifier, projectId: 'project-test-1' }).not.toMatchTypeOf<M2MAuthOptions>()
expectTypeOf({ verifier, jwks: {} }).not.toMatchTypeOf<M2MAuthOptions>()
expectTypeOf({ required: false }).not.toMatchTypeOf<M2MAuthOptions>()
expectTypeOf({ verifier, errorHandling: 'throw' }).not.toMatchTypeOf<M2MAuthOptions>()

// Mistakes a user makes, refused by the compiler (issue 13).
function mistakes(): void {
  // @ts-expect-error unknown option name: requiredScopes
  m2mAuth({ verifier, requireScopes: ['read:users'] })
  // @ts-expect-error verifier and projectId exclude each other
  m2mAuth({ verifier, projectId: 'project-test-1' })
  // @ts-expect-error not a token kind
  m2mAuth({ projectId: 'project-test-1', tokenKinds: ['session'] })
  // @ts-expect-error scopes are strings
  m2mAuth({ verifier, requiredScopes: [1] })
  // @ts-expect-error errorHandling is 'respond' or 'delegate'
  m2mAuth({ verifier, errorHandling: 'throw' })
  // @ts-expect-error the gates take scopes, not options
  m2mAuth({ verifier }).requireScopes({ realm: 'orders' })
  // @ts-expect-error the standalone gates take scopes only
  requireAnyScope(['read:users'])
}
expectTypeOf(mistakes).toBeFunction()
