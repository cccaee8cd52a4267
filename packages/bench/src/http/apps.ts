import { createServer, type Server } from 'node:http'
import Router from '@koa/router'
import type { Verifier } from '@m2m-guard/core'
import { m2mAuth as expressM2mAuth, requireScopes as expressRequireScopes } from '@m2m-guard/express'
import { m2mGuard } from '@m2m-guard/fastify'
import { m2mAuth as koaM2mAuth, requireScopes as koaRequireScopes } from '@m2m-guard/koa'
import express from 'express'
import Fastify from 'fastify'
import Koa from 'koa'
import { REQUIRED_SCOPE } from '../fixtures/project.js'
import { ROUTE } from './http-case.js'

/** A started server: its port and how to close it. */
export interface RunningApp {
  readonly port: number
  readonly close: () => Promise<void>
}

/**
 * What the plain routes answer as the caller: as long as the fixture's client ids (`m2m-client-test-<uuid>`, 52
 * characters), so a plain and a protected response have the same size and only the auth work differs. With
 * `'anonymous'` the protected body was 43 bytes longer, which alone cost Koa about 0.4 µs and 2 % of req/s.
 */
export const ANONYMOUS = 'anonymous'.padEnd('m2m-client-test-'.length + 36, '-')

function listen(server: Server): Promise<RunningApp> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      if (address === null || typeof address === 'string') return reject(new Error('no port'))
      resolve({ port: address.port, close: () => new Promise((done) => server.close(() => done())) })
    })
  })
}

/**
 * Express: `GET /api/users` answering `{ caller }`, plain or behind `m2mAuth` + `requireScopes('read:users')`.
 *
 * @param verifier - The verifier to protect the route with; `undefined` for the plain app.
 * @param fused - Give the scope to `m2mAuth` / the plugin instead of a separate `requireScopes` step.
 * @returns The running server.
 */
export function startExpress(verifier: Verifier | undefined, fused = false): Promise<RunningApp> {
  const app = express()
  app.disable('x-powered-by')
  if (verifier === undefined) {
    app.get(ROUTE, (_req, res) => {
      res.json({ caller: ANONYMOUS })
    })
  } else if (fused) {
    app.get(ROUTE, expressM2mAuth({ verifier, requiredScopes: [REQUIRED_SCOPE] }), (req, res) => {
      res.json({ caller: req.m2m?.clientId })
    })
  } else {
    app.get(ROUTE, expressM2mAuth({ verifier }), expressRequireScopes(REQUIRED_SCOPE), (req, res) => {
      res.json({ caller: req.m2m?.clientId })
    })
  }
  return listen(createServer(app))
}

/**
 * Koa with @koa/router: the same route, plain or behind `m2mAuth` + `requireScopes('read:users')`.
 *
 * @param verifier - The verifier to protect the route with; `undefined` for the plain app.
 * @param fused - Give the scope to `m2mAuth` / the plugin instead of a separate `requireScopes` step.
 * @returns The running server.
 */
export function startKoa(verifier: Verifier | undefined, fused = false): Promise<RunningApp> {
  const app = new Koa()
  const router = new Router()
  if (verifier === undefined) {
    router.get(ROUTE, (ctx) => {
      ctx.body = { caller: ANONYMOUS }
    })
  } else if (fused) {
    router.get(ROUTE, koaM2mAuth({ verifier, requiredScopes: [REQUIRED_SCOPE] }), (ctx) => {
      ctx.body = { caller: ctx.state.m2m?.clientId }
    })
  } else {
    router.get(ROUTE, koaM2mAuth({ verifier }), koaRequireScopes(REQUIRED_SCOPE), (ctx) => {
      ctx.body = { caller: ctx.state.m2m?.clientId }
    })
  }
  app.use(router.routes())
  return listen(createServer(app.callback()))
}

/**
 * Fastify: the same route, plain or in a context with the `m2mGuard` plugin and `requireScopes('read:users')`.
 *
 * @param verifier - The verifier to protect the route with; `undefined` for the plain app.
 * @param fused - Give the scope to `m2mAuth` / the plugin instead of a separate `requireScopes` step.
 * @returns The running server.
 */
export async function startFastify(verifier: Verifier | undefined, fused = false): Promise<RunningApp> {
  const app = Fastify({ logger: false })
  if (verifier === undefined) {
    app.get(ROUTE, async () => ({ caller: ANONYMOUS }))
  } else if (fused) {
    await app.register(async (scope) => {
      await scope.register(m2mGuard, { verifier, requiredScopes: [REQUIRED_SCOPE] })
      scope.get(ROUTE, async (request) => ({ caller: request.m2m?.clientId }))
    })
  } else {
    await app.register(async (scope) => {
      await scope.register(m2mGuard, { verifier })
      scope.get(ROUTE, { preHandler: scope.requireScopes(REQUIRED_SCOPE) }, async (request) => ({
        caller: request.m2m?.clientId,
      }))
    })
  }
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return { port: address.port, close: () => app.close() }
}
