import type { M2MAuth } from '@m2m-guard/core'
import { createGuard, type Guard, isPreflight, type M2MAuthOptions } from '@m2m-guard/core'
import type { Request, RequestHandler } from 'express'
import { fail } from './fail.js'

declare global {
  // Express's own extension point: `express-serve-static-core`'s `Request` extends `Express.Request`. Merging
  // here needs no import of that package, which strict installs (pnpm) do not let this package resolve.
  namespace Express {
    interface Request {
      /**
       * The verified M2M caller, set by `m2mAuth`. `undefined` on routes it does not guard, and with
       * `required: false` when the request carried no token.
       */
      m2m?: M2MAuth
    }
  }
}

/** Where a request keeps the guard that authenticated it, so `requireScopes` answers with the same realm and mode. */
const GUARD = Symbol('m2m-guard')

/**
 * The guard that authenticated `req`, if any. A symbol-keyed property: invisible to other code and gone with the
 * request, with no side table to manage.
 *
 * @param req - The request.
 * @returns The guard of the `m2mAuth` that ran on it.
 */
export function guardOf(req: Request): Guard | undefined {
  return (req as Request & { [GUARD]?: Guard })[GUARD]
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
 * @param options - `verifier` or Stytch verifier options (`projectId`, …), plus scopes, `maxTokenAge`, `required`,
 *   `realm` and `errorHandling`.
 * @returns The middleware. It answers `ERR_MISSING_TOKEN` (401), `ERR_INVALID_REQUEST` (400, also for two
 *   `Authorization` headers), `ERR_TOKEN_*` (401), `ERR_INSUFFICIENT_SCOPE` (403), `ERR_JWKS_UNAVAILABLE` (503).
 * @throws {TypeError} at creation, naming the option, when an option is missing, unknown or invalid.
 * @example
 * app.use('/api', m2mAuth({ projectId: 'project-live-…' }))
 * app.get('/api/users', requireScopes('read:users'), (req, res) => res.json({ caller: req.m2m?.clientId }))
 */
export function m2mAuth(options: M2MAuthOptions): RequestHandler {
  const guard = createGuard(options)
  return (req, res, next) => {
    // Browsers send preflights without credentials: a 401 here would block every cross-origin call.
    if (isPreflight(req.method, (name) => req.headers[name])) {
      next()
      return
    }
    ;(req as Request & { [GUARD]?: Guard })[GUARD] = guard
    // A token verified before is answered in the same tick: deferring costs Express more than the check itself.
    let known: M2MAuth | null | undefined
    try {
      known = guard.authenticateSync(req.rawHeaders)
    } catch (error) {
      fail(error, res, next, guard.delegate)
      return
    }
    if (known !== undefined) {
      if (known !== null) req.m2m = known
      next()
      return
    }
    // Express 4 ignores returned promises, so both outcomes call `next` or answer explicitly.
    guard.authenticate(req.rawHeaders).then(
      (auth) => {
        if (auth !== null) req.m2m = auth
        next()
      },
      (error: unknown) => fail(error, res, next, guard.delegate),
    )
  }
}
