import type { ConnectedAppAuth, M2MTokenAuth } from '@m2m-guard/koa'
import { m2mAuth } from '@m2m-guard/koa'
import type { ParameterizedContext } from 'koa'
import { expectTypeOf } from 'vitest'

// ctx.state.m2m carries every kind (declaration merging holds one type); narrowing on `kind` gives each one's fields.
declare const ctx: ParameterizedContext
const caller = ctx.state.m2m
if (caller?.kind === 'connected-app') {
  expectTypeOf(caller).toEqualTypeOf<ConnectedAppAuth>()
  expectTypeOf(caller.subject).toEqualTypeOf<string>()
} else if (caller?.kind === 'm2m') {
  expectTypeOf(caller).toEqualTypeOf<M2MTokenAuth>()
  // @ts-expect-error an M2M caller has no subject
  caller.subject
}

m2mAuth({ projectId: 'project-test-1', tokenKinds: ['connected-app'], requiredAudience: 'https://api.example' })
// @ts-expect-error not a token kind
m2mAuth({ projectId: 'project-test-1', tokenKinds: ['session'] })
