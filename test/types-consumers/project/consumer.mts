// A user's project as the type checker sees it: every published package imported through its `exports`, the
// adapters wired into their frameworks, and the results used with their declared types.
import * as client from '@m2m-guard/client'
import * as core from '@m2m-guard/core'
import { createStytchVerifier, type M2MAuth, m2mAuth, requireScopes } from '@m2m-guard/express'
import { m2mGuard } from '@m2m-guard/fastify'
import * as koaGuard from '@m2m-guard/koa'
import { createTestIssuer, type TestIssuer } from '@m2m-guard/testing'
import express from 'express'
import Fastify from 'fastify'
import Koa from 'koa'
import { setupServer } from 'msw/node'

const verifier = createStytchVerifier({ projectId: 'project-test-00000000-0000-4000-8000-000000000000' })

const app = express()
app.get('/users', m2mAuth({ verifier }), requireScopes('read:users'), (req, res) => {
  const caller: string | undefined = req.m2m?.clientId
  res.json({ caller })
})

const koa = new Koa()
koa.use(koaGuard.m2mAuth({ verifier }))
koa.use((ctx) => {
  const auth: M2MAuth | undefined = ctx.state.m2m
  ctx.body = { caller: auth?.clientId ?? null }
})

const fastify = Fastify()
await fastify.register(m2mGuard, { verifier })
fastify.get('/users', { preHandler: fastify.requireScopes('read:users') }, async (request) => ({
  caller: request.m2m?.clientId,
}))

const issuer: TestIssuer = await createTestIssuer({})
const token: string = await issuer.mint({ clientId: 'm2m-client-1', scopes: ['read:users'] })
const auth: M2MAuth = await verifier.authenticate(`Bearer ${token}`)
const server = setupServer(...issuer.handlers())
// One project checks against msw 2 and 3, which name this option differently: a variable carries both.
const unhandledIsError = { onUnhandledRequest: 'error', onUnhandledFrame: 'error' } as const
server.listen(unhandledIsError)
const scopes: readonly string[] = auth.scopes

const source = client.createTokenSource({ projectId: issuer.projectId, clientId: 'id', clientSecret: 'secret' })
const pending: Promise<string> = source.getToken()

export { core, pending, scopes, server }
