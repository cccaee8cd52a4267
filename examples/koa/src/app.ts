import { Router } from '@koa/router'
import { m2mAuth, requireScopes, type Verifier } from '@m2m-guard/koa'
import Koa, { type Context } from 'koa'

/** What the app needs: a verifier, created once at start-up (it caches the project's keys and verified tokens). */
export interface AppOptions {
  verifier: Verifier
}

interface User {
  id: number
  name: string
}

/**
 * Builds the example API. Server start-up is in `server.ts`, so tests and the demo can build the app on any port.
 *
 * - `GET /health`: public.
 * - `GET /users`: needs a token with `read:users`.
 * - `POST /users`: needs `write:users`; body `{ "name": "…" }`.
 * - `GET /whoami`: a token is optional; answers who called.
 *
 * @param options - The verifier.
 * @returns The Koa app; serve it with `app.listen(port)` or `http.createServer(app.callback())`.
 * @example
 * const app = createApp({ verifier: createStytchVerifier({ projectId: process.env.STYTCH_PROJECT_ID! }) })
 * app.listen(3000)
 */
export function createApp({ verifier }: AppOptions): Koa {
  const users: User[] = [{ id: 1, name: 'Grace' }]
  const app = new Koa()
  const router = new Router()

  // One middleware verifies the token (401 without a valid one); requireScopes then checks scopes (403).
  const authenticated = m2mAuth({ verifier })
  // Same verifier, so the same key and token caches; a request without a token passes with `ctx.state.m2m` unset.
  const maybeAuthenticated = m2mAuth({ verifier, required: false })

  router.get('/health', (ctx) => {
    ctx.body = { status: 'ok' }
  })

  router.get('/users', authenticated, requireScopes('read:users'), (ctx) => {
    ctx.body = { users }
  })

  // The body is read only after the caller is authorized: anonymous requests cost no parsing.
  router.post('/users', authenticated, requireScopes('write:users'), async (ctx) => {
    const name = (await readJson(ctx))?.name
    if (typeof name !== 'string' || name.trim() === '') {
      ctx.status = 400
      ctx.body = { error: 'invalid_request', error_description: 'Send {"name": "…"}' }
      return
    }
    const user = { id: users.length + 1, name }
    users.push(user)
    ctx.status = 201
    // ctx.state.m2m is the verified caller: clientId (the token's `sub`), scopes, customClaims, claims.
    ctx.body = { user, createdBy: ctx.state.m2m?.clientId }
  })

  router.get('/whoami', maybeAuthenticated, (ctx) => {
    const caller = ctx.state.m2m
    ctx.body = caller ? { anonymous: false, clientId: caller.clientId, scopes: caller.scopes } : { anonymous: true }
  })

  app.use(router.routes()).use(router.allowedMethods())
  return app
}

// A small JSON body reader to keep the example dependency-free; a real app would use @koa/bodyparser.
async function readJson(ctx: Context): Promise<Record<string, unknown> | undefined> {
  if (!ctx.is('application/json')) return undefined
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > 16_384) ctx.throw(413)
    chunks.push(chunk)
  }
  try {
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'))
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}
