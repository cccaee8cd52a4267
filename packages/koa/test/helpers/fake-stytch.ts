import { createServer, type RequestListener } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createTestIssuer, type TestIssuer } from '@m2m-guard/testing'
import Koa, { type Middleware } from 'koa'

/** A fake Stytch project on a loopback server. */
export interface FakeStytch {
  issuer: TestIssuer
  /** Options for `m2mAuth` that verify this project's tokens. */
  stytch: { projectId: string; baseUrl: string }
  close(): Promise<void>
}

export async function fakeStytch(): Promise<FakeStytch> {
  const issuer = await createTestIssuer()
  const server = await issuer.listen()
  return { issuer, stytch: { projectId: issuer.projectId, baseUrl: server.url }, close: () => server.close() }
}

/** Serves `listener` on 127.0.0.1 and returns its base URL and a closer. */
export async function serve(listener: RequestListener): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(listener)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}

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
  const server = await serve(app.callback())
  try {
    const res = await fetch(`${server.url}/`, { headers: authorization === undefined ? {} : { authorization } })
    return { res, handled }
  } finally {
    await server.close()
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
