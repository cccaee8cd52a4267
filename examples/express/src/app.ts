import { m2mAuth, requireScopes, type Verifier } from '@m2m-guard/express'
import express, { type ErrorRequestHandler, type Express } from 'express'

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
 * @returns The Express app.
 * @example
 * const app = createApp({ verifier: createStytchVerifier({ projectId: process.env.STYTCH_PROJECT_ID! }) })
 * app.listen(3000)
 */
export function createApp({ verifier }: AppOptions): Express {
  const users: User[] = [{ id: 1, name: 'Grace' }]
  const app = express()
  app.disable('x-powered-by')

  // One middleware verifies the token (401 without a valid one); requireScopes then checks scopes (403).
  const authenticated = m2mAuth({ verifier })
  // Same verifier, so the same key and token caches; a request without a token passes with `req.m2m` unset.
  const maybeAuthenticated = m2mAuth({ verifier, required: false })

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' })
  })

  app.get('/users', authenticated, requireScopes('read:users'), (_req, res) => {
    res.json({ users })
  })

  // The body is parsed only after the caller is authorized: anonymous requests cost no parsing.
  app.post('/users', authenticated, requireScopes('write:users'), express.json(), (req, res) => {
    const name: unknown = req.body?.name
    if (typeof name !== 'string' || name.trim() === '') {
      res.status(400).json({ error: 'invalid_request', error_description: 'Send {"name": "…"}' })
      return
    }
    const user = { id: users.length + 1, name }
    users.push(user)
    // req.m2m is the verified caller: clientId (the token's `sub`), scopes, customClaims, claims.
    res.status(201).json({ user, createdBy: req.m2m?.clientId })
  })

  app.get('/whoami', maybeAuthenticated, (req, res) => {
    res.json(req.m2m ? { anonymous: false, clientId: req.m2m.clientId, scopes: req.m2m.scopes } : { anonymous: true })
  })

  // Errors that are not auth failures (e.g. malformed JSON): a JSON answer, never a stack trace.
  const onError: ErrorRequestHandler = (error: { status?: number }, _req, res, _next) => {
    const status = error.status !== undefined && error.status >= 400 && error.status < 500 ? error.status : 500
    if (status === 500) console.error(error)
    res.status(status).json({ error: status === 500 ? 'server_error' : 'invalid_request' })
  }
  app.use(onError)

  return app
}
