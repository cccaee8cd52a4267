import { type M2MAuth, m2mAuth, type Verifier } from '@m2m-guard/hono'
import { Hono } from 'hono'

// Runtime-neutral on purpose: only Hono, @m2m-guard/hono and the Fetch API, so Node, Bun, Deno and Workers run this
// file unchanged. Each runtime's entry (node.ts, bun.ts, deno.ts, worker.ts) only creates the verifier and serves.

/** What the app needs: a verifier, created once at start-up (it caches the project's keys and verified tokens). */
export interface AppOptions {
  verifier: Verifier
}

interface User {
  id: number
  name: string
}

const INVALID_NAME = { error: 'invalid_request', error_description: 'Send {"name": "…"}' }

/**
 * Builds the example API. Serving it is the runtime entry's job, so tests and every runtime build the same app.
 *
 * - `GET /health`: public.
 * - `GET /users`: needs a token with `read:users`.
 * - `POST /users`: needs `write:users`; body `{ "name": "…" }`.
 * - `GET /whoami`: a token is optional; answers who called.
 *
 * @param options - The verifier.
 * @returns The Hono app; `app.fetch` is its Fetch handler.
 * @example
 * const app = createApp({ verifier: createStytchVerifier({ projectId: 'project-live-…' }) })
 * export default { fetch: app.fetch }
 */
export function createApp({ verifier }: AppOptions): Hono {
  const users: User[] = [{ id: 1, name: 'Grace' }]
  const app = new Hono()

  // One middleware verifies the token (401 without a valid one); its bound gate then checks scopes (403).
  // `c.var.m2m` is typed by the middleware: the verified caller here, possibly undefined where auth is optional.
  const authenticated = m2mAuth({ verifier })
  // Same verifier, so the same key and token caches; a request without a token passes with `c.var.m2m` unset.
  const maybeAuthenticated = m2mAuth({ verifier, required: false })

  app.get('/health', (c) => c.json({ status: 'ok' }))

  app.get('/users', authenticated, authenticated.requireScopes('read:users'), (c) => c.json({ users }))

  // The body is read only after the caller is authorized: anonymous requests cost no parsing.
  app.post('/users', authenticated, authenticated.requireScopes('write:users'), async (c) => {
    const body: unknown = await c.req.json().catch(() => undefined)
    if (body === undefined) return c.json({ error: 'invalid_request' }, 400)
    const name: unknown = (body as { name?: unknown } | null)?.name
    if (typeof name !== 'string' || name.trim() === '') return c.json(INVALID_NAME, 400)
    const user = { id: users.length + 1, name }
    users.push(user)
    // c.var.m2m is the verified caller: clientId (the token's `sub`), scopes, customClaims, claims.
    return c.json({ user, createdBy: c.var.m2m.clientId }, 201)
  })

  app.get('/whoami', maybeAuthenticated, (c) => {
    const caller: M2MAuth | undefined = c.var.m2m
    return c.json(caller ? { anonymous: false, clientId: caller.clientId, scopes: caller.scopes } : { anonymous: true })
  })

  // Errors that are not auth failures (a bug): a JSON answer, never a stack trace.
  app.onError((error, c) => {
    console.error(error)
    return c.json({ error: 'server_error' }, 500)
  })

  return app
}
