import type { M2MAuth } from '@m2m-guard/core'
import { createGuard, type Guard, isPreflight, type M2MAuthOptions } from '@m2m-guard/core'
import type { Context, Middleware } from 'koa'
import { fail } from './fail.js'

declare module 'koa' {
  interface DefaultState {
    /**
     * The verified M2M caller, set by `m2mAuth`. `undefined` on routes it does not guard, and with
     * `required: false` when the request carried no token.
     */
    m2m?: M2MAuth
  }
}

/** Where a context keeps the guard that authenticated it, so `requireScopes` answers with the same realm and mode. */
const GUARD = Symbol('m2m-guard')

/**
 * The guard that authenticated `ctx`, if any. A symbol-keyed property: invisible to other code and gone with the
 * request, with no side table to manage.
 *
 * @param ctx - The Koa context.
 * @returns The guard of the `m2mAuth` that ran on it.
 */
export function guardOf(ctx: Context): Guard | undefined {
  return (ctx as Context & { [GUARD]?: Guard })[GUARD]
}

/**
 * Koa 2/3 middleware that accepts only requests with a valid Stytch M2M access token
 * (`Authorization: Bearer <token>`, RFC 6750) and stores the verified caller on `ctx.state.m2m`.
 *
 * Failures are answered with the error's status, `WWW-Authenticate`, `Retry-After` where set,
 * `Cache-Control: no-store` and a `{ error, error_description }` JSON body, and the rest of the chain does not run;
 * with `errorHandling: 'delegate'` the error is thrown instead. Create it once and reuse it: it owns the verifier's
 * key and token caches.
 *
 * A CORS preflight (`OPTIONS` with `Access-Control-Request-Method`) carries no credentials by design: it goes on to
 * `next()` (your CORS middleware) unauthenticated, without `ctx.state.m2m`. A plain `OPTIONS` is authenticated.
 *
 * @param options - `verifier` or Stytch verifier options (`projectId`, …), plus scopes, `maxTokenAge`, `required`,
 *   `realm` and `errorHandling`.
 * @returns The middleware. It answers `ERR_MISSING_TOKEN` (401), `ERR_INVALID_REQUEST` (400, also for two
 *   `Authorization` headers), `ERR_TOKEN_*` (401), `ERR_INSUFFICIENT_SCOPE` (403), `ERR_JWKS_UNAVAILABLE` (503).
 * @throws {TypeError} at creation, naming the option, when an option is missing, unknown or invalid.
 * @example
 * const auth = m2mAuth({ projectId: 'project-live-…' })
 * router.get('/users', auth, requireScopes('read:users'), (ctx) => {
 *   ctx.body = { caller: ctx.state.m2m?.clientId }
 * })
 */
export function m2mAuth(options: M2MAuthOptions): Middleware {
  const guard = createGuard(options)
  // Not an async function: a token verified before goes on to `next()` without an extra promise hop.
  return (ctx, next) => {
    // Browsers send preflights without credentials: a 401 here would block every cross-origin call.
    if (isPreflight(ctx.method, (name) => ctx.req.headers[name])) return next()
    ;(ctx as Context & { [GUARD]?: Guard })[GUARD] = guard
    const proceed = (auth: M2MAuth | null): Promise<void> => {
      if (auth !== null) ctx.state.m2m = auth
      return next()
    }
    let known: M2MAuth | null | undefined
    try {
      known = guard.authenticateSync(ctx.req.rawHeaders)
    } catch (error) {
      return settle(ctx, error, guard.delegate)
    }
    if (known !== undefined) return proceed(known)
    return guard.authenticate(ctx.req.rawHeaders).then(proceed, (error: unknown) => settle(ctx, error, guard.delegate))
  }
}

/** {@link fail} as a promise: rejected with the error when it is handed to Koa, resolved once answered. */
function settle(ctx: Context, error: unknown, delegate: boolean): Promise<void> {
  try {
    fail(ctx, error, delegate)
    return Promise.resolve()
  } catch (thrown) {
    return Promise.reject(thrown)
  }
}
