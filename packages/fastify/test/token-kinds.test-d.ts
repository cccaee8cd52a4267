import type { ConnectedAppAuth, M2MAuthOptions, M2MTokenAuth } from '@m2m-guard/fastify'
import type { FastifyRequest } from 'fastify'
import { expectTypeOf } from 'vitest'

// request.m2m carries every kind (declaration merging holds one type); narrowing on `kind` gives each one's fields.
declare const request: FastifyRequest
const caller = request.m2m
if (caller?.kind === 'connected-app') {
  expectTypeOf(caller).toEqualTypeOf<ConnectedAppAuth>()
  expectTypeOf(caller.organizationId).toEqualTypeOf<string | undefined>()
} else if (caller !== null) {
  expectTypeOf(caller).toEqualTypeOf<M2MTokenAuth>()
}

expectTypeOf({
  projectId: 'project-test-1',
  tokenKinds: ['m2m', 'connected-app'] as const,
  requiredAudience: 'https://api.example',
}).toMatchTypeOf<M2MAuthOptions>()
// @ts-expect-error not a token kind
export const wrong: M2MAuthOptions = { projectId: 'project-test-1', tokenKinds: ['session'] }
