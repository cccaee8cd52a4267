import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { createTestIssuer } from '@m2m-guard/testing'
import Koa, { type Middleware } from 'koa'

/**
 * A fake Stytch project served on loopback by the testing package's own `issuer.listen()`, and the `m2mAuth`
 * options (`projectId`, `baseUrl`) that verify its tokens.
 */
export async function fakeStytch() {
  const issuer = await createTestIssuer()
  const server = await issuer.listen()
  return { issuer, stytch: { projectId: issuer.projectId, baseUrl: server.url }, close: () => server.close() }
}

/** What {@link fakeStytch} resolves to. */
export type FakeStytch = Awaited<ReturnType<typeof fakeStytch>>

/**
 * Runs `chain`, then a handler that echoes the caller, on a Koa app; sends one `GET /` with the given
 * Authorization; and says whether the handler ran.
 */
export async function get(chain: Middleware[], authorization?: string): Promise<{ res: Response; handled: boolean }> {
  const app = new Koa()
  app.silent = true
  let handled = false
  for (const middleware of chain) app.use(middleware)
  app.use((ctx) => {
    handled = true
    const m2m = ctx.state.m2m
    ctx.body = { clientId: m2m?.clientId ?? null, frozen: m2m === undefined ? null : Object.isFrozen(m2m) }
  })
  // Koa's own listen() on loopback; closing also drops the keep-alive connection fetch leaves open.
  const server = app.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  try {
    const res = await fetch(`http://127.0.0.1:${port}/`, {
      headers: authorization === undefined ? {} : { authorization },
    })
    return { res, handled }
  } finally {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}

/** Middleware that records what the rest of the chain throws and answers 599. */
export function capture(seen: unknown[]): Middleware {
  return async (ctx, next) => {
    try {
      await next()
    } catch (error) {
      seen.push(error)
      ctx.status = 599
    }
  }
}
