// Type-checks the public types of every package in a project without msw, with skipLibCheck: false.

import { createTokenSource, type TokenSource } from '@m2m-guard/client'
import { createStytchVerifier, type M2MAuthError } from '@m2m-guard/core'
import { m2mAuth } from '@m2m-guard/express'
import { m2mGuard } from '@m2m-guard/fastify'
import { m2mAuth as koaM2mAuth } from '@m2m-guard/koa'
import { bypassLoopback, createTestIssuer, type TestIssuer } from '@m2m-guard/testing'

export const verifier = createStytchVerifier({ projectId: 'project-test-00000000-0000-4000-8000-000000000000' })
export const middlewares = [m2mAuth({ verifier }), koaM2mAuth({ verifier })] as const
export const plugin: typeof m2mGuard = m2mGuard
export const strategy: typeof bypassLoopback = bypassLoopback
export type Failure = M2MAuthError['code']
export async function issuer(): Promise<TestIssuer> {
  return createTestIssuer()
}
export function tokens(): TokenSource {
  return createTokenSource({
    projectId: 'project-test-00000000-0000-4000-8000-000000000000',
    clientId: 'c',
    clientSecret: 's',
  })
}
