import type { ConnectedAppAuth, M2MTokenAuth } from '@m2m-guard/express'
import { m2mAuth } from '@m2m-guard/express'
import type { Request } from 'express'
import { expectTypeOf } from 'vitest'

// req.m2m carries every kind (declaration merging holds one type); narrowing on `kind` gives each one's fields.
declare const req: Request
const caller = req.m2m
if (caller?.kind === 'connected-app') {
  expectTypeOf(caller).toEqualTypeOf<ConnectedAppAuth>()
  expectTypeOf(caller.subject).toEqualTypeOf<string>()
  expectTypeOf(caller.organizationId).toEqualTypeOf<string | undefined>()
} else if (caller?.kind === 'm2m') {
  expectTypeOf(caller).toEqualTypeOf<M2MTokenAuth>()
  // @ts-expect-error an M2M caller has no subject
  caller.subject
}

// tokenKinds and requiredAudience pass through the adapter's Stytch options.
m2mAuth({ projectId: 'project-test-1', tokenKinds: ['m2m', 'connected-app'], requiredAudience: 'https://api.example' })
// @ts-expect-error not a token kind
m2mAuth({ projectId: 'project-test-1', tokenKinds: ['session'] })
