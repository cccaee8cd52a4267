import type { M2MAuth } from '@m2m-guard/core'
import { createGuard, type Guard, type M2MAuthOptions } from '@m2m-guard/core'
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

/** The guard that authenticated each request, so `requireScopes` answers with the same realm and error mode. */
export const guards: WeakMap<Context, Guard> = new WeakMap()

/**
 * Koa 2/3 middleware that accepts only requests with a valid Stytch M2M access token
 * (`Authorization: Bearer <token>`, RFC 6750) and stores the verified caller on `ctx.state.m2m`.
 *
 * Failures are answered with the error's status, `WWW-Authenticate`, `Retry-After` where set,
 * `Cache-Control: no-store` and a `{ error, error_description }` JSON body, and the rest of the chain does not run;
 * with `errorHandling: 'delegate'` the error is thrown instead. Create it once and reuse it: it owns the verifier's
 * key and token caches.
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
  return async (ctx, next) => {
    guards.set(ctx, guard)
    let auth: M2MAuth | null
    try {
      auth = await guard.authenticate(ctx.req.rawHeaders)
    } catch (error) {
      return fail(ctx, error, guard.delegate)
    }
    if (auth !== null) ctx.state.m2m = auth
    await next()
  }
}
