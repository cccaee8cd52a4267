import type { M2MAuth } from '@m2m-guard/core'
import {
  createGuard,
  type Guard,
  type GuardResult,
  isPreflight,
  type M2MAuthOptions,
  type ScopeRule,
} from '@m2m-guard/core/adapter'
import type { NextFunction, Request, RequestHandler, Response } from 'express'
import { fail } from './fail.js'

declare global {
  // Express's own extension point: `express-serve-static-core`'s `Request` extends `Express.Request`. Merging
  // here needs no import of that package, which strict installs (pnpm) do not let this package resolve.
  namespace Express {
    interface Request {
      m2m?: M2MAuth
    }
  }
}

/** The middleware `m2mAuth` returns, with scope gates bound to its realm and error handling. */
export interface M2MAuthMiddleware extends RequestHandler {
  /**
   * A route-level gate: ALL of `scopes`, answered like this middleware's failures (same realm, same mode).
   *
   * @throws {TypeError} when no scope is given or one is not a scope-token.
   */
  requireScopes(...scopes: string[]): RequestHandler
  /**
   * A route-level gate: ANY ONE of `scopes`, answered like this middleware's failures.
   *
   * @throws {TypeError} when no scope is given or one is not a scope-token.
   */
  requireAnyScope(...scopes: string[]): RequestHandler
  /**
   * Serves the `resourceMetadata` document at its well-known path and passes every other request on: mount it
   * app-wide (`app.use(auth.serveMetadata)`) when `m2mAuth` itself guards only some paths (`app.use('/mcp', auth)`).
   * Without `resourceMetadata` it passes everything on.
   */
  readonly serveMetadata: RequestHandler
}

/** Answers a request for the metadata document, if it is one; `true` when answered. */
function serveMetadata(guard: Guard, req: Request, res: Response): boolean {
  if (guard.resourceMetadata === undefined) return false
  const url = req.originalUrl
  const query = url.indexOf('?')
  const served = guard.metadataResponse(req.method, query === -1 ? url : url.slice(0, query))
  if (served === undefined) return false
  res.status(served.status).set(served.headers).end(served.body)
  return true
}

function settle(guard: Guard, result: GuardResult, req: Request, res: Response, next: NextFunction): void {
  if (!result.ok) {
    fail(guard, result.error, res, next)
    return
  }
  if (result.auth !== null) req.m2m = result.auth
  next()
}

function boundGate(guard: Guard, rule: ScopeRule, scopes: readonly string[], name: string): RequestHandler {
  const check = guard.scopeGate(rule, scopes, name)
  return (req, res, next) => {
    // A preflight was let through unauthenticated by `m2mAuth`; it has no caller to check.
    const failure = req.method === 'OPTIONS' && isPreflight(req) ? undefined : check(req.m2m)
    if (failure === undefined) next()
    else fail(guard, failure.error, res, next)
  }
}

/**
 * Express 4/5 middleware that accepts only requests with a valid Stytch M2M access token
 * (`Authorization: Bearer <token>`, RFC 6750) and stores the verified caller on `req.m2m`.
 *
 * Failures are answered with the error's status, `WWW-Authenticate`, `Retry-After` where set,
 * `Cache-Control: no-store` and a `{ error, error_description }` JSON body; with `errorHandling: 'delegate'` they
 * go to `next(err)` instead. Create it once and reuse it: it owns the verifier's key and token caches.
 *
 * A CORS preflight (`OPTIONS` with `Access-Control-Request-Method`) carries no credentials by design: it goes on to
 * the next handler (your CORS middleware) unauthenticated, without `req.m2m`. A plain `OPTIONS` is authenticated.
 *
 * With `resourceMetadata` (from `createResourceMetadata()`), requests for the metadata's well-known path are
 * answered with the document, unauthenticated, and every 401/403 names it in `resource_metadata` (MCP servers).
 *
 * @param options - `verifier` or Stytch verifier options (`projectId`, …), plus scopes, `maxTokenAge`, `required`,
 *   `realm`, `errorHandling` and `resourceMetadata`.
 * @returns The middleware, with `.requireScopes()` / `.requireAnyScope()` gates bound to it. It answers
 *   `ERR_MISSING_TOKEN` (401), `ERR_INVALID_REQUEST` (400, also for two `Authorization` headers), `ERR_TOKEN_*`
 *   (401), `ERR_INSUFFICIENT_SCOPE` (403), `ERR_JWKS_UNAVAILABLE` (503).
 * @throws {TypeError} at creation, naming the option, when an option is missing, unknown or invalid.
 * @example
 * const auth = m2mAuth({ projectId: 'project-live-…', realm: 'billing' })
 * app.get('/api/users', auth, auth.requireScopes('read:users'), (req, res) => res.json({ caller: req.m2m?.clientId }))
 */
export function m2mAuth(options: M2MAuthOptions): M2MAuthMiddleware {
  const guard = createGuard(options, { name: 'm2mAuth' })
  const middleware: RequestHandler = (req, res, next) => {
    // The metadata is read before the client has a token (RFC 9728 §3): never authenticated.
    if (serveMetadata(guard, req, res)) return
    const result = guard.authenticate(req)
    // Express 4 ignores returned promises, so both outcomes call `next` or answer explicitly. A token verified
    // before is answered in the same tick: deferring costs Express more than the check itself.
    if ('then' in result) result.then((settled) => settle(guard, settled, req, res, next))
    else settle(guard, result, req, res, next)
  }
  return Object.assign(middleware, {
    requireScopes: (...scopes: string[]) => boundGate(guard, 'all', scopes, 'requireScopes()'),
    requireAnyScope: (...scopes: string[]) => boundGate(guard, 'any', scopes, 'requireAnyScope()'),
    serveMetadata: ((req, res, next) => {
      if (!serveMetadata(guard, req, res)) next()
    }) satisfies RequestHandler,
  })
}
