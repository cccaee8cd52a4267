import Koa, { type Middleware } from 'koa'
import { serve } from '../../../../test/support/loopback.js'

export { type FakeStytch, fakeStytch, serve } from '../../../../test/support/loopback.js'

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
